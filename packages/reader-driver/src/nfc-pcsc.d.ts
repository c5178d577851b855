// nfc-pcsc 0.8.1 ships no types: the part of its API this package uses (src/NFC.js, src/Reader.js).
declare module 'nfc-pcsc' {
  /** Only what we call; declared here because a plain file may not import node:events. */
  interface Emitter {
    on(event: string, listener: (...args: never[]) => void): this;
  }

  export interface NfcCard {
    atr?: Buffer;
    standard?: string;
    uid?: string;
  }

  /** The @pokusew/pcsclite reader under nfc-pcsc's Reader. */
  export interface PcscReader extends Emitter {
    name: string;
    state: number;
    SCARD_STATE_PRESENT: number;
    SCARD_STATE_EMPTY: number;
  }

  export class Reader implements Emitter {
    readonly name: string;
    readonly reader: PcscReader;
    autoProcessing: boolean;
    card: NfcCard | null;
    connection: { type: number; protocol: number } | null;
    transmit(data: Buffer, responseMaxLength: number): Promise<Buffer>;
    control(data: Buffer, responseMaxLength: number): Promise<Buffer>;
    close(): void;
    on(event: 'card', listener: (card: NfcCard) => void): this;
    on(event: 'card.off', listener: (card: NfcCard) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: string, listener: (...args: never[]) => void): this;
  }

  export class NFC implements Emitter {
    constructor(logger?: unknown);
    readonly readers: Record<string, PcscReader>;
    close(): void;
    on(event: 'reader', listener: (reader: Reader) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: string, listener: (...args: never[]) => void): this;
  }
}
