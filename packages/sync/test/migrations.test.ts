// One test per migration: seed the schema before it, run it, check the data survived and the new schema works.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, schemaVersion } from '../src/db/connection.node.ts';
import { LATEST_VERSION, MIGRATIONS } from '../src/db/migrations.ts';
import { openLedger } from '../src/index.ts';
import { checkin, tempDir, uitpasNumber } from './helpers.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function fileAt(version: number): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'l.sqlite');
  if (version > 0) {
    const r = openDatabase(file, { targetVersion: version });
    if (!r.ok) throw new Error(r.problem.message);
    r.db.close();
  }
  return file;
}

describe('connection', () => {
  it('uses WAL, synchronous=FULL and foreign keys', () => {
    const r = openDatabase(fileAt(0));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(r.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(r.db)).toBe(LATEST_VERSION);
    r.db.close();
  });

  it('refuses a file from a newer app version without touching it', () => {
    const file = fileAt(LATEST_VERSION);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    const r = openLedger(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.kind).toBe('newer-version');
    expect(r.problem.message).toMatch(/nieuwere versie van de app/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    again.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the old schema', () => {
    const file = fileAt(0);
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 10, name: 'broken', sql: 'CREATE TABLE x (; ' },
    ];
    const r = openDatabase(file, { migrations: broken });
    expect(r.ok).toBe(false);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'actions'`).get()).toEqual({
      n: 0,
    });
    raw.close();
  });
});

describe('migration 10: actions, outbox, audit log', () => {
  it('creates the tables from an empty file and forbids deleting actions', () => {
    const r = openDatabase(fileAt(0), { targetVersion: 10 });
    if (!r.ok) throw new Error(r.problem.message);
    r.db
      .prepare(
        `INSERT INTO actions (id, kind, payload, station_id, staff_id, organizer_id, lane, created_at, recorded_at, updated_at)
         VALUES ('a', 'checkin', '{}', 's', 'st', 'o', 'l', 'now', 1, 1)`,
      )
      .run();
    expect(() => r.db.prepare(`DELETE FROM actions`).run()).toThrow(/never deleted/);
    r.db.close();
  });
});

describe('migration 20: reference cache, pass snapshots, drafts, card stock', () => {
  it('keeps actions recorded under schema 10', () => {
    const file = fileAt(10);
    const raw = new Database(file);
    raw
      .prepare(
        `INSERT INTO actions (id, kind, payload, station_id, staff_id, organizer_id, lane, created_at, recorded_at, updated_at)
         VALUES ('a1', 'checkin', ?, 's', 'st', 'o', 'l', 'now', 1, 1)`,
      )
      .run(JSON.stringify(checkin(uitpasNumber(1))));
    raw.prepare(`INSERT INTO outbox (action_id, lane) VALUES ('a1', 'l')`).run();
    raw.close();
    const r = openDatabase(file, { targetVersion: 20 });
    if (!r.ok) throw new Error(r.problem.message);
    expect(schemaVersion(r.db)).toBe(20);
    expect(r.db.prepare(`SELECT id FROM actions`).all()).toEqual([{ id: 'a1' }]);
    r.db
      .prepare(
        `INSERT INTO pass_snapshots (uitpas_number, snapshot, fetched_at, updated_at) VALUES ('1', '{}', 1, 1)`,
      )
      .run();
    expect(() =>
      r.db
        .prepare(
          `INSERT INTO card_stock_movements (sales_point_id, movement, quantity, station_id, staff_id, at)
          VALUES ('p', 'stolen', 1, 's', 'st', 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    r.db.close();
  });
});

describe('migration 30: secrets and engine state', () => {
  it('keeps the cache and drafts of schema 20', () => {
    const file = fileAt(20);
    const raw = new Database(file);
    raw
      .prepare(
        `INSERT INTO registration_drafts (id, station_id, staff_id, form, created_at, updated_at)
        VALUES ('d1', 's', 'st', '{"name":"X"}', 1, 1)`,
      )
      .run();
    raw.close();
    const r = openLedger(file);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.ledger.getDraft('d1')?.form).toEqual({ name: 'X' });
    r.ledger.setState('k', 'v');
    expect(r.ledger.getState('k')).toBe('v');
    r.ledger.close();
  });
});
