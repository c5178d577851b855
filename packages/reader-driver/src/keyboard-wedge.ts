// Keyboard-wedge scan detection (after Odoo's barcode service): a scanner in keyboard mode "types" a scan
// much faster than a person and ends it with Enter or Tab. Pure and DOM-free so it runs in a renderer and
// in tests; the renderer maps its KeyboardEvents to `WedgeKey`s.
import { normaliseScan } from './normalise.ts';
import type { CardRead, ScanRejected } from './types.ts';

export interface KeyboardWedgeOptions {
  /** Longest pause between two keys of one scan. Odoo asks scanners for ≤ 50 ms between characters. */
  maxGapMs?: number;
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

export class KeyboardWedgeDetector {
  readonly maxGapMs: number;
  readonly minLength: number;
  readonly allowInEditable: boolean;
  readonly readerId: string;
  private buffer = '';
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
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
    // A clock going backwards or a missing time cannot be judged: start over.
    const gap = time - this.lastTime;
    const fast = Number.isFinite(gap) && gap >= 0 && gap <= this.maxGapMs;
    if (key === 'Enter' || key === 'Tab') {
      const scan = fast ? this.buffer : '';
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
    if (!fast || this.buffer.length >= MAX_BUFFER) this.buffer = '';
    this.buffer += key;
    this.lastTime = time;
    return NONE;
  }

  reset(): void {
    this.buffer = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }
}
