// Crash safety with real processes: a child records (and syncs) actions and is killed with SIGKILL at
// random moments, 200 times. After every kill the file passes integrity_check and every action the child
// reported as committed is there exactly once, with exactly one outbox row.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, runRound, writePlan } from './crash-harness.ts';
import { tempDir, uitpasNumber } from './helpers.ts';

const ROUNDS = 200;

let childFile: string;
let dir: { dir: string; cleanup: () => void };
beforeAll(async () => {
  childFile = await bundleChild();
  dir = tempDir('uitpas-crash-');
});
afterAll(() => dir.cleanup());

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('crash: SIGKILL while recording', () => {
  it(`keeps every reported action exactly once over ${ROUNDS} kills`, async () => {
    const file = join(dir.dir, 'crash.sqlite');
    const combos = Array.from({ length: 20_000 }, (_, i) => ({
      uitpasNumber: uitpasNumber(1000 + (i % 5000)),
      eventId: `event-${Math.floor(i / 5000)}`,
      organizerId: 'org-1',
    }));
    const plan = writePlan(dir.dir, { file, organizerId: 'org-1', combos });
    const random = seededRandom(20261124);
    const reported = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const { committed } = await runRound(childFile, plan, Math.floor(random() * 40));
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
    expect(reported.size).toBeGreaterThan(ROUNDS);
  }, 240_000);
});
