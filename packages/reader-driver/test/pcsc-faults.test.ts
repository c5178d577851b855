// Card faults and a pcscd outage through the real PC/SC stack: no crash, no phantom tap, health in words.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PCSCD_READER_ID } from '../src/pcsc-source.node.ts';
import { acquirePcscd, type PcscdLease } from '../src/testing/pcscd-harness.node.ts';
import type { CardFault, VirtualCard } from '../src/testing/virtual-card.node.ts';
import { READER0, card, sleep, startHub, tap, type Hub } from './pcsc-helpers.ts';

/** CPU time of this process over `ms` of waiting, as a fraction of one core. */
async function cpuWhileWaiting(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const wallBefore = performance.now();
  await sleep(ms);
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
}

let lease: PcscdLease;
let h: Hub;
const cards: VirtualCard[] = [];
const make = (...args: Parameters<typeof card>) => {
  const c = card(...args);
  cards.push(c);
  return c;
};

beforeAll(async () => {
  lease = await acquirePcscd();
  h = await startHub({ apduTimeoutMs: 600 });
}, 320_000);

afterEach(() => {
  for (const c of cards.splice(0)) c.remove();
});

afterAll(async () => {
  await h?.hub.stop();
  await lease?.release();
});

describe('card faults', () => {
  it.each<[CardFault, RegExp]>([
    ['removed-during-apdu', /weggenomen/],
    ['no-answer', /geen antwoord binnen 600 ms/],
    ['error-status', /foutcode 6A 81/],
    ['slow', /geen antwoord binnen 600 ms/],
  ])(
    '%s: a readable health error, no CardRead, and the next tap is read',
    async (fault, reason) => {
      const reads = h.events.read.length;
      const from = h.events.health.length;
      const bad = make({ uid: '04a1b2c3d4e5f6', fault, slowMs: 1500 });
      await bad.insert();
      const health = await h.next('health', (e) => e.readerId === READER0 && e.status === 'error', from);
      expect(health.lastError).toMatch(reason);
      await sleep(fault === 'slow' ? 1500 : 300);
      bad.remove();
      await sleep(800);
      expect(h.events.read.length).toBe(reads);
      const read = await tap(h, make({ uid: '04112233445566' }));
      expect(read.value).toBe('04112233445566');
      expect(h.hub.health().find((r) => r.readerId === READER0)).toMatchObject({ status: 'present' });
    },
    20_000,
  );

  it('a slow answer within the APDU timeout is an ordinary tap', async () => {
    const read = await tap(h, make({ uid: '04a1b2c3d4e5f6', fault: 'slow', slowMs: 200 }));
    expect(read.value).toBe('04A1B2C3D4E5F6');
  });
});

describe('pcscd stopped and started during a session', () => {
  it('reports the outage, waits without spinning, recovers by itself and reads the next tap', async () => {
    if (!lease.startedByUs) throw new Error('this test needs to own pcscd: stop the system pcscd first');
    await tap(h, make({ uid: '04a1b2c3d4e5f6' }));
    const from = h.events.health.length;
    await lease.stopPcscd();
    const outage = await h.next(
      'health',
      (e) => e.readerId === PCSCD_READER_ID && e.status === 'error',
      from,
    );
    expect(outage.lastError).toMatch(/pcscd/);
    await h.next('health', (e) => e.readerId === READER0 && e.status === 'error', from);

    // A busy loop would use a whole core (ratio near 1); waiting with backoff uses next to nothing.
    expect(await cpuWhileWaiting(3000)).toBeLessThan(0.3);

    const back = h.events.health.length;
    await lease.startPcscd();
    await h.next('health', (e) => e.readerId === PCSCD_READER_ID && e.status === 'present', back, 15_000);
    await h.next('health', (e) => e.readerId === READER0 && e.status === 'present', back, 15_000);
    const read = await tap(h, make({ uid: '04d0ab6af85c80' }));
    expect(read).toMatchObject({ value: '04D0AB6AF85C80', readerId: READER0 });
  }, 40_000);

  it('starts while pcscd is down: reports it, does not spin, and reads once pcscd starts', async () => {
    await lease.stopPcscd();
    const late = await startHub({}, []);
    try {
      await late.next('health', (e) => e.readerId === PCSCD_READER_ID && e.status === 'error', 0);
      expect(late.hub.health().find((r) => r.readerId === PCSCD_READER_ID)?.lastError).toMatch(/draait niet/);
      expect(await cpuWhileWaiting(2000)).toBeLessThan(0.3);
      await lease.startPcscd();
      await late.next('health', (e) => e.readerId === READER0 && e.status === 'present', 0, 15_000);
      const read = await tap(late, make({ uid: '04a1b2c3d4e5f6' }));
      expect(read.value).toBe('04A1B2C3D4E5F6');
    } finally {
      await late.hub.stop();
    }
  }, 40_000);

  it('marks a reader that does not come back after the outage as absent', async () => {
    // The same vpcd driver under another name looks, to us, like a reader swapped while pcscd was down.
    const dir = mkdtempSync(join(tmpdir(), 'uitpas-readerconf-'));
    const conf = readFileSync('/etc/reader.conf.d/vpcd', 'utf8').replace(
      /FRIENDLYNAME\s+"[^"]*"/,
      'FRIENDLYNAME "Other PCD"',
    );
    writeFileSync(join(dir, 'vpcd'), conf);
    try {
      const from = h.events.health.length;
      await lease.stopPcscd();
      await h.next('health', (e) => e.readerId === READER0 && e.status === 'error', from);
      await lease.startPcscd({ readerConfDir: dir });
      await h.next('health', (e) => e.readerId === PCSCD_READER_ID && e.status === 'present', from, 15_000);
      const gone = await h.next(
        'health',
        (e) => e.readerId === READER0 && e.status === 'absent',
        from,
        15_000,
      );
      expect(gone.lastError).toMatch(/niet meer gevonden/);
    } finally {
      await lease.stopPcscd();
      await lease.startPcscd();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
