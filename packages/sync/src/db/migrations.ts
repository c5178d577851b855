// Schema versions of the device database, applied in order by `migrate` (connection.node.ts).
// Versions go in steps of 10 so a hotfix migration can slot in between two releases (as Signal does).
// A migration is never edited once released: add a new one instead. Each has a test that seeds the
// schema before it (test/migrations.test.ts).

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Rows that carry money or a passholder's history may never be deleted; triggers make that a hard error. */
function noDelete(table: string): string {
  return `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted'); END;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'actions, outbox, audit log',
    sql: `
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  station_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  organizer_id TEXT NOT NULL,
  lane TEXT NOT NULL,
  created_at TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sent', 'confirmed', 'rejected', 'uncertain', 'reconciled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  first_sent_at INTEGER,
  last_sent_at INTEGER,
  last_problem TEXT,
  end_user_message TEXT,
  server_ids TEXT,
  result TEXT,
  cache_effect TEXT,
  was_uncertain INTEGER NOT NULL DEFAULT 0,
  verified_at INTEGER,
  reviewed_at INTEGER,
  reviewed_by TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
-- Partial: only the states staff and the engine look for, so recording a new action does not touch it.
CREATE INDEX actions_attention ON actions (state, recorded_at) WHERE state IN ('rejected', 'uncertain');
CREATE INDEX actions_lane ON actions (lane, recorded_at);
CREATE INDEX actions_organizer_time ON actions (organizer_id, recorded_at);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  action_id TEXT NOT NULL UNIQUE REFERENCES actions (id),
  lane TEXT NOT NULL,
  not_before INTEGER NOT NULL DEFAULT 0,
  done_at INTEGER
) STRICT;
CREATE INDEX outbox_open ON outbox (done_at, seq);

-- Every server-side effect an action produced or cancelled; a server id belongs to at most one action,
-- which is what keeps reconciliation from claiming one check-in for two local actions.
CREATE TABLE server_effects (
  server_id TEXT NOT NULL,
  resource TEXT NOT NULL CHECK (resource IN ('checkin', 'ticket-sale', 'redeemed-reward', 'passholder')),
  action_id TEXT NOT NULL REFERENCES actions (id),
  role TEXT NOT NULL CHECK (role IN ('effect', 'duplicate-cancelled', 'undone')),
  at INTEGER NOT NULL,
  PRIMARY KEY (resource, server_id)
) STRICT;
CREATE INDEX server_effects_action ON server_effects (action_id);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  event TEXT NOT NULL,
  action_id TEXT REFERENCES actions (id),
  detail TEXT
) STRICT;
CREATE INDEX audit_log_action ON audit_log (action_id);

${noDelete('actions')}
${noDelete('outbox')}
${noDelete('server_effects')}
${noDelete('audit_log')}
`,
  },
  {
    version: 20,
    name: 'reference cache, pass snapshots, registration drafts, card stock',
    sql: `
CREATE TABLE reference_cache (
  kind TEXT NOT NULL CHECK (kind IN ('organizer', 'permissions', 'event', 'reward', 'tariff')),
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (kind, scope, key)
) STRICT;

CREATE TABLE pass_snapshots (
  uitpas_number TEXT PRIMARY KEY,
  chip_number TEXT UNIQUE,
  passholder_id TEXT,
  snapshot TEXT NOT NULL,
  points INTEGER,
  pending_points INTEGER NOT NULL DEFAULT 0,
  counters TEXT NOT NULL DEFAULT '{}',
  fetched_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE registration_drafts (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  form TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'abandoned')),
  action_id TEXT REFERENCES actions (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE card_stock_movements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sales_point_id TEXT NOT NULL,
  movement TEXT NOT NULL CHECK (movement IN ('received', 'issued', 'returned', 'damaged', 'lost', 'correction')),
  quantity INTEGER NOT NULL,
  uitpas_number TEXT,
  action_id TEXT REFERENCES actions (id),
  station_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  note TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX card_stock_point ON card_stock_movements (sales_point_id, seq);

${noDelete('registration_drafts')}
${noDelete('card_stock_movements')}
`,
  },
  {
    version: 30,
    name: 'encrypted secrets and engine state',
    sql: `
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  ciphertext TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE engine_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
