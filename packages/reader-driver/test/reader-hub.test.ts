import { describe, expect, it } from 'vitest';
import { ReaderHub } from '../src/reader-hub.ts';
import { SimulatedSource } from '../src/simulated-source.ts';
import type { CardRead, CardSource, ReaderHealth, ScanRejected } from '../src/types.ts';

const CHIP = '04A1B2C3D4E5F6';
const UITPAS = '0900000095902';

function setup(options: { minRepeatIntervalMs?: number; readers?: string[] } = {}) {
  let clock = 1_000_000;
  const sim = new SimulatedSource({ readers: options.readers ?? ['balie-1'] });
  const hub = new ReaderHub({
    sources: [sim],
    now: () => clock,
    ...(options.minRepeatIntervalMs !== undefined
      ? { minRepeatIntervalMs: options.minRepeatIntervalMs }
      : {}),
  });
  const reads: CardRead[] = [];
  const rejected: ScanRejected[] = [];
  const health: ReaderHealth[] = [];
  hub.on('read', (r) => reads.push(r));
  hub.on('rejected', (r) => rejected.push(r));
  hub.on('health', (h) => health.push(h));
  return { sim, hub, reads, rejected, health, advance: (ms: number) => (clock += ms) };
}

describe('ReaderHub with a SimulatedSource', () => {
  it('reports the attached reader and emits normalised CardReads', async () => {
    const { sim, hub, reads, health } = setup();
    await hub.start();
    expect(health).toMatchObject([{ readerId: 'balie-1', status: 'present', tapCount: 0 }]);
    sim.tap(CHIP.toLowerCase());
    sim.scan(UITPAS);
    expect(reads).toMatchObject([
      { kind: 'chip', value: CHIP, readerId: 'balie-1', source: 'simulator' },
      { kind: 'uitpas', value: UITPAS },
    ]);
    expect(hub.health()[0]).toMatchObject({ tapCount: 2, status: 'present' });
  });

  it('counts a card left on the reader as one tap, and the same card after lifting as a new one', async () => {
    const { sim, hub, reads, advance } = setup();
    await hub.start();
    sim.place(CHIP);
    advance(5000);
    sim.place(CHIP);
    advance(5000);
    sim.place(CHIP);
    expect(reads).toHaveLength(1);
    sim.lift();
    advance(1000);
    sim.place(CHIP);
    expect(reads).toHaveLength(2);
  });

  it('drops the same value within the minimum interval, but not another value', async () => {
    const { sim, hub, reads, advance } = setup({ minRepeatIntervalMs: 500 });
    await hub.start();
    sim.scan(UITPAS);
    advance(100);
    sim.scan(UITPAS);
    sim.scan(CHIP);
    advance(600);
    sim.scan(CHIP);
    expect(reads.map((r) => r.value)).toEqual([UITPAS, CHIP, CHIP]);
  });

  it('turns garbage into ScanRejected with a readable reason and a printable, truncated raw value', async () => {
    const { sim, hub, reads, rejected } = setup();
    await hub.start();
    for (let i = 0; i < 5; i++) sim.garbage();
    expect(reads).toEqual([]);
    expect(rejected).toHaveLength(5);
    for (const r of rejected) {
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.raw.length).toBeLessThanOrEqual(41);
      expect([...r.raw].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
    }
  });

  it('reports detach, faults and re-attach as health events, keeping the last error in words', async () => {
    const { sim, hub, health } = setup();
    await hub.start();
    sim.detach('balie-1', 'USB-kabel uitgetrokken');
    sim.attach();
    sim.fault('Kaart antwoordde niet');
    sim.tap(CHIP);
    expect(health.map((h) => h.status)).toEqual(['present', 'absent', 'present', 'error', 'present']);
    expect(hub.health()[0]).toMatchObject({
      status: 'present',
      lastError: 'Kaart antwoordde niet',
      tapCount: 1,
    });
  });

  it('a card held across a reader outage is read again afterwards (a missed tap is worse than a repeat)', async () => {
    const { sim, hub, reads, advance } = setup();
    await hub.start();
    sim.place(CHIP);
    sim.detach();
    sim.attach();
    advance(1000);
    sim.place(CHIP);
    expect(reads).toHaveLength(2);
  });

  it('gives every tap of a burst with distinct cards, across two readers', async () => {
    const { sim, hub, reads } = setup({ readers: ['a', 'b'] });
    await hub.start();
    const cards = Array.from({ length: 20 }, (_, i) => `04${i.toString(16).padStart(12, '0').toUpperCase()}`);
    await sim.burst(cards, 'a');
    await sim.burst(cards, 'b');
    expect(reads.filter((r) => r.readerId === 'a')).toHaveLength(20);
    expect(reads.filter((r) => r.readerId === 'b')).toHaveLength(20);
  });

  it('plays a script', async () => {
    const { sim, hub, reads, rejected, health } = setup();
    await hub.start();
    await sim.play([
      { do: 'tap', value: CHIP },
      { do: 'wait', ms: 5 },
      { do: 'garbage' },
      { do: 'detach' },
      { do: 'attach' },
      { do: 'scan', value: UITPAS },
    ]);
    expect(reads).toHaveLength(2);
    expect(rejected).toHaveLength(1);
    expect(health.map((h) => h.status)).toContain('absent');
  });

  it('retries a source whose start fails and reports why meanwhile', async () => {
    let attempts = 0;
    const flaky: CardSource = {
      id: 'flaky',
      kind: 'hid',
      async start(sink) {
        attempts++;
        if (attempts < 3) throw new Error('apparaat niet gevonden');
        sink.emit({ type: 'reader', readerId: 'flaky', status: 'present' });
      },
      async stop() {},
    };
    const hub = new ReaderHub({ sources: [flaky], restartBackoffMs: { initial: 5, max: 10 } });
    const health: ReaderHealth[] = [];
    hub.on('health', (h) => health.push(h));
    await hub.start();
    await expect.poll(() => attempts, { timeout: 2000 }).toBe(3);
    await hub.stop();
    expect(health[0]).toMatchObject({
      status: 'error',
      lastError: expect.stringContaining('apparaat niet gevonden'),
    });
    expect(health.at(-1)).toMatchObject({ status: 'present' });
  });

  it('keeps delivering when a listener throws', async () => {
    const { sim, hub, reads } = setup();
    hub.on('read', () => {
      throw new Error('listener bug');
    });
    await hub.start();
    const original = console.error;
    console.error = () => {};
    try {
      sim.tap(CHIP);
    } finally {
      console.error = original;
    }
    expect(reads).toHaveLength(1);
  });

  it('emits nothing after stop', async () => {
    const { sim, hub, reads } = setup();
    await hub.start();
    await hub.stop();
    expect(() => sim.tap(CHIP)).toThrow(/not started/);
    expect(reads).toEqual([]);
  });
});
