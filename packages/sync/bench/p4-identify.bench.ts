// P4: identify a pass from a cache of 100,000 passes (by UiTPAS number and by chip number) against
// GET /passes to the sandbox on loopback. Goal: ≥ 20× faster, cache p99 ≤ 5 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uitpasCheckDigit } from '@uitpas/domain';
import { startSandbox } from '@uitpas/sandbox/testing';
import { createUitpasClient, openLedger } from '../src/index.ts';

const PASSES = 100_000;
const LOOKUPS = 20_000;
const API_CALLS = Number(process.env.P4_API_CALLS ?? 200);

function uitpas(serial: number): string {
  const first12 = `09${String(serial).padStart(9, '0')}0`;
  return `${first12}${uitpasCheckDigit(first12)}`;
}
const chip = (serial: number) => `04${serial.toString(16).toUpperCase().padStart(12, '0')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const dir = mkdtempSync(join(tmpdir(), 'uitpas-p4-'));
const sandbox = await startSandbox();
try {
  const opened = openLedger(join(dir, 'ledger.sqlite'));
  if (!opened.ok) throw new Error(opened.problem.message);
  const ledger = opened.ledger;
  ledger.db.transaction(() => {
    for (let i = 0; i < PASSES; i++) {
      ledger.putPassSnapshot({
        uitpasNumber: uitpas(i),
        chipNumber: chip(i),
        passholderId: `ph-${i}`,
        points: i % 500,
        data: { firstName: `Pas ${i}`, passType: 'INDIVIDUAL', socialTariff: { status: 'NONE' } },
      });
    }
  })();

  let seed = 7;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 2 ** 32);
  const cacheTimes: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const n = Math.floor(rnd() * PASSES);
    const t0 = performance.now();
    const hit =
      i % 2 === 0 ? ledger.findPass({ uitpasNumber: uitpas(n) }) : ledger.findPass({ chipNumber: chip(n) });
    cacheTimes.push(performance.now() - t0);
    if (hit === undefined) throw new Error('cache miss');
  }

  const s = sandbox.seed;
  const client = createUitpasClient({
    baseUrl: sandbox.baseUrl,
    auth: {
      kind: 'client-credentials',
      tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: s.CLIENTS.counter.clientId,
      clientSecret: s.CLIENTS.counter.clientSecret,
    },
  });
  const known = [s.PASSHOLDERS.amira, s.PASSHOLDERS.jonas, s.PASSHOLDERS.bram];
  await client.getPass(s.PASSHOLDERS.amira.uitpasNumber);
  const apiTimes: number[] = [];
  for (let i = 0; i < API_CALLS; i++) {
    const p = known[i % known.length] as (typeof known)[number];
    const t0 = performance.now();
    const r = await client.getPass(i % 2 === 0 ? p.uitpasNumber : p.chipNumber);
    apiTimes.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cs = [...cacheTimes].sort((a, b) => a - b);
  const as = [...apiTimes].sort((a, b) => a - b);
  console.log(
    `P4 cache (${PASSES} passes): mean ${(mean(cs) * 1000).toFixed(1)} µs, p50 ${(percentile(cs, 50) * 1000).toFixed(1)} µs, p99 ${(percentile(cs, 99) * 1000).toFixed(1)} µs`,
  );
  console.log(
    `P4 GET /passes (sandbox, loopback): mean ${mean(as).toFixed(2)} ms, p50 ${percentile(as, 50).toFixed(2)} ms, p99 ${percentile(as, 99).toFixed(2)} ms`,
  );
  console.log(
    `P4 ratio (API mean / cache mean): ${(mean(as) / mean(cs)).toFixed(0)}x  (goal >= 20x); cache p99 ${percentile(cs, 99).toFixed(3)} ms (goal <= 5 ms)`,
  );
  ledger.close();
} finally {
  await sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
}
