// P5: drain 1,000 actions through the engine with 50 ms latency injected by the sandbox on every POST,
// against the ideal for the concurrency limit (actions × latency / concurrency). Goal: ≥ 0.7×.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@uitpas/sandbox/testing';
import { createUitpasClient, openLedger, SyncEngine } from '../src/index.ts';

const N = Number(process.env.P5_N ?? 1000);
const LATENCY_MS = 50;
const CONCURRENCY = 4;

const sandbox = await startSandbox();
const dir = mkdtempSync(join(tmpdir(), 'uitpas-p5-'));
try {
  const s = sandbox.seed;
  const names = ['amira', 'jonas', 'lotte', 'noah', 'fatima', 'lucas', 'bram', 'emma'] as const;
  const people = names
    .map((n) => s.PASSHOLDERS[n])
    .filter((p) => p.cardStatus === 'ACTIVE' && p.membershipStatus === 'ACTIVE');
  for (const p of people) await sandbox.admin.setPoints(p.id, 1_000_000);
  const opened = openLedger(join(dir, 'ledger.sqlite'));
  if (!opened.ok) throw new Error(opened.problem.message);
  const ledger = opened.ledger;
  const reward = s.REWARDS.goedDoel;
  for (let i = 0; i < N; i++) {
    const p = people[i % people.length] as (typeof people)[number];
    const r = ledger.record({
      id: randomUUID(),
      type: 'reward-redemption',
      stationId: 'bench',
      staffId: 'bench',
      organizerId: s.ORGANIZERS.ccEeklo.id,
      createdAt: new Date().toISOString(),
      rewardId: reward.id,
      uitpasNumber: p.uitpasNumber,
      rewardType: 'POINTS',
      points: reward.points,
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  const client = createUitpasClient({
    baseUrl: sandbox.baseUrl,
    auth: {
      kind: 'client-credentials',
      tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: s.CLIENTS.counter.clientId,
      clientSecret: s.CLIENTS.counter.clientSecret,
    },
  });
  // Warm up the token and the connection pool before the clock starts.
  await client.getPermissions();
  await sandbox.admin.addFault({ route: 'POST /rewards/redeemed', kind: 'latency', latencyMs: LATENCY_MS });
  const engine = new SyncEngine({ ledger, client, concurrency: CONCURRENCY, intervalMs: 60_000 });
  const t0 = performance.now();
  engine.start();
  await engine.drain();
  const elapsed = performance.now() - t0;
  await engine.stop();
  const stats = ledger.queueStats();
  const confirmed = ledger.history({ limit: N }).filter((a) => a.state === 'confirmed').length;
  if (stats.depth !== 0 || confirmed !== N)
    throw new Error(`not drained: depth ${stats.depth}, confirmed ${confirmed}`);
  const ideal = (N * LATENCY_MS) / CONCURRENCY;
  console.log(
    `P5 drained ${N} actions over ${people.length} pass holders in ${(elapsed / 1000).toFixed(2)} s; ideal for concurrency ${CONCURRENCY} at ${LATENCY_MS} ms: ${(ideal / 1000).toFixed(2)} s`,
  );
  console.log(`P5 ratio (ideal / measured): ${(ideal / elapsed).toFixed(2)}x  (goal >= 0.7x)`);
  ledger.close();
} finally {
  await sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
}
