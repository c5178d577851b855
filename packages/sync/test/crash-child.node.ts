// Child process of the crash test: records reward redemptions as fast as it can (and, given a sandbox,
// syncs them at the same time) until the parent kills it with SIGKILL. After each commit it writes `committed <id>`
// to stdout; the parent checks every id it saw is in the ledger exactly once.
// Bundled by esbuild before the test (see crash.test.ts) so each of the 200 rounds starts fast.
import { readFileSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createUitpasClient, openLedger, SyncEngine } from '../src/index.ts';

interface Plan {
  file: string;
  organizerId: string;
  rewardId: string;
  rewardPoints: number;
  /** Pass holders to redeem for, in turn. */
  people: { uitpasNumber: string; passholderId: string }[];
  sandbox?: { baseUrl: string; clientId: string; clientSecret: string };
  /** SIGKILL itself as soon as the first POST is answered: the server committed, the ledger never hears. */
  dieOnFirstAnswer?: boolean;
}

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Plan;
const opened = openLedger(plan.file);
if (!opened.ok) {
  writeSync(2, `open failed: ${opened.problem.message}\n`);
  process.exit(2);
}
const ledger = opened.ledger;

if (plan.sandbox) {
  const client = createUitpasClient({
    baseUrl: plan.sandbox.baseUrl,
    timeoutMs: 5000,
    auth: {
      kind: 'client-credentials',
      tokenUrl: `${plan.sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: plan.sandbox.clientId,
      clientSecret: plan.sandbox.clientSecret,
    },
    fetch: async (request) => {
      const response = await fetch(request);
      if (plan.dieOnFirstAnswer && request.method === 'POST' && !request.url.includes('/realms/'))
        process.kill(process.pid, 'SIGKILL');
      return response;
    },
  });
  const engine = new SyncEngine({
    ledger,
    client,
    concurrency: 4,
    intervalMs: 50,
    reconcileDelayMs: 0,
    backoff: { baseMs: 10, maxMs: 200 },
    referenceIntervalMs: 0,
  });
  engine.start();
}
writeSync(1, 'ready\n');

let n = 0;
function step(): void {
  const p = plan.people[n++ % plan.people.length];
  if (p === undefined) return;
  const r = ledger.record({
    id: randomUUID(),
    type: 'reward-redemption',
    stationId: 'crash-station',
    staffId: 'crash-staff',
    organizerId: plan.organizerId,
    createdAt: new Date().toISOString(),
    rewardId: plan.rewardId,
    uitpasNumber: p.uitpasNumber,
    passholderId: p.passholderId,
    rewardType: 'POINTS',
    points: plan.rewardPoints,
  });
  if (r.ok) writeSync(1, `committed ${r.value.id}\n`);
  else writeSync(2, `record failed: ${r.error.message}\n`);
  setImmediate(step);
}
step();
