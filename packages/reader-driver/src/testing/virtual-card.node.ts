// A contactless card for vsmartcard's vpcd reader driver: pcscd listens, the card connects as a TCP client.
// Frames both ways are a 2-byte big-endian length and a payload; 1-byte payloads are control codes.
// Insertion = connect, removal = destroy (not end: pcscd keeps polling and a half-closed socket cannot answer).
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export const VPCD_PORTS = { reader0: 35963, reader1: 35964 } as const;

/** PC/SC part 3 ATRs: byte 5 = 0x4F marks a storage card (ISO 14443-3); the DESFire one is ISO 14443-4. */
export const CARD_PROFILES = {
  ultralight: '3B8F8001804F0CA0000003060300030000000068',
  desfire: '3B8180018080',
} as const;

export type CardProfile = keyof typeof CARD_PROFILES;

export type CardFault =
  /** Answers GET DATA with the UID and 90 00. */
  | 'none'
  /** Leaves the reader as soon as GET DATA arrives. */
  | 'removed-during-apdu'
  /** Never answers GET DATA (keeps answering pcscd's presence polls). */
  | 'no-answer'
  /** Answers GET DATA with an error status word. */
  | 'error-status'
  /** Answers GET DATA after `slowMs`. */
  | 'slow';

export interface VirtualCardOptions {
  uid: string;
  profile?: CardProfile;
  /** ATR as hex; overrides `profile`. */
  atr?: string;
  port?: number;
  host?: string;
  fault?: CardFault;
  slowMs?: number;
  /** Status word for the `error-status` fault, hex. */
  errorStatus?: string;
}

const CTRL_ATR = 0x04;
const GET_DATA_UID = Buffer.from('ffca000000', 'hex');

export class VirtualCard {
  uid: Buffer;
  fault: CardFault;
  slowMs: number;
  errorStatus: Buffer;
  readonly atr: Buffer;
  readonly port: number;
  readonly host: string;
  /** Every APDU received, as lowercase hex (for assertions on what the driver sent). */
  readonly apdus: string[] = [];
  /** `performance.now()` of the first frame pcscd sent after the last insertion: when pcscd noticed the card. */
  firstFrameAt: number | null = null;
  private socket: Socket | null = null;
  private pending = Buffer.alloc(0);
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: VirtualCardOptions) {
    this.uid = Buffer.from(options.uid, 'hex');
    this.atr = Buffer.from(options.atr ?? CARD_PROFILES[options.profile ?? 'ultralight'], 'hex');
    this.port = options.port ?? VPCD_PORTS.reader0;
    this.host = options.host ?? '127.0.0.1';
    this.fault = options.fault ?? 'none';
    this.slowMs = options.slowMs ?? 300;
    this.errorStatus = Buffer.from(options.errorStatus ?? '6a81', 'hex');
  }

  get inserted(): boolean {
    return this.socket !== null;
  }

  /** Puts the card on the reader; resolves once the TCP connection to vpcd is up. */
  insert(): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.firstFrameAt = null;
    this.pending = Buffer.alloc(0);
    const socket = new Socket();
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(socket, chunk));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
    return new Promise((resolve, reject) => {
      socket.once('error', (err) => {
        if (this.socket === socket) this.socket = null;
        reject(err);
      });
      socket.connect(this.port, this.host, () => {
        // Later errors (pcscd going away) just mean the card is off the reader.
        socket.removeAllListeners('error');
        socket.on('error', () => {});
        resolve();
      });
    });
  }

  /** Takes the card off the reader. */
  remove(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket?.destroy();
    this.socket = null;
  }

  private onData(socket: Socket, chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) return;
      const payload = this.pending.subarray(2, 2 + length);
      this.pending = this.pending.subarray(2 + length);
      if (this.firstFrameAt === null) this.firstFrameAt = performance.now();
      this.onFrame(socket, Buffer.from(payload));
      if (this.socket !== socket) return;
    }
  }

  private onFrame(socket: Socket, payload: Buffer): void {
    // Power on, power off and reset need no answer from a contactless card; only "send ATR" does.
    if (payload.length === 1) {
      if (payload[0] === CTRL_ATR) this.send(socket, this.atr);
      return;
    }
    this.apdus.push(payload.toString('hex'));
    if (!payload.equals(GET_DATA_UID)) {
      this.send(socket, Buffer.from('6d00', 'hex'));
      return;
    }
    switch (this.fault) {
      case 'removed-during-apdu':
        this.remove();
        return;
      case 'no-answer':
        return;
      case 'error-status':
        this.send(socket, this.errorStatus);
        return;
      case 'slow': {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.send(socket, this.uidResponse());
        }, this.slowMs);
        this.timers.add(t);
        return;
      }
      case 'none':
        this.send(socket, this.uidResponse());
        return;
    }
  }

  private uidResponse(): Buffer {
    return Buffer.concat([this.uid, Buffer.from([0x90, 0x00])]);
  }

  private send(socket: Socket, payload: Buffer): void {
    if (socket.destroyed) return;
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length, 0);
    socket.write(Buffer.concat([header, payload]));
  }
}
