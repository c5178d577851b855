// Keyboard-wedge scan detection (after Odoo's barcode service): a scanner in keyboard mode "types" a scan
// much faster than a person and ends it with Enter or Tab. Pure and DOM-free so it runs in a renderer and
// in tests; the renderer maps its KeyboardEvents to `WedgeKey`s.
import { normaliseScan } from './normalise.ts';
import type { CardRead, ScanRejected } from './types.ts';

export interface KeyboardWedgeOptions {
  /** Longest pause between two keys of one scan. Odoo asks scanners for ≤ 50 ms between characters. */
  maxGapMs?: number;
  /**
   * One pause per scan may be longer, up to this: Bluetooth scanners wake their radio after the first
   * character, and a busy renderer may stamp one key late. Longer pauses end any burst.
   */
  maxSlowGapMs?: number;
  /** Shorter bursts are typing, not scans. The shortest pass identifier (a 4-byte chip number) has 8. */
  minLength?: number;
  /** Also take scans from keystrokes aimed at input fields (otherwise those are left to the field). */
  allowInEditable?: boolean;
  readerId?: string;
}

export interface WedgeKey {
  /** `KeyboardEvent.key`: one character, or a name such as `Enter`, `Tab`, `Shift`. */
  key: string;
  /** Milliseconds on any monotonic clock (`KeyboardEvent.timeStamp`). */
  time: number;
  /** The key was aimed at an input, textarea or contenteditable element. */
  editable?: boolean;
  /** That element opts in to scans (like Odoo's `data-enable-barcode`). */
  scanAllowed?: boolean;
  /** Wall-clock time for the resulting event; defaults to `Date.now()`. */
  at?: number;
}

export type WedgeResult =
  | { type: 'none' }
  /** A scan ended with this key: the renderer should `preventDefault()` it so Enter does not submit a form. */
  | { type: 'read'; read: CardRead }
  | { type: 'rejected'; rejected: ScanRejected };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);
const NONE: WedgeResult = { type: 'none' };
/** Nothing a scanner sends is longer; longer bursts are pasted text or a stuck key. */
const MAX_BUFFER = 128;
/** How many pauses between `maxGapMs` and `maxSlowGapMs` one scan may contain. */
const SLOW_GAPS_PER_SCAN = 1;

/**
 * Every character is buffered from the first key on; only when Enter or Tab ends the burst is its timing
 * judged, so a scan whose first character came late is still read whole.
 */
export class KeyboardWedgeDetector {
  readonly maxGapMs: number;
  readonly maxSlowGapMs: number;
  readonly minLength: number;
  readonly allowInEditable: boolean;
  readonly readerId: string;
  private keys: { key: string; time: number }[] = [];

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.maxSlowGapMs = Math.max(options.maxSlowGapMs ?? 250, this.maxGapMs);
    this.minLength = options.minLength ?? 8;
    this.allowInEditable = options.allowInEditable ?? false;
    this.readerId = options.readerId ?? 'keyboard';
  }

  /** Feed every keydown. Returns a result only for the key that ends a scan. Never throws. */
  handleKey(event: WedgeKey): WedgeResult {
    const key = typeof event?.key === 'string' ? event.key : '';
    const time = Number.isFinite(event?.time) ? event.time : Number.NaN;
    if (MODIFIERS.has(key)) return NONE;
    if (event.editable === true && !this.allowInEditable && event.scanAllowed !== true) {
      this.reset();
      return NONE;
    }
    if (key === 'Enter' || key === 'Tab') {
      const scan = this.scanEndingAt(time);
      this.reset();
      if (scan.length < this.minLength) return NONE;
      const result = normaliseScan({
        raw: scan,
        readerId: this.readerId,
        source: 'keyboard',
        at: event.at ?? Date.now(),
      });
      return result.ok
        ? { type: 'read', read: result.read }
        : { type: 'rejected', rejected: result.rejected };
    }
    if ([...key].length !== 1) {
      this.reset();
      return NONE;
    }
    const last = this.keys.at(-1);
    // A clock going backwards, a missing time or a long pause: what came before is not part of this burst.
    if (last !== undefined && !this.withinBurst(time - last.time)) this.keys = [];
    if (this.keys.length >= MAX_BUFFER) this.keys.shift();
    this.keys.push({ key, time });
    return NONE;
  }

  reset(): void {
    this.keys = [];
  }

  private withinBurst(gap: number): boolean {
    return Number.isFinite(gap) && gap >= 0 && gap <= this.maxSlowGapMs;
  }

  /**
   * The scan is the longest run of buffered keys before the terminator whose pauses are all at most
   * `maxGapMs`, except for one that may reach `maxSlowGapMs`. Keys typed by hand before it fall away.
   */
  private scanEndingAt(endTime: number): string {
    let next = endTime;
    let slow = 0;
    let start = this.keys.length;
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const gap = next - (this.keys[i] as { time: number }).time;
      if (!this.withinBurst(gap)) break;
      if (gap > this.maxGapMs && ++slow > SLOW_GAPS_PER_SCAN) break;
      start = i;
      next = (this.keys[i] as { time: number }).time;
    }
    return this.keys
      .slice(start)
      .map((k) => k.key)
      .join('');
  }
}
