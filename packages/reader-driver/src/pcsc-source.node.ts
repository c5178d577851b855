// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- nfc-pcsc has no types; this brings ours into every program that compiles this file
/// <reference path="./nfc-pcsc.d.ts" />
// NFC readers through PC/SC (pcscd) with nfc-pcsc. nfc-pcsc runs in manual mode: its automatic mode only
// reads ISO 14443-3 UIDs and fails on ISO 14443-4 cards ("AID was not set"), so we send GET DATA ourselves.
// pcscd can go away at any time; then nfc-pcsc ends every reader, and `new NFC()` while pcscd is down spins
// at 100% CPU. So on any sign of trouble we close the instance, poll for pcscd's socket with backoff, and
// only then create a new one.
import { NFC, type Reader } from 'nfc-pcsc';
import { PCSCD_SOCKET, pcscdReachable } from './pcscd.node.ts';
import { DEFAULT_READER_EXCLUDE, isReaderWanted } from './reader-names.ts';
import { feedbackCommand, feedbackModelFor, type FeedbackModel } from './feedback.ts';
import type { CardSource, ReaderStatus, ScanSourceKind, SourceSink } from './types.ts';

/** Health record of the PC/SC service itself. */
export const PCSCD_READER_ID = 'pcscd';
const GET_DATA_UID = Buffer.from('ffca000000', 'hex');

export interface PcscSourceOptions {
  id?: string;
  /** Only readers whose name matches are used (default: all). */
  include?: RegExp;
  /** Readers whose name matches are ignored; default skips the SAM slot of dual readers such as the ACR1252U. */
  exclude?: RegExp;
  /** Every APDU gets this long to answer. */
  apduTimeoutMs?: number;
  /** Beep/flash ACS readers after a read (best effort; see feedback.ts). A model forces the command set. */
  feedback?: boolean | FeedbackModel;
  socketPath?: string;
  /** Backoff while waiting for pcscd to come back. */
  reconnectBackoffMs?: { initial: number; max: number };
  /** How often a running source checks that pcscd still answers (nfc-pcsc loses some errors). */
  watchdogMs?: number;
}

type State = 'stopped' | 'waiting' | 'running';

/** PC/SC return codes staff and IT may meet, in words. */
const PCSC_ERRORS: [RegExp, string][] = [
  [/0x80100069|removed/i, 'kaart weggenomen tijdens het lezen'],
  [/0x8010002f|0x80100016/i, 'communicatie met de kaart mislukt (kaart te snel weggenomen?)'],
  [/0x80100066/i, 'kaart reageert niet'],
  [/0x80100068/i, 'kaart werd gereset tijdens het lezen'],
  [/0x80100013|0x8010001d|0x8010001e|0x80100017/i, 'PC/SC-dienst (pcscd) onbereikbaar'],
];
const SERVICE_ERROR = /0x80100013|0x8010001d|0x8010001e/i;

export function describePcscError(err: unknown): string {
  const message = err instanceof Error ? [err.message, describeCause(err)].join(' ') : String(err);
  const known = PCSC_ERRORS.find(([re]) => re.test(message));
  return known ? `${known[1]} (${message.trim()})` : message.trim();
}

function describeCause(err: Error): string {
  const cause = (err as Error & { previous?: unknown; cause?: unknown }).previous ?? err.cause;
  return cause instanceof Error ? cause.message : '';
}

