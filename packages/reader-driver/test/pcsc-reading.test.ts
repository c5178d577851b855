// Reading cards through the real PC/SC stack: pcscd, the vpcd reader driver and our VirtualCard.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquirePcscd, type PcscdLease } from '../src/testing/pcscd-harness.node.ts';
import { VirtualCard } from '../src/testing/virtual-card.node.ts';
import { READER0, READER1, card, sleep, startHub, tap, type Hub } from './pcsc-helpers.ts';

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
  h = await startHub();
}, 320_000);

afterEach(() => {
  for (const c of cards.splice(0)) c.remove();
});

afterAll(async () => {
  await h?.hub.stop();
  await lease?.release();
});

describe('PcscSource through pcscd and vpcd', () => {
  it.each([
    ['ultralight', '04a1b2c3d4e5f6', '04A1B2C3D4E5F6'],
    ['ultralight', '0a1b2c3d', '0A1B2C3D'],
    ['desfire', '04d0ab6af85c80', '04D0AB6AF85C80'],
    ['desfire', '04112233445566778899', '04112233445566778899'],
  ] as const)('reads a %s card with UID %s as chip number %s', async (profile, uid, chip) => {
    const read = await tap(h, make({ uid, profile }));
    expect(read).toMatchObject({ kind: 'chip', value: chip, readerId: READER0, source: 'nfc' });
  });

  it('rejects a UID of a length no UiTPAS chip has, with a reason, and reads no card', async () => {
    const reads = h.events.read.length;
    const from = h.events.rejected.length;
    const c = make({ uid: '0102030405' });
    await c.insert();
    const rejected = await h.next('rejected', () => true, from);
    expect(rejected).toMatchObject({ raw: '0102030405', readerId: READER0 });
    expect(rejected.reason).toMatch(/chipnummer/i);
    expect(h.events.read.length).toBe(reads);
  });

  it('counts a card held on the reader for 5 s as one tap', async () => {
    const reads = h.events.read.length;
    const c = make({ uid: '04a1b2c3d4e5f6' });
    await c.insert();
    await h.next('read', () => true, reads);
    await sleep(5000);
    expect(h.events.read.length).toBe(reads + 1);
    expect(c.apdus).toEqual(['ffca000000']);
  }, 15_000);

  it('reads both readers at once', async () => {
    const from = h.events.read.length;
    const a = make({ uid: '04aaaaaaaaaaaa' });
    const b = make({ uid: '04bbbbbbbbbbbb', port: 35964 });
    await Promise.all([a.insert(), b.insert()]);
    await h.next('read', (r) => r.readerId === READER0, from);
    await h.next('read', (r) => r.readerId === READER1, from);
    expect(
      h.events.read
        .slice(from)
        .map((r) => `${r.readerId}=${r.value}`)
        .sort(),
    ).toEqual([`${READER0}=04AAAAAAAAAAAA`, `${READER1}=04BBBBBBBBBBBB`]);
  });

  it('gives 50 CardReads for 50 taps of the same card', async () => {
    const from = h.events.read.length;
    const c = make({ uid: '04784cdaee3880' });
    for (let i = 0; i < 50; i++) await tap(h, c);
    await sleep(500);
    const reads = h.events.read.slice(from);
    expect(reads).toHaveLength(50);
    expect(new Set(reads.map((r) => r.value))).toEqual(new Set(['04784CDAEE3880']));
  }, 120_000);

  it('sends the ACR122U beep after the read when feedback is on, and still reads when the reader refuses it', async () => {
    const fb = await startHub({ feedback: 'acr122u', include: /^Virtual PCD 00 01$/ }, [READER1]);
    expect(fb.hub.health().map((r) => r.readerId)).not.toContain(READER0);
    try {
      const c = make({ uid: '04a1b2c3d4e5f6', port: 35964 });
      await c.insert();
      const read = await fb.next('read', (r) => r.readerId === READER1, 0);
      expect(read.value).toBe('04A1B2C3D4E5F6');
      // The suite's other hub (no feedback) reads this reader too: only one beep, after a GET DATA.
      await expect.poll(() => c.apdus.filter((a) => a === 'ff00402e0401000101')).toHaveLength(1);
      expect(c.apdus.indexOf('ffca000000')).toBeLessThan(c.apdus.indexOf('ff00402e0401000101'));
      expect(fb.events.health.filter((e) => e.status === 'error')).toEqual([]);
    } finally {
      await fb.hub.stop();
    }
  });
});
