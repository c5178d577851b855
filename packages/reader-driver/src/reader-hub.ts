// The hub starts and supervises the sources, merges their events, debounces taps and keeps a health record
// per reader. Plain TypeScript (no Node APIs) so the apps' demo mode can run it with a SimulatedSource.
import { normaliseScan } from './normalise.ts';
import type { CardRead, CardSource, ReaderHealth, ScanRejected, SourceEvent } from './types.ts';

export interface ReaderHubOptions {
  sources: CardSource[];
  /** The same value on the same reader within this interval is one tap (double scans, bouncing cards). */
  minRepeatIntervalMs?: number;
  /** First and longest wait before starting a source again after its start failed. */
  restartBackoffMs?: { initial: number; max: number };
  now?: () => number;
}

export interface ReaderHubEvents {
  read: CardRead;
  rejected: ScanRejected;
  health: ReaderHealth;
  /** A card left the reader (NFC only): the UI may stop showing it. */
  removed: { readerId: string; at: number };
}

type Listener<T> = (event: T) => void;

interface ReaderState {
  health: ReaderHealth;
  /** Value of the held card read last and not yet removed. */
  present: string | null;
  lastValue: string | null;
}

export class ReaderHub {
  readonly minRepeatIntervalMs: number;
  private readonly sources: CardSource[];
  private readonly backoff: { initial: number; max: number };
  private readonly now: () => number;
  private readonly readers = new Map<string, ReaderState>();
  private readonly listeners: { [K in keyof ReaderHubEvents]: Set<Listener<ReaderHubEvents[K]>> } = {
    read: new Set(),
    rejected: new Set(),
    health: new Set(),
    removed: new Set(),
  };
  private readonly restartTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private running = false;

  constructor(options: ReaderHubOptions) {
    const ids = new Set<string>();
    for (const s of options.sources) {
      if (ids.has(s.id)) throw new Error(`Two sources share the id '${s.id}'`);
      ids.add(s.id);
    }
    this.sources = [...options.sources];
    this.minRepeatIntervalMs = options.minRepeatIntervalMs ?? 300;
    this.backoff = options.restartBackoffMs ?? { initial: 1000, max: 30_000 };
    this.now = options.now ?? Date.now;
  }

  on<K extends keyof ReaderHubEvents>(type: K, listener: Listener<ReaderHubEvents[K]>): () => void {
    this.listeners[type].add(listener);
    return () => this.listeners[type].delete(listener);
  }

  /** Resolves once every source has been asked to start; a source that fails is retried with backoff. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await Promise.all(this.sources.map((s) => this.startSource(s, this.backoff.initial)));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.restartTimers.values()) clearTimeout(t);
    this.restartTimers.clear();
    await Promise.all(
      this.sources.map(async (s) => {
        try {
          await s.stop();
        } catch {
          // Stopping is best effort: a source that cannot stop cleanly has nothing left to report.
        }
      }),
    );
  }

  /** A snapshot of every reader seen so far. */
  health(): ReaderHealth[] {
    return [...this.readers.values()].map((r) => ({ ...r.health }));
  }

  private async startSource(source: CardSource, wait: number): Promise<void> {
    const sink = { emit: (event: SourceEvent) => this.handle(source, event) };
    try {
      await source.start(sink);
    } catch (err) {
      if (!this.running) return;
      this.handle(source, {
        type: 'reader',
        readerId: source.id,
        status: 'error',
        error: `Bron kon niet starten: ${describe(err)}`,
      });
      this.restartTimers.set(
        source.id,
        setTimeout(() => {
          this.restartTimers.delete(source.id);
          if (this.running) void this.startSource(source, Math.min(wait * 2, this.backoff.max));
        }, wait),
      );
    }
  }

  private handle(source: CardSource, event: SourceEvent): void {
    if (!this.running) return;
    const at = event.at ?? this.now();
    const isNew = !this.readers.has(event.readerId);
    const reader = this.reader(source, event.readerId, at);
    switch (event.type) {
      case 'scan': {
        const result = normaliseScan({
          raw: event.raw,
          readerId: event.readerId,
          source: source.kind,
          at,
          ...(event.expect ? { expect: event.expect } : {}),
        });
        if (!result.ok) {
          this.setStatus(reader, 'present', at);
          this.emit('rejected', result.rejected);
          return;
        }
        const { value } = result.read;
        if (reader.present === value) return;
        const last = reader.health.lastTapAt;
        if (reader.lastValue === value && last !== undefined && at - last < this.minRepeatIntervalMs) return;
        reader.present = event.held === true ? value : null;
        reader.lastValue = value;
        reader.health.lastTapAt = at;
        reader.health.tapCount++;
        this.setStatus(reader, 'present', at);
        this.emit('read', result.read);
        return;
      }
      case 'rejected':
        this.setStatus(reader, 'present', at);
        this.emit('rejected', {
          raw: event.raw,
          reason: event.reason,
          readerId: event.readerId,
          source: source.kind,
          at,
        });
        return;
      case 'removed':
        reader.present = null;
        this.emit('removed', { readerId: event.readerId, at });
        return;
      case 'reader':
        // A reader that went away may come back with the card already lifted: its next read is a new tap.
        if (event.status !== 'present') reader.present = null;
        this.setStatus(reader, event.status, at, event.error, isNew);
        return;
    }
  }

  private reader(source: CardSource, readerId: string, at: number): ReaderState {
    let state = this.readers.get(readerId);
    if (state === undefined) {
      state = {
        health: { readerId, source: source.kind, status: 'absent', tapCount: 0, since: at },
        present: null,
        lastValue: null,
      };
      this.readers.set(readerId, state);
    }
    return state;
  }

  private setStatus(
    reader: ReaderState,
    status: ReaderHealth['status'],
    at: number,
    error?: string,
    announce = false,
  ): void {
    const h = reader.health;
    const changed = announce || h.status !== status || (error !== undefined && error !== h.lastError);
    if (!changed) return;
    if (h.status !== status) h.since = at;
    h.status = status;
    if (error !== undefined) {
      h.lastError = error;
      h.lastErrorAt = at;
    }
    this.emit('health', { ...h });
  }

  private emit<K extends keyof ReaderHubEvents>(type: K, event: ReaderHubEvents[K]): void {
    for (const listener of this.listeners[type]) {
      try {
        listener(event);
      } catch (err) {
        // A faulty listener must not stop other listeners or the source that delivered the event.
        console.error(`ReaderHub ${type} listener failed:`, err);
      }
    }
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