export class PcscSource implements CardSource {
  readonly id: string;
  readonly kind: ScanSourceKind = 'nfc';
  private readonly include: RegExp | null;
  private readonly exclude: RegExp;
  private readonly apduTimeoutMs: number;
  private readonly feedback: boolean | FeedbackModel;
  private readonly socketPath: string;
  private readonly backoff: { initial: number; max: number };
  private readonly watchdogMs: number;
  private sink: SourceSink | null = null;
  private state: State = 'stopped';
  private nfc: NFC | null = null;
  /** Bumped for every NFC instance: callbacks of an old instance are ignored. */
  private generation = 0;
  private readers = new Map<string, ReaderStatus>();
  /** Readers of the current NFC instance. */
  private attached = new Set<string>();
  /** Every reader object of the current instance, wanted or not: each holds a native monitor thread. */
  private nfcReaders: Reader[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(options: PcscSourceOptions = {}) {
    this.id = options.id ?? 'pcsc';
    this.include = options.include ?? null;
    this.exclude = options.exclude ?? DEFAULT_READER_EXCLUDE;
    this.apduTimeoutMs = options.apduTimeoutMs ?? 1000;
    this.feedback = options.feedback ?? false;
    this.socketPath = options.socketPath ?? PCSCD_SOCKET;
    this.backoff = options.reconnectBackoffMs ?? { initial: 250, max: 5000 };
    this.watchdogMs = options.watchdogMs ?? 2000;
  }

  async start(sink: SourceSink): Promise<void> {
    if (this.state !== 'stopped') return;
    this.sink = sink;
    this.state = 'waiting';
    await this.waitForService(this.backoff.initial, true);
  }

  async stop(): Promise<void> {
    const wasRunning = this.state === 'running';
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.timer = null;
    this.watchdog = null;
    // Closing a reader joins its native monitor thread, which blocks this thread for good when that
    // monitor hangs on a pcscd that is gone: close readers only while pcscd answers.
    this.closeNfc(wasRunning && (await pcscdReachable(this.socketPath)));
    this.sink = null;
  }

  private emitReader(readerId: string, status: ReaderStatus, error?: string): void {
    if (readerId !== PCSCD_READER_ID) this.readers.set(readerId, status);
    this.sink?.emit({ type: 'reader', readerId, status, ...(error !== undefined ? { error } : {}) });
  }

  private async waitForService(wait: number, first = false): Promise<void> {
    if (this.state !== 'waiting') return;
    if (await pcscdReachable(this.socketPath)) {
      if (this.state === 'waiting') this.open();
      return;
    }
    if (first)
      this.emitReader(PCSCD_READER_ID, 'error', 'PC/SC-dienst (pcscd) draait niet; wachten tot hij start');
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.waitForService(Math.min(wait * 2, this.backoff.max));
    }, wait);
  }

  private open(): void {
    const generation = ++this.generation;
    const nfc = new NFC();
    this.nfc = nfc;
    this.state = 'running';
    this.emitReader(PCSCD_READER_ID, 'present');
    nfc.on('reader', (reader) => {
      reader.on('error', () => {});
      if (generation !== this.generation) return;
      this.nfcReaders.push(reader);
      this.attach(reader, generation);
    });
    nfc.on('error', (err) => {
      if (generation === this.generation) this.outage(err);
    });
    let checks = 0;
    this.watchdog = setInterval(() => {
      // pcscd lists its readers right after connecting: one still in error by the second check was
      // unplugged during the outage.
      if (++checks === 2) {
        for (const [readerId, status] of this.readers) {
          if (status === 'error' && !this.attached.has(readerId)) {
            this.emitReader(readerId, 'absent', 'lezer niet meer gevonden na herstart van pcscd');
          }
        }
      }
      void pcscdReachable(this.socketPath).then((ok) => {
        if (!ok && generation === this.generation && this.state === 'running') {
          this.outage(new Error('pcscd socket antwoordt niet meer'));
        }
      });
    }, this.watchdogMs);
  }

  private closeNfc(closeReaders: boolean): void {
    this.generation++;
    this.attached.clear();
    const readers = this.nfcReaders;
    this.nfcReaders = [];
    const nfc = this.nfc;
    this.nfc = null;
    if (nfc === null) return;
    // Closing makes nfc-pcsc report "Command cancelled" on the old instance: keep a listener for it.
    nfc.on('error', () => {});
    // Readers left open keep their threads, and so the process, alive until pcscd goes away.
    for (const reader of closeReaders ? readers : []) {
      try {
        reader.close();
      } catch {
        // A reader whose service is gone may refuse; it is released with the instance.
      }
    }
    try {
      nfc.close();
    } catch {
      // Closing an instance whose service is gone may throw; it is released either way.
    }
  }

  /** pcscd stopped or stopped answering: report it, drop the instance and wait for the service. */
  private outage(err: unknown): void {
    if (this.state !== 'running') return;
    this.state = 'waiting';
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    // pcscd is gone: the readers' monitor threads end with it, and closing them could block (see stop).
    this.closeNfc(false);
    const detail = err instanceof Error ? err.message : String(err);
    const reason = `PC/SC-dienst (pcscd) onderbroken; opnieuw verbinden zodra hij terug is (${detail})`;
    this.emitReader(PCSCD_READER_ID, 'error', reason);
    for (const [readerId, status] of this.readers) {
      if (status !== 'absent') this.emitReader(readerId, 'error', reason);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.waitForService(this.backoff.initial);
    }, this.backoff.initial);
  }

  private attach(reader: Reader, generation: number): void {
    const name = reader.name;
    const current = () => generation === this.generation && this.state === 'running';
    // Every reader already has a no-op 'error' listener (an unhandled one would crash the process).
    if (!isReaderWanted(name, this.include, this.exclude)) return;
    reader.autoProcessing = false;
    this.attached.add(name);
    this.emitReader(name, 'present');
    reader.on('card', () => {
      if (current()) void this.read(reader, current);
    });
    reader.on('card.off', () => {
      if (!current()) return;
      this.sink?.emit({ type: 'removed', readerId: name });
      if (this.readers.get(name) === 'error') this.emitReader(name, 'present');
    });
    reader.on('error', (err) => {
      if (!current()) return;
      if (SERVICE_ERROR.test(describePcscError(err))) this.outage(err);
      else this.emitReader(name, 'error', describePcscError(err));
    });
    reader.on('end', () => {
      this.nfcReaders = this.nfcReaders.filter((r) => r !== reader);
      if (!current()) return;
      this.attached.delete(name);
      this.emitReader(name, 'absent', 'lezer losgekoppeld');
    });
  }

  private async read(reader: Reader, current: () => boolean): Promise<void> {
    const name = reader.name;
    let response: Buffer;
    try {
      response = await this.withTimeout(() => reader.transmit(GET_DATA_UID, 40));
    } catch (err) {
      if (current()) this.emitReader(name, 'error', `Kaart niet gelezen: ${describePcscError(err)}`);
      return;
    }
    if (!current()) return;
    if (response.length < 2) {
      // vpcd and real readers alike return nothing when the card leaves between command and answer.
      const why =
        response.length === 0 ? 'leeg antwoord (kaart weggenomen tijdens het lezen?)' : 'onvolledig antwoord';
      this.emitReader(name, 'error', `Kaart niet gelezen: ${why}`);
      return;
    }
    const sw = response.subarray(-2).toString('hex').toUpperCase();
    if (sw !== '9000') {
      this.emitReader(
        name,
        'error',
        `Kaart niet gelezen: de kaart gaf foutcode ${sw.slice(0, 2)} ${sw.slice(2)}`,
      );
      return;
    }
    const uid = response.subarray(0, -2).toString('hex');
    this.sink?.emit({ type: 'scan', readerId: name, raw: uid, expect: 'chip', held: true });
    if (this.feedback !== false) await this.beep(reader);
  }

  /** nfc-pcsc's transmit and control have no timeout and throw synchronously without a connection. */
  private withTimeout(exchange: () => Promise<Buffer>): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`geen antwoord binnen ${this.apduTimeoutMs} ms`)),
        this.apduTimeoutMs,
      );
      Promise.resolve()
        .then(exchange)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }

  private async beep(reader: Reader): Promise<void> {
    const model = typeof this.feedback === 'string' ? this.feedback : feedbackModelFor(reader.name);
    if (model === null) return;
    const command = feedbackCommand(model);
    try {
      const bytes = Buffer.from(command.bytes);
      await this.withTimeout(() =>
        command.via === 'transmit' ? reader.transmit(bytes, 2) : reader.control(bytes, 2),
      );
    } catch {
      // Feedback is a courtesy; a reader that refuses it still reads cards.
    }
  }
}
