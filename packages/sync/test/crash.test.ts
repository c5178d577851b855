// Crash safety with real processes: a child records reward redemptions and syncs them to the sandbox at
// the same time, and is killed with SIGKILL at random moments, 200 times. After every kill the file
// passes integrity_check and every action the child reported as committed is there exactly once, with
// its outbox row and audit entry. After a final sync the sandbox holds each action's effect exactly once:
// kills during a request leave `sent` actions, which are reconciled, never blindly resent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, SyncEngine } from '../src/index.ts';
import { bundleChild, runRound, writePlan } from './crash-harness.ts';
import { tempDir } from './helpers.ts';
import { clientFor, seedPeople, startSandbox, type SandboxHandle } from './sandbox-helpers.ts';

const ROUNDS = 200;

let childFile: string;
let dir: { dir: string; cleanup: () => void };
let sandbox: SandboxHandle;
beforeAll(async () => {
  [childFile, sandbox] = await Promise.all([bundleChild(), startSandbox()]);
  dir = tempDir('uitpas-crash-');
});
afterAll(async () => {
  dir.cleanup();
  await sandbox.dispose();
});

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('crash: SIGKILL while recording and syncing', () => {
  it(`keeps every reported action exactly once over ${ROUNDS} kills, and the sandbox too`, async () => {
    const file = join(dir.dir, 'crash.sqlite');
    const s = sandbox.seed;
    const people = await seedPeople(sandbox, ['amira', 'jonas', 'noah', 'lucas', 'bram'], 10_000_000);
    const reward = s.REWARDS.goedDoel;
    const plan = writePlan(dir.dir, {
      file,
      organizerId: s.ORGANIZERS.ccEeklo.id,
      rewardId: reward.id,
      rewardPoints: reward.points,
      people: people.map((p) => ({ uitpasNumber: p.uitpasNumber, passholderId: p.id })),
      sandbox: {
        baseUrl: sandbox.baseUrl,
        clientId: s.CLIENTS.counter.clientId,
        clientSecret: s.CLIENTS.counter.clientSecret,
      },
    });
    const before = new Set((await sandbox.admin.state()).redemptions.map((r) => r.id));
    const random = seededRandom(20261124);
    const reported = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round waits for a first commit, so a loaded machine cannot make every kill come too early.
      const after = round % 2 === 0 ? 'ready' : 'first-commit';
      const { committed } = await runRound(childFile, plan, Math.floor(random() * 100), after);
      for (const id of committed) reported.add(id);
      const db = new Database(file);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const actions = db.prepare(`SELECT count(*) AS n FROM actions WHERE id = ?`).pluck();
        const outbox = db.prepare(`SELECT count(*) AS n FROM outbox WHERE action_id = ?`).pluck();
        for (const id of committed) {
          expect(actions.get(id), `action ${id} after round ${round}`).toBe(1);
          expect(outbox.get(id), `outbox ${id} after round ${round}`).toBe(1);
        }
        // No action without its outbox row or audit entry: the transaction is all or nothing.
        expect(
          db
            .prepare(
              `SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.action_id = a.id)
               OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action_id = a.id)`,
            )
            .pluck()
            .get(),
        ).toBe(0);
      } finally {
        db.close();
      }
    }
    expect(reported.size).toBeGreaterThanOrEqual(ROUNDS / 2);

    // A few deterministic kills right after the server committed a request, before the ledger heard.
    const dying = writePlan(
      dir.dir,
      { ...JSON.parse(readFileSync(plan, 'utf8')), dieOnFirstAnswer: true },
      'dying.json',
    );
    for (let i = 0; i < 5; i++) {
      const { committed } = await runRound(childFile, dying, 5000);
      for (const id of committed) reported.add(id);
    }

    // Final sync in this process, then every action's effect is in the sandbox exactly once.
    const opened = openLedger(file);
    if (!opened.ok) throw new Error(opened.problem.message);
    const ledger = opened.ledger;
    const interrupted = ledger.openOutbox().filter((a) => a.state === 'sent').length;
    expect(interrupted).toBeGreaterThanOrEqual(1);
    const engine = new SyncEngine({
      ledger,
      client: clientFor(sandbox),
      intervalMs: 20,
      reconcileDelayMs: 0,
    });
    engine.start();
    for (let i = 0; i < 6000 && ledger.queueStats().depth > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await engine.stop();
    const all = ledger.history({ limit: 100_000 });
    for (const id of reported) expect(all.some((a) => a.id === id)).toBe(true);
    expect(ledger.queueStats().depth).toBe(0);
    expect(all.filter((a) => a.state !== 'confirmed' && a.state !== 'reconciled')).toEqual([]);
    const rows = (await sandbox.admin.state()).redemptions.filter(
      (r) => !before.has(r.id) && r.deleted_at === null,
    );
    const claimed = all.flatMap((a) => a.serverIds);
    expect(rows.length).toBe(all.length);
    expect(new Set(claimed)).toEqual(new Set(rows.map((r) => r.id)));
    expect(claimed.length).toBe(new Set(claimed).size);
    expect(all.filter((a) => a.state === 'reconciled').length).toBeGreaterThanOrEqual(5);
    console.log(
      `crash: ${all.length} actions, ${reported.size} reported, ${interrupted} interrupted mid-request,`,
      `${all.filter((a) => a.state === 'reconciled').length} reconciled`,
    );
    ledger.close();
  }, 600_000);
});
