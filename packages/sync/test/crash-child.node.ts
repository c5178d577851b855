// Child process of the crash test: records actions as fast as it can (and, given a sandbox, syncs them
// at the same time) until the parent kills it with SIGKILL. After each commit it writes `committed <id>`
// to stdout; the parent checks every id it saw is in the ledger exactly once.
// Bundled by esbuild before the test (see crash.test.ts) so each of the 200 rounds starts fast.
import { readFileSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createUitpasClient, openLedger, SyncEngine } from '../src/index.ts';

interface Plan {
  file: string;
  organizerId: string;
  /** Work items: each becomes one check-in, taken in order from the number of actions already recorded. */
  combos: { uitpasNumber: string; eventId: string; organizerId: string; passholderId?: string }[];
  sandbox?: { baseUrl: string; clientId: string; clientSecret: string };
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
  });
  const engine = new SyncEngine({ ledger, client, concurrency: 4, intervalMs: 50, reconcileDelayMs: 0 });
  engine.start();
}

const count = ledger.db.prepare(`SELECT count(*) AS n FROM actions`).pluck();
writeSync(1, 'ready\n');

function step(): void {
  const n = count.get() as number;
  const combo = plan.combos[n];
  if (combo === undefined) return;
  const r = ledger.record({
    id: randomUUID(),
    type: 'checkin',
    stationId: 'crash-station',
    staffId: 'crash-staff',
    organizerId: combo.organizerId,
    createdAt: new Date().toISOString(),
    eventId: combo.eventId,
    uitpasNumber: combo.uitpasNumber,
    ...(combo.passholderId ? { passholderId: combo.passholderId } : {}),
  });
  if (r.ok) writeSync(1, `committed ${r.value.id}\n`);
  else writeSync(2, `record failed: ${r.error.message}\n`);
  setImmediate(step);
}
step();
