// P3: durable commit of one action (action + outbox row + cache effect + audit entry, one transaction,
// WAL + synchronous=FULL) against a bare single-row insert with synchronous=FULL on the same disk.
// Goal: ratio ≤ 2×. Both run in this process, interleaved in rounds, so disk and load affect them alike.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uitpasCheckDigit } from '@uitpas/domain';
import { openLedger } from '../src/index.ts';

const N = Number(process.env.P3_N ?? 300);
const ROUNDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'uitpas-p3-'));

function uitpas(serial: number): string {
  const first12 = `09${String(serial).padStart(9, '0')}0`;
  return `${first12}${uitpasCheckDigit(first12)}`;
}

const opened = openLedger(join(dir, 'ledger.sqlite'));
if (!opened.ok) throw new Error(opened.problem.message);
const ledger = opened.ledger;
for (let i = 0; i < 1000; i++)
  ledger.putPassSnapshot({ uitpasNumber: uitpas(i), points: 10, data: { firstName: 'P' } });

const bare = new Database(join(dir, 'bare.sqlite'));
bare.pragma('journal_mode = WAL');
bare.pragma('synchronous = FULL');
bare.exec('CREATE TABLE t (id TEXT PRIMARY KEY, payload TEXT NOT NULL)');
const insert = bare.prepare('INSERT INTO t (id, payload) VALUES (?, ?)');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ledgerTimes: number[] = [];
const bareTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const u = uitpas(i % 1000);
    const r = ledger.record(
      {
        id: randomUUID(),
        type: 'checkin',
        stationId: 'station-1',
        staffId: 'staff-1',
        organizerId: 'org-1',
        createdAt: new Date().toISOString(),
        eventId: 'event-1',
        uitpasNumber: u,
      },
      { cacheEffect: { uitpasNumber: u, pointsDelta: 1, counters: { 'checkin:event-1': 1 } } },
    );
    if (!r.ok) throw new Error(r.error.message);
  }
  ledgerTimes.push(Number(process.hrtime.bigint() - t0) / 1e6 / N);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) insert.run(randomUUID(), '{"type":"checkin"}');
  bareTimes.push(Number(process.hrtime.bigint() - t0) / 1e6 / N);
}
const l = median(ledgerTimes);
const b = median(bareTimes);
console.log(`P3 durable record: ${l.toFixed(3)} ms/action; bare FULL insert: ${b.toFixed(3)} ms/row`);
console.log(`P3 ratio (record / bare insert): ${(l / b).toFixed(2)}x  (goal <= 2x)`);
ledger.close();
bare.close();
rmSync(dir, { recursive: true, force: true });
