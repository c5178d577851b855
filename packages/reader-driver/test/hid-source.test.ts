// No USB scanner can be attached here, so the node-hid backend is replaced by one that replays recorded
// reports; everything above it (device choice, decoding, unplug and replug) is the real code.
import { afterEach, describe, expect, it } from 'vitest';
import { HidScannerSource, type HidBackend, type HidDeviceInfo } from '../src/hid-source.node.ts';
import { ReaderHub } from '../src/reader-hub.ts';
import type { CardRead, ReaderHealth, ScanRejected } from '../src/types.ts';
import {
  BOOT_KEYBOARD_UITPAS,
  HID_POS_MULTI,
  HID_POS_UITPAS,
  HID_POS_MULTI_TEXT,
} from './fixtures/hid-reports.ts';

/**
 * A scanner that plays `sessions` one after the other: each is a list of reports (`''` = a read that times
 * out with no report), then an unplug.
 */
function replay(devices: HidDeviceInfo[], sessions: string[][]): HidBackend & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async devices() {
      return sessions.length > 0 ? devices : [];
    },
    async open(path) {
      opened.push(path);
      const reports = [...(sessions.shift() ?? [])];
      return {
        async read() {
          const next = reports.shift();
          if (next === undefined) throw new Error('could not read from HID device');
          return next === '' ? undefined : Buffer.from(next, 'hex');
        },
        async close() {},
      };
    },
  };
}

let hub: ReaderHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

function collect(source: HidScannerSource) {
  hub = new ReaderHub({ sources: [source], minRepeatIntervalMs: 0 });
  const reads: CardRead[] = [];
  const rejected: ScanRejected[] = [];
  const health: ReaderHealth[] = [];
  hub.on('read', (r) => reads.push(r));
  hub.on('rejected', (r) => rejected.push(r));
  hub.on('health', (h) => health.push(h));
  return { hub, reads, rejected, health };
}

describe('HidScannerSource', () => {
  it('opens the HID-POS interface of the configured scanner and reads its scans', async () => {
    const backend = replay(
      [
        { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', usagePage: 0x01 },
        { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw4', usagePage: 0x8c },
      ],
      [[...HID_POS_UITPAS, ...HID_POS_MULTI]],
    );
    const source = new HidScannerSource({ vendorId: 0x0c2e, productId: 0x0b61, mode: 'hid-pos', backend });
    const { hub, reads, rejected, health } = collect(source);
    await hub.start();
    await expect.poll(() => rejected.length).toBe(1);
    expect(backend.opened).toEqual(['/dev/hidraw4']);
    expect(reads).toMatchObject([
      { kind: 'uitpas', value: '0900000095902', readerId: 'hid:0c2e:0b61', source: 'hid' },
    ]);
    // A QR code with a URL is not a pass: rejected, with the text shown truncated.
    expect(rejected[0]?.raw).toBe(`${HID_POS_MULTI_TEXT.slice(0, 40)}…`);
    await expect.poll(() => health.at(-1)?.status).toBe('absent');
    expect(health.at(-1)?.lastError).toMatch(/losgekoppeld|niet gevonden/);
  });

  it('reads a raw-keyboard scanner, and comes back after an unplug', async () => {
    const backend = replay(
      [{ vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw1' }],
      [BOOT_KEYBOARD_UITPAS, BOOT_KEYBOARD_UITPAS],
    );
    const source = new HidScannerSource({
      vendorId: 0x05e0,
      productId: 0x1200,
      mode: 'boot-keyboard',
      backend,
      retryMs: { initial: 10, max: 20 },
    });
    const { hub, reads, health } = collect(source);
    await hub.start();
    await expect.poll(() => reads.length).toBe(2);
    expect(health.map((h) => h.status).slice(0, 4)).toEqual(['present', 'absent', 'present', 'absent']);
    expect(reads.map((r) => r.value)).toEqual(['0900000095902', '0900000095902']);
  });

  it('ends a scan when the scanner goes quiet: a keyboard scan without suffix is read, a cut HID-POS scan rejected', async () => {
    const withoutEnter = BOOT_KEYBOARD_UITPAS.slice(0, -2);
    const kb = collect(
      new HidScannerSource({
        vendorId: 1,
        productId: 2,
        mode: 'boot-keyboard',
        backend: replay([{ vendorId: 1, productId: 2, path: '/dev/hidraw0' }], [[...withoutEnter, '']]),
      }),
    );
    await kb.hub.start();
    await expect.poll(() => kb.reads.map((r) => r.value)).toEqual(['0900000095902']);
    await kb.hub.stop();

    const pos = collect(
      new HidScannerSource({
        vendorId: 1,
        productId: 2,
        mode: 'hid-pos',
        backend: replay(
          [{ vendorId: 1, productId: 2, path: '/dev/hidraw0', usagePage: 0x8c }],
          [[HID_POS_MULTI[0] ?? '', '', ...HID_POS_UITPAS]],
        ),
      }),
    );
    await pos.hub.start();
    await expect.poll(() => pos.reads.map((r) => r.value)).toEqual(['0900000095902']);
    expect(pos.rejected[0]?.reason).toMatch(/onvolledige/);
  });

  it('says the scanner is missing while it is not plugged in', async () => {
    const backend = replay([], []);
    const { hub, health } = collect(
      new HidScannerSource({
        vendorId: 1,
        productId: 2,
        mode: 'hid-pos',
        backend,
        retryMs: { initial: 5, max: 5 },
      }),
    );
    await hub.start();
    await expect.poll(() => health.length).toBe(1);
    expect(health[0]).toMatchObject({ readerId: 'hid:0001:0002', status: 'absent' });
    expect(health[0]?.lastError).toMatch(/niet gevonden/);
  });
});
