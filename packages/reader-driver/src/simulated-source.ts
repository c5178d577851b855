// A scriptable source for the apps' demo mode and for tests: taps, barcode scans and hardware faults on
// demand, through the same hub path as real readers. Plain TypeScript, so it also runs in a renderer.
import type { CardSource, ScanSourceKind, SourceSink } from './types.ts';

export interface SimulatedSourceOptions {
  id?: string;
  /** Reader ids this source offers; all are attached at start. */
  readers?: string[];
}

export type SimulatedStep =
  | { do: 'tap'; value: string; readerId?: string }
  | { do: 'place'; value: string; readerId?: string }
  | { do: 'lift'; readerId?: string }
  | { do: 'scan'; value: string; readerId?: string }
  | { do: 'garbage'; readerId?: string }
  | { do: 'burst'; values: string[]; readerId?: string; intervalMs?: number }
  | { do: 'detach'; readerId?: string; reason?: string }
  | { do: 'attach'; readerId?: string }
  | { do: 'fault'; readerId?: string; reason: string }
  | { do: 'wait'; ms: number };

/** Bytes a broken reader or a bad barcode might deliver: not hex, wrong length, control characters. */
const GARBAGE = [
  '\u0000\u00ff\u001b[2J',
  'zz-not-a-pass',
  '123',
  '04A1B2C3D4E5F6A7B8C9D0E1F2',
  '\u0007'.repeat(80),
];

export class SimulatedSource implements CardSource {
  readonly id: string;
  readonly kind: ScanSourceKind = 'simulator';
  readonly readerIds: string[];
  private sink: SourceSink | null = null;
  private garbageIndex = 0;

  constructor(options: SimulatedSourceOptions = {}) {
    this.id = options.id ?? 'simulator';
    this.readerIds = options.readers && options.readers.length > 0 ? [...options.readers] : ['simulator'];
  }

  async start(sink: SourceSink): Promise<void> {
    this.sink = sink;
    for (const readerId of this.readerIds) sink.emit({ type: 'reader', readerId, status: 'present' });
  }

  async stop(): Promise<void> {
    this.sink = null;
  }

  /** A card touched to the reader and lifted again. */
  tap(value: string, readerId = this.defaultReader()): void {
    this.place(value, readerId);
    this.lift(readerId);
  }

  /** A card put on the reader and left there: reading it again is not a new tap until `lift`. */
  place(value: string, readerId = this.defaultReader()): void {
    this.out().emit({ type: 'scan', readerId, raw: value, held: true });
  }

  lift(readerId = this.defaultReader()): void {
    this.out().emit({ type: 'removed', readerId });
  }

  /** A barcode or typed value (no card stays on the reader). */
  scan(value: string, readerId = this.defaultReader()): void {
    this.out().emit({ type: 'scan', readerId, raw: value });
  }

  /** Input that is not a pass; cycles through a few kinds of rubbish. */
  garbage(readerId = this.defaultReader()): void {
    const raw = GARBAGE[this.garbageIndex++ % GARBAGE.length] ?? '';
    this.out().emit({ type: 'scan', readerId, raw });
  }

  /** Several taps in quick succession; resolves after the last one. */
  async burst(values: string[], readerId = this.defaultReader(), intervalMs = 0): Promise<void> {
    for (const [i, value] of values.entries()) {
      if (i > 0 && intervalMs > 0) await delay(intervalMs);
      this.tap(value, readerId);
    }
  }

  detach(readerId = this.defaultReader(), reason = 'Lezer losgekoppeld (simulatie)'): void {
    this.out().emit({ type: 'reader', readerId, status: 'absent', error: reason });
  }

  attach(readerId = this.defaultReader()): void {
    this.out().emit({ type: 'reader', readerId, status: 'present' });
  }

  fault(reason: string, readerId = this.defaultReader()): void {
    this.out().emit({ type: 'reader', readerId, status: 'error', error: reason });
  }

  /** Runs a script step by step, e.g. for a demo loop. */
  async play(steps: SimulatedStep[]): Promise<void> {
    for (const step of steps) {
      const readerId =
        'readerId' in step && step.readerId !== undefined ? step.readerId : this.defaultReader();
      switch (step.do) {
        case 'tap':
          this.tap(step.value, readerId);
          break;
        case 'place':
          this.place(step.value, readerId);
          break;
        case 'lift':
          this.lift(readerId);
          break;
        case 'scan':
          this.scan(step.value, readerId);
          break;
        case 'garbage':
          this.garbage(readerId);
          break;
        case 'burst':
          await this.burst(step.values, readerId, step.intervalMs);
          break;
        case 'detach':
          this.detach(readerId, step.reason);
          break;
        case 'attach':
          this.attach(readerId);
          break;
        case 'fault':
          this.fault(step.reason, readerId);
          break;
        case 'wait':
          await delay(step.ms);
          break;
      }
    }
  }

  private defaultReader(): string {
    return this.readerIds[0] ?? 'simulator';
  }

  private out(): SourceSink {
    if (this.sink === null) throw new Error(`SimulatedSource '${this.id}' is not started`);
    return this.sink;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
