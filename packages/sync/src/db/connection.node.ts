// The device database connection: pragmas for durability and the migration runner.
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

export type OpenProblem =
  | { kind: 'newer-version'; fileVersion: number; appVersion: number; message: string }
  | { kind: 'cannot-open'; message: string; cause: string }
  | { kind: 'migration-failed'; version: number; message: string; cause: string };

export type OpenResult = { ok: true; db: Db } | { ok: false; problem: OpenProblem };

export interface OpenOptions {
  /** Milliseconds SQLite waits for a lock held by another connection before giving up. */
  busyTimeoutMs?: number;
  /** For migration tests: stop at this schema version instead of the latest. */
  targetVersion?: number;
  migrations?: readonly Migration[];
}

/**
 * Opens (or creates) the device database with WAL and synchronous=FULL (better-sqlite3 defaults WAL to
 * NORMAL, which can lose a committed action on power loss) and brings its schema up to date.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenResult {
  let db: Db;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    return {
      ok: false,
      problem: {
        kind: 'cannot-open',
        message: 'De lokale database kan niet geopend worden. Contacteer de technische dienst.',
        cause: String(e),
      },
    };
  }
  const migrated = migrate(db, options.migrations ?? MIGRATIONS, options.targetVersion);
  if (!migrated.ok) {
    db.close();
    return migrated;
  }
  return { ok: true, db };
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies all pending migrations in ONE transaction, so a crash leaves the old schema or the new one. */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
  target?: number,
): { ok: true } | { ok: false; problem: OpenProblem } {
  const appVersion = target ?? migrations[migrations.length - 1]?.version ?? LATEST_VERSION;
  const current = schemaVersion(db);
  if (current > appVersion) {
    return {
      ok: false,
      problem: {
        kind: 'newer-version',
        fileVersion: current,
        appVersion,
        message:
          `Deze database (schema ${current}) werd gemaakt door een nieuwere versie van de app ` +
          `(deze app kent schema ${appVersion}). Installeer de nieuwste versie; er werd niets gewijzigd.`,
      },
    };
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= appVersion);
  if (pending.length === 0) return { ok: true };
  let failing = 0;
  try {
    db.transaction(() => {
      for (const m of pending) {
        failing = m.version;
        db.exec(m.sql);
        // user_version is part of the database header, which the transaction also covers.
        db.pragma(`user_version = ${m.version}`);
      }
    }).immediate();
  } catch (e) {
    return {
      ok: false,
      problem: {
        kind: 'migration-failed',
        version: failing,
        message: 'De lokale database kon niet bijgewerkt worden. Er werd niets gewijzigd.',
        cause: String(e),
      },
    };
  }
  return { ok: true };
}
