// Public event and source types of the reader driver. Plain TypeScript: renderers import these too.
import type { IdentifierKind } from '@uitpas/domain';

export type ScanSourceKind = 'nfc' | 'hid' | 'keyboard' | 'simulator';

/** A pass presented at a reader, its value normalised by packages/domain (chip numbers uppercase hex). */
export interface CardRead {
  kind: IdentifierKind;
  value: string;
  readerId: string;
  source: ScanSourceKind;
  /** Epoch milliseconds. */
  at: number;
}

/** Input that is not a pass: never becomes a CardRead. `raw` is truncated and printable. */
export interface ScanRejected {
  raw: string;
  reason: string;
  readerId: string;
  source: ScanSourceKind;
  at: number;
}

export type ReaderStatus = 'present' | 'absent' | 'error';

export interface ReaderHealth {
  readerId: string;
  source: ScanSourceKind;
  status: ReaderStatus;
  /** The last problem in words (Dutch, for staff and IT), kept after the reader recovers. */
  lastError?: string;
  lastErrorAt?: number;
  lastTapAt?: number;
  tapCount: number;
  /** When the status last changed. */
  since: number;
}

/** What a source reports to the hub. The hub normalises, debounces and keeps the health records. */
export type SourceEvent =
  | {
      type: 'scan';
      readerId: string;
      /** The raw value: a UID as hex, or the text of a barcode or typed scan. */
      raw: string;
      /** `chip` when the value can only be a chip number (an NFC UID). */
      expect?: 'chip';
      /** The card stays on the reader until a `removed` event (NFC): until then it is not read again. */
      held?: boolean;
      at?: number;
    }
  | { type: 'rejected'; readerId: string; raw: string; reason: string; at?: number }
  /** The card that was read last has left the reader: the same card again is a new tap. */
  | { type: 'removed'; readerId: string; at?: number }
  | { type: 'reader'; readerId: string; status: ReaderStatus; error?: string; at?: number };

export interface SourceSink {
  emit(event: SourceEvent): void;
}

/** One way passes come in. Sources must never throw out of their callbacks: problems become events. */
export interface CardSource {
  /** Unique within a hub, e.g. `pcsc`, `hid:0c2e:0b61`, `simulator`. */
  readonly id: string;
  readonly kind: ScanSourceKind;
  start(sink: SourceSink): Promise<void>;
  stop(): Promise<void>;
}
