// Cost of the domain's hot paths, each as a ratio against a baseline measured in the same run:
// - dedupe of a long offline check-in queue vs. computing one calendar window per check-in (the least
//   any correct dedupe must do);
// - counting dates in a period vs. parsing the same ISO strings;
// - parsing typed amounts vs. Number().
import { countInPeriod, dedupeCheckins, parseEuros, periodWindow, toInstant } from '../src/index.ts';

// The domain compiles without Node or DOM types (and imports no node:*); these globals exist in every runtime.
declare const performance: { now(): number };
declare const console: { log(line: string): void };

function time(fn: () => void, rounds = 5): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function report(name: string, baseline: number, measured: number): void {
  console.log(`${name.padEnd(48)} ${(measured / baseline).toFixed(2)}× baseline`);
}

const N = 5_000;
const start = Date.parse('2026-03-20T00:00:00Z');
const queued = Array.from({ length: N }, (_, i) => ({
  id: String(i),
  passholderKey: `p${i % 400}`,
  eventId: `e${i % 7}`,
  at: new Date(start + ((i * 7919) % (14 * 86_400_000))).toISOString(),
}));

const windows = time(() => {
  for (const r of queued) periodWindow('DAY', new Date(r.at));
});
report(
  `dedupeCheckins (${N} queued check-ins)`,
  windows,
  time(() => dedupeCheckins(queued, () => undefined)),
);

const isoStrings = queued.map((r) => r.at);
const parsing = time(() => {
  for (const s of isoStrings) toInstant(s);
});
report(
  `countInPeriod (${N} ISO dates, WEEK)`,
  parsing,
  time(() => countInPeriod('WEEK', new Date(start), isoStrings)),
);

const amounts = Array.from(
  { length: N },
  (_, i) => `${Math.floor(i / 7)},${String(i % 100).padStart(2, '0')}`,
);
const numbers = time(() => {
  for (const a of amounts) Number(a.replace(',', '.'));
});
report(
  `parseEuros (${N} amounts)`,
  numbers,
  time(() => amounts.forEach((a) => parseEuros(a))),
);
