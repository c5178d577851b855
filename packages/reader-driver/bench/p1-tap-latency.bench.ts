// P1: time from a virtual card's insertion to the CardRead event, against the minimal raw PC/SC sequence
// (@pokusew/pcsclite: status change → connect → transmit GET DATA → UID) on the same reader in the same run.
// Blocks of driver and raw taps alternate so drift affects both; a random pause before each insertion keeps
// the taps from locking onto pcscd's presence poll. Also reported: the time from pcscd's first frame
// to the card (when pcscd noticed it) to the UID, which leaves the poll out and shows the driver's own cost:
// the insertion figures swing by ±100 ms between runs with the poll phase, the second pair by a few ms.
import pcsclite from '@pokusew/pcsclite';
import { performance } from 'node:perf_hooks';
import { PcscSource } from '../src/pcsc-source.node.ts';
import { ReaderHub } from '../src/reader-hub.ts';
import { acquirePcscd } from '../src/testing/pcscd-harness.node.ts';
import { VirtualCard } from '../src/testing/virtual-card.node.ts';

const READER = 'Virtual PCD 00 00';
const TAPS = Number(process.env.BENCH_TAPS ?? 50);
const BLOCK = 10;
const GET_DATA = Buffer.from('ffca000000', 'hex');

interface Sample {
  fromInsert: number;
  fromDetect: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Each tap starts from a pcscd tick (the read follows the tick that saw the card), so the pause before the
// next insertion must span several poll periods (~400–500 ms) for the insertion to land at a random phase.
const jitter = () => sleep(Math.random() * 1300);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

async function driverBlock(card: VirtualCard, n: number): Promise<Sample[]> {
  const hub = new ReaderHub({
    sources: [new PcscSource({ include: /^Virtual PCD 00 00$/ })],
    minRepeatIntervalMs: 0,
  });
  let onRead: ((at: number) => void) | null = null;
  let onRemoved: (() => void) | null = null;
  hub.on('read', () => onRead?.(performance.now()));
  hub.on('removed', () => onRemoved?.());
  const ready = new Promise<void>((resolve) =>
    hub.on('health', (h) => h.readerId === READER && h.status === 'present' && resolve()),
  );
  await hub.start();
  await withTimeout(ready, 10_000, 'the reader');
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    await jitter();
    const read = new Promise<number>((resolve) => (onRead = resolve));
    const t0 = performance.now();
    await card.insert();
    const t1 = await withTimeout(read, 5000, 'a CardRead');
    samples.push({ fromInsert: t1 - t0, fromDetect: t1 - (card.firstFrameAt ?? t0) });
    const removed = new Promise<void>((resolve) => (onRemoved = resolve));
    card.remove();
    await withTimeout(removed, 5000, 'the removal');
  }
  await hub.stop();
  return samples;
}

async function rawBlock(card: VirtualCard, n: number): Promise<Sample[]> {
  const pcsc = pcsclite();
  pcsc.on('error', () => {});
  let onUid: ((at: number) => void) | null = null;
  let onEmpty: (() => void) | null = null;
  const ready = new Promise<void>((resolve) => {
    pcsc.on('reader', (reader) => {
      reader.on('error', () => {});
      if (reader.name !== READER) return;
      let last = 0;
      reader.on('status', (status) => {
        const changes = last ^ status.state;
        last = status.state;
        if (changes & reader.SCARD_STATE_EMPTY && status.state & reader.SCARD_STATE_EMPTY) {
          reader.disconnect(reader.SCARD_LEAVE_CARD, () => onEmpty?.());
        } else if (changes & reader.SCARD_STATE_PRESENT && status.state & reader.SCARD_STATE_PRESENT) {
          reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (err, protocol) => {
            if (err) return;
            reader.transmit(GET_DATA, 40, protocol, (e, data) => {
              if (!e && data.length > 2) onUid?.(performance.now());
            });
          });
        }
      });
      resolve();
    });
  });
  await withTimeout(ready, 10_000, 'the reader');
  // Let the first status (empty reader) pass before the first tap.
  await sleep(300);
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    await jitter();
    const uid = new Promise<number>((resolve) => (onUid = resolve));
    const t0 = performance.now();
    await card.insert();
    const t1 = await withTimeout(uid, 5000, 'the UID');
    samples.push({ fromInsert: t1 - t0, fromDetect: t1 - (card.firstFrameAt ?? t0) });
    const empty = new Promise<void>((resolve) => (onEmpty = resolve));
    card.remove();
    await withTimeout(empty, 5000, 'the removal');
  }
  pcsc.close();
  return samples;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function row(label: string, values: number[]): { median: number; p99: number } {
  const median = quantile(values, 0.5);
  const p99 = quantile(values, 0.99);
  console.log(
    `  ${label.padEnd(34)} median ${median.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms`,
  );
  return { median, p99 };
}

const lease = await acquirePcscd();
try {
  const card = new VirtualCard({ uid: '04784cdaee3880' });
  const driver: Sample[] = [];
  const raw: Sample[] = [];
  while (driver.length < TAPS) {
    const n = Math.min(BLOCK, TAPS - driver.length);
    driver.push(...(await driverBlock(card, n)));
    raw.push(...(await rawBlock(card, n)));
  }
  console.log(`P1 tap latency, ${TAPS} taps each, pcscd + vpcd, reader '${READER}'`);
  console.log(' insertion → CardRead / UID');
  const d1 = row(
    'driver (ReaderHub + PcscSource)',
    driver.map((s) => s.fromInsert),
  );
  const r1 = row(
    'raw @pokusew/pcsclite',
    raw.map((s) => s.fromInsert),
  );
  console.log(
    `  ratio driver/raw: median ${(d1.median / r1.median).toFixed(3)}×, p99 ${(d1.p99 / r1.p99).toFixed(3)}×; ` +
      `added at the median ${(d1.median - r1.median).toFixed(1)} ms (goal ≤ 10 ms, ≤ 1.1×)`,
  );
  console.log(" pcscd's first frame to the card → CardRead / UID (poll wait left out)");
  const d2 = row(
    'driver (ReaderHub + PcscSource)',
    driver.map((s) => s.fromDetect),
  );
  const r2 = row(
    'raw @pokusew/pcsclite',
    raw.map((s) => s.fromDetect),
  );
  console.log(
    `  ratio driver/raw: median ${(d2.median / r2.median).toFixed(3)}×, p99 ${(d2.p99 / r2.p99).toFixed(3)}×; ` +
      `added at the median ${(d2.median - r2.median).toFixed(1)} ms`,
  );
} finally {
  await lease.release();
}
