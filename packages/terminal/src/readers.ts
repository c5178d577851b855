// Connects the reader driver's hub to the terminal: every read and every rejected scan goes to the identify
// router; reader health goes to the status bar.
import {
  PCSCD_READER_ID,
  type ReaderHealth as HubReaderHealth,
  type ReaderHub,
  type SimulatedSource,
} from '@uitpas/reader-driver';
import type { ReaderHealth } from '@uitpas/domain';
import type { CardInput, CardReads } from './adapters.ts';

const SOURCE_NAMES: Record<HubReaderHealth['source'], string> = {
  nfc: 'Kaartlezer',
  hid: 'Barcodescanner',
  keyboard: 'Toetsenbordscanner',
  simulator: 'Gesimuleerde lezer',
};

function toView(health: HubReaderHealth): ReaderHealth {
  return {
    id: health.readerId,
    name:
      health.readerId === PCSCD_READER_ID
        ? 'PC/SC-dienst'
        : health.source === 'nfc'
          ? `${SOURCE_NAMES.nfc} ${health.readerId}`
          : SOURCE_NAMES[health.source],
    state: health.status === 'present' ? 'ready' : health.status === 'error' ? 'degraded' : 'offline',
  };
}

export function cardReadsFromHub(hub: ReaderHub, simulator?: SimulatedSource): CardReads {
  return {
    subscribe(listener: (input: CardInput) => void) {
      const offRead = hub.on('read', (read) =>
        listener({ kind: read.kind, value: read.value, readerId: read.readerId }),
      );
      const offRejected = hub.on('rejected', (rejected) =>
        listener({ kind: 'rejected', reason: rejected.reason, readerId: rejected.readerId }),
      );
      return () => {
        offRead();
        offRejected();
      };
    },
    health: () => hub.health().map(toView),
    subscribeHealth(listener) {
      return hub.on('health', () => listener(hub.health().map(toView)));
    },
    ...(simulator === undefined
      ? {}
      : {
          simulateTap: (value: string, readerId?: string) =>
            readerId === undefined ? simulator.tap(value) : simulator.tap(value, readerId),
        }),
  };
}
