// The device ledger: every local action with its outbox row, optimistic cache effect and audit entry,
// the reference cache, registration drafts, card stock and the audit log, in one SQLite file.
import type Database from 'better-sqlite3';
import { localActionSchema, type LocalAction } from '@uitpas/domain';
import { openDatabase, type Db, type OpenProblem } from './db/connection.node.ts';
import type {
  ActionProblem,
  ActionState,
  AuditEntry,
  CacheEffect,
  Cached,
  DayTotals,
  PassSnapshot,
  PassSnapshotInput,
  QueueStats,
  RecordedAction,
  ReferenceKind,
  RegistrationDraft,
  ServerResource,
  StockMovement,
  StockMovementInput,
} from './ledger-types.ts';

export type RecordProblem =
  | { kind: 'invalid-input'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'storage'; message: string; cause: string };

export type RecordResult = { ok: true; value: RecordedAction } | { ok: false; error: RecordProblem };

export interface RecordOptions {
  cacheEffect?: CacheEffect;
  /** Extra detail for the audit entry (never an INSZ in clear). */
  auditDetail?: Record<string, unknown>;
}

export type OpenLedgerResult = { ok: true; ledger: Ledger } | { ok: false; problem: OpenProblem };

export interface LedgerOptions {
  /** Clock for tests; milliseconds since the epoch. */
  now?: () => number;
  busyTimeoutMs?: number;
}

/** Opens the device ledger: pragmas, migrations, and refusal of a file from a newer app version. */
export function openLedger(file: string, options: LedgerOptions = {}): OpenLedgerResult {
  const opened = openDatabase(
    file,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
  if (!opened.ok) return opened;
  return { ok: true, ledger: new Ledger(opened.db, options.now ?? Date.now) };
}

interface ActionRow {
  id: string;
  kind: string;
  payload: string;
  station_id: string;
  staff_id: string;
  organizer_id: string;
  lane: string;
  created_at: string;
  recorded_at: number;
  state: ActionState;
  attempts: number;
  first_sent_at: number | null;
  last_sent_at: number | null;
  last_problem: string | null;
  end_user_message: string | null;
  server_ids: string | null;
  result: string | null;
  cache_effect: string | null;
  was_uncertain: number;
  reviewed_at: number | null;
  reviewed_by: string | null;
  updated_at: number;
  seq: number;
  not_before: number;
}

interface PassRow {
  uitpas_number: string;
  chip_number: string | null;
  passholder_id: string | null;
  snapshot: string;
  points: number | null;
  pending_points: number;
  counters: string;
  fetched_at: number;
}

const ACTION_COLUMNS = `a.*, o.seq AS seq, o.not_before AS not_before`;

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** The pass holder an action belongs to: actions of one lane are sent in the order they were recorded. */
export function laneOf(action: LocalAction): string {
  switch (action.type) {
    case 'checkin':
    case 'reward-redemption':
    case 'card-block':
      return `uitpas:${action.uitpasNumber}`;
    case 'kiosk-checkin':
      return `chip:${action.chipNumber}`;
    case 'ticket-sale':
      return `uitpas:${action.sales[0]?.uitpasNumber ?? action.id}`;
    case 'card-replace':
      return `uitpas:${action.oldUitpasNumber}`;
    case 'kansenstatuut-set':
    case 'membership-add':
      return `uitpas:${action.uitpasNumber}`;
    case 'registration':
      return `registration:${action.passholder.registrationUitpasNumber ?? action.id}`;
    case 'undo':
      return `undo:${action.targetActionId}`;
  }
}

function toAction(row: ActionRow): RecordedAction {
  const action = JSON.parse(row.payload) as LocalAction;
  return {
    id: row.id,
    type: action.type,
    action,
    stationId: row.station_id,
    staffId: row.staff_id,
    organizerId: row.organizer_id,
    lane: row.lane,
    createdAt: row.created_at,
    recordedAt: row.recorded_at,
    state: row.state,
    attempts: row.attempts,
    firstSentAt: row.first_sent_at,
    lastSentAt: row.last_sent_at,
    lastProblem: parseJson(row.last_problem) as ActionProblem | null,
    endUserMessage: row.end_user_message,
    serverIds: (parseJson(row.server_ids) as string[] | null) ?? [],
    result: parseJson(row.result),
    cacheEffect: parseJson(row.cache_effect) as CacheEffect | null,
    wasUncertain: row.was_uncertain === 1,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    updatedAt: row.updated_at,
    outboxSeq: row.seq,
    notBefore: row.not_before,
  };
}

function toPass(row: PassRow): PassSnapshot {
  return {
    uitpasNumber: row.uitpas_number,
    chipNumber: row.chip_number,
    passholderId: row.passholder_id,
    data: JSON.parse(row.snapshot),
    points: row.points === null ? null : row.points + row.pending_points,
    serverPoints: row.points,
    pendingPoints: row.pending_points,
    counters: JSON.parse(row.counters) as Record<string, number>,
    fetchedAt: row.fetched_at,
  };
}

function addCounters(base: Record<string, number>, add: Record<string, number>, sign: 1 | -1) {
  const out = { ...base };
  for (const [k, v] of Object.entries(add)) {
    const n = (out[k] ?? 0) + sign * v;
    if (n === 0) delete out[k];
    else out[k] = n;
  }
  return out;
}

type Listener = (action: RecordedAction) => void;

export class Ledger {
  readonly db: Db;
  private readonly now: () => number;
  private readonly listeners = new Set<Listener>();
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
    this.s = prepare(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Called after an action was committed (the engine wakes on it). */
  onRecorded(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates and durably records a local action: the action, its outbox row, its optimistic effect on the
   * cached pass and the audit entry are committed in ONE synchronous transaction (WAL, synchronous=FULL)
   * before this returns. Recording the same action id twice is refused, never doubled.
   */
  record(input: unknown, options: RecordOptions = {}): RecordResult {
    const parsed = localActionSchema.safeParse(input);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
      return {
        ok: false,
        error: {
          kind: 'invalid-input',
          message: `De gegevens van deze handeling zijn ongeldig${where}: ${first?.message ?? ''}`.trim(),
        },
      };
    }
    const action = parsed.data;
    const at = this.now();
    try {
      const row = this.db
        .transaction((): ActionRow | undefined => {
          let lane = laneOf(action);
          if (action.type === 'undo') {
            const target = this.s.laneOfAction.get(action.targetActionId) as { lane: string } | undefined;
            // An undo travels in its target's lane so it is never sent before the target itself.
            if (target !== undefined) lane = target.lane;
          }
          const payload = JSON.stringify(action);
          const cacheEffect = options.cacheEffect === undefined ? null : JSON.stringify(options.cacheEffect);
          try {
            this.s.insertAction.run({
              id: action.id,
              kind: action.type,
              payload,
              station_id: action.stationId,
              staff_id: action.staffId,
              organizer_id: action.organizerId,
              lane,
              created_at: action.createdAt,
              recorded_at: at,
              cache_effect: cacheEffect,
              updated_at: at,
            });
          } catch (e) {
            // The primary key refuses a second record of the same action id.
            if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
            throw e;
          }
          const seq = Number(this.s.insertOutbox.run(action.id, lane).lastInsertRowid);
          if (options.cacheEffect !== undefined) this.applyEffect(options.cacheEffect, 1);
          this.s.insertAudit.run({
            at,
            station_id: action.stationId,
            staff_id: action.staffId,
            event: `recorded:${action.type}`,
            action_id: action.id,
            detail: options.auditDetail === undefined ? null : JSON.stringify(options.auditDetail),
          });
          // The committed row, built from what was just written instead of reading it back.
          return {
            id: action.id,
            kind: action.type,
            payload,
            station_id: action.stationId,
            staff_id: action.staffId,
            organizer_id: action.organizerId,
            lane,
            created_at: action.createdAt,
            recorded_at: at,
            state: 'pending',
            attempts: 0,
            first_sent_at: null,
            last_sent_at: null,
            last_problem: null,
            end_user_message: null,
            server_ids: null,
            result: null,
            cache_effect: cacheEffect,
            was_uncertain: 0,
            reviewed_at: null,
            reviewed_by: null,
            updated_at: at,
            seq,
            not_before: 0,
          };
        })
        .immediate();
      if (row === undefined) {
        return { ok: false, error: { kind: 'conflict', message: 'Deze handeling werd al geregistreerd.' } };
      }
      const recorded = toAction(row);
      for (const l of this.listeners) l(recorded);
      return { ok: true, value: recorded };
    } catch (e) {
      return {
        ok: false,
        error: {
          kind: 'storage',
          message: 'De handeling kon niet lokaal bewaard worden. Probeer opnieuw.',
          cause: String(e),
        },
      };
    }
  }

  private applyEffect(effect: CacheEffect, sign: 1 | -1): void {
    const row = this.s.passByUitpas.get(effect.uitpasNumber) as PassRow | undefined;
    if (row === undefined) return;
    const counters = effect.counters
      ? addCounters(JSON.parse(row.counters) as Record<string, number>, effect.counters, sign)
      : (JSON.parse(row.counters) as Record<string, number>);
    this.s.updatePassEffect.run({
      uitpas_number: effect.uitpasNumber,
      delta: sign * (effect.pointsDelta ?? 0),
      counters: JSON.stringify(counters),
      updated_at: this.now(),
    });
  }

  getAction(id: string): RecordedAction | undefined {
    const row = this.s.getAction.get(id) as ActionRow | undefined;
    return row === undefined ? undefined : toAction(row);
  }

  /** Rejected actions staff have not reviewed yet, and uncertain ones, oldest first. */
  reviewList(): RecordedAction[] {
    return (this.s.reviewList.all() as ActionRow[]).map(toAction);
  }

  /** Staff set a rejected action aside; the audit log keeps who, when and (when given) why. */
  markReviewed(id: string, staffId: string, stationId: string, note?: string): boolean {
    const at = this.now();
    return this.db.transaction(() => {
      const changed = this.s.markReviewed.run(at, staffId, at, id).changes === 1;
      if (changed)
        this.audit({
          stationId,
          staffId,
          event: 'reviewed',
          actionId: id,
          ...(note === undefined ? {} : { detail: { note } }),
        });
      return changed;
    })();
  }

  /** Staff ask for an open action (e.g. an uncertain one) to be taken up now instead of after its backoff. */
  retryNow(id: string): boolean {
    return this.s.setNotBefore.run(0, id).changes === 1;
  }

  /**
   * Staff settle an uncertain action the engine cannot settle itself (a digital registration): they
   * checked UiTPAS and say whether it landed ('landed' → reconciled) or not ('resend' → pending again).
   */
  resolveUncertain(id: string, outcome: 'landed' | 'resend', staffId: string, stationId: string): boolean {
    const at = this.now();
    return this.db.transaction(() => {
      const a = this.getAction(id);
      if (a === undefined || a.state !== 'uncertain') return false;
      if (outcome === 'landed') {
        this.s.finishAction.run({
          id,
          state: 'reconciled',
          server_ids: JSON.stringify(a.serverIds),
          result: null,
          at,
        });
        this.s.closeOutbox.run(at, id);
      } else {
        this.s.backToPending.run({ id, at });
        this.s.setNotBefore.run(0, id);
      }
      this.audit({ stationId, staffId, event: `resolved:${outcome}`, actionId: id });
      return true;
    })();
  }

  /** Actions newest first, optionally of one organizer, one pass (lane) or since a time. */
  history(
    filter: { organizerId?: string; lane?: string; since?: number; limit?: number } = {},
  ): RecordedAction[] {
    const rows = this.s.history.all({
      organizer_id: filter.organizerId ?? null,
      lane: filter.lane ?? null,
      since: filter.since ?? 0,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 10_000),
    }) as ActionRow[];
    return rows.map(toAction);
  }

  /** Totals of the actions recorded in [from, to) (ms since epoch; the caller picks the Brussels day). */
  dayTotals(filter: { from: number; to: number; organizerId?: string; stationId?: string }): DayTotals {
    const rows = this.s.dayRows.all({
      from: filter.from,
      to: filter.to,
      organizer_id: filter.organizerId ?? null,
      station_id: filter.stationId ?? null,
    }) as { payload: string; state: ActionState }[];
    const totals: DayTotals = { byType: {}, tickets: 0, tariffCents: 0, regularCents: 0, pointsRedeemed: 0 };
    for (const r of rows) {
      const a = JSON.parse(r.payload) as LocalAction;
      const t = (totals.byType[a.type] ??= { total: 0, byState: {} });
      t.total++;
      t.byState[r.state] = (t.byState[r.state] ?? 0) + 1;
      if (r.state === 'rejected') continue;
      if (a.type === 'ticket-sale') {
        for (const s of a.sales) {
          totals.tickets++;
          totals.tariffCents += s.tariffPriceCents;
          totals.regularCents += s.regularPriceCents;
        }
      } else if (a.type === 'reward-redemption') totals.pointsRedeemed += a.points;
    }
    return totals;
  }

  queueStats(): QueueStats {
    const r = this.s.queueStats.get() as { depth: number; uncertain: number; oldest: number | null };
    return { depth: r.depth, uncertain: r.uncertain ?? 0, oldestPendingAt: r.oldest };
  }

  // ---- engine transitions (each one transaction with its audit entry) ----

  /**
   * Runs an engine bookkeeping transaction with synchronous=NORMAL: it survives an app crash, and on power
   * loss it can only fall back to `sent`, which the engine reconciles from the API's history. Only
   * `record` and `markSent` must reach the disk before anything else happens, and they stay FULL.
   */
  private relaxed<T>(fn: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(fn)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** Open outbox entries in order: pending, sent (outcome unknown after a crash) and uncertain ones. */
  openOutbox(): RecordedAction[] {
    return (this.s.openOutbox.all() as ActionRow[]).map(toAction);
  }

  /** Earliest `not_before` of an open entry that is still backing off, for the engine's timer. */
  nextRetryAt(): number | null {
    const r = this.s.nextRetry.get() as { t: number | null };
    return r.t;
  }

  /**
   * The network is back: entries waiting only because the API or its token server could not be reached
   * (refused, dropped or timed out) may go now instead of sleeping out their backoff; uncertain ones are
   * still reconciled before any resend. Retry-After waits (429/503) are kept.
   */
  retryUnreachableNow(): number {
    return this.s.retryUnreachableNow.run().changes;
  }

  /** Before a POST: the action becomes `sent`, so a crash from here on leads to reconciliation, not a resend. */
  markSent(id: string): void {
    const at = this.now();
    this.s.markSent.run({ id, at });
  }

  markConfirmed(id: string, resource: ServerResource | null, serverIds: string[], result: unknown): void {
    this.finish(id, 'confirmed', resource, serverIds, result, 'confirmed');
  }

  markReconciled(id: string, resource: ServerResource | null, serverIds: string[], result: unknown): void {
    this.finish(id, 'reconciled', resource, serverIds, result, 'reconciled');
  }

  private finish(
    id: string,
    state: 'confirmed' | 'reconciled',
    resource: ServerResource | null,
    serverIds: string[],
    result: unknown,
    event: string,
  ): void {
    const at = this.now();
    this.relaxed(() => {
      const a = this.getAction(id);
      if (a === undefined) return;
      this.s.finishAction.run({
        id,
        state,
        server_ids: JSON.stringify(serverIds),
        result: result === undefined ? null : JSON.stringify(result),
        at,
      });
      this.s.closeOutbox.run(at, id);
      if (resource !== null)
        for (const sid of serverIds) this.s.insertEffect.run(sid, resource, id, 'effect', at);
      this.audit({ stationId: a.stationId, staffId: a.staffId, event, actionId: id, detail: { serverIds } });
    });
  }

  markRejected(id: string, problem: ActionProblem): void {
    const at = this.now();
    this.relaxed(() => {
      const a = this.getAction(id);
      if (a === undefined) return;
      this.s.rejectAction.run({
        id,
        problem: JSON.stringify(problem),
        message: problem.message,
        at,
      });
      this.s.closeOutbox.run(at, id);
      // The optimistic effect never happened at the server: take it back from the cached pass.
      if (a.cacheEffect !== null) this.applyEffect(a.cacheEffect, -1);
      this.audit({
        stationId: a.stationId,
        staffId: a.staffId,
        event: 'rejected',
        actionId: id,
        detail: { type: problem.type ?? problem.kind, status: problem.status },
      });
    });
  }

  markUncertain(id: string, problem: ActionProblem, notBefore: number): void {
    const at = this.now();
    this.relaxed(() => {
      this.s.uncertainAction.run({ id, problem: JSON.stringify(problem), at });
      this.s.setNotBefore.run(notBefore, id);
    });
  }

  /** The request was not processed (refused before handling, connection refused, 429, 503): send later. */
  markRetryLater(id: string, problem: ActionProblem, notBefore: number): void {
    const at = this.now();
    this.relaxed(() => {
      this.s.retryAction.run({ id, problem: JSON.stringify(problem), at });
      this.s.setNotBefore.run(notBefore, id);
    });
  }

  /** Reconciliation found no effect at the server: the action may be sent again. */
  markNotFoundAtServer(id: string): void {
    const at = this.now();
    this.relaxed(() => {
      const a = this.getAction(id);
      if (a === undefined) return;
      this.s.backToPending.run({ id, at });
      this.audit({ stationId: a.stationId, staffId: a.staffId, event: 'reconcile:not-found', actionId: id });
    });
  }

  /** Server ids already claimed by some action (as its effect, or cancelled as a duplicate). */
  claimedServerIds(resource: ServerResource, ids: string[]): Set<string> {
    const out = new Set<string>();
    for (const id of ids) if (this.s.effectExists.get(resource, id) !== undefined) out.add(id);
    return out;
  }

  recordDuplicateCancelled(actionId: string, resource: ServerResource, serverId: string): void {
    const at = this.now();
    this.relaxed(() => {
      const a = this.getAction(actionId);
      if (a === undefined) return;
      this.s.insertEffect.run(serverId, resource, actionId, 'duplicate-cancelled', at);
      this.audit({
        stationId: a.stationId,
        staffId: a.staffId,
        event: 'duplicate-cancelled',
        actionId,
        detail: { resource, serverId },
      });
    });
  }

  /** An undo action cancelled this server effect; the row stays, with its new role. */
  markUndone(resource: ServerResource, serverId: string): void {
    this.relaxed(() => this.s.markEffectUndone.run(resource, serverId));
  }

  /** Finished actions that went through an unknown outcome and were not checked for duplicates yet. */
  unverifiedUncertainActions(): RecordedAction[] {
    return (this.s.unverified.all() as ActionRow[]).map(toAction);
  }

  markVerified(id: string): void {
    this.relaxed(() => this.s.markVerified.run(this.now(), id));
  }

  // ---- audit log ----

  audit(entry: {
    stationId: string;
    staffId: string;
    event: string;
    actionId?: string;
    detail?: unknown;
  }): void {
    this.s.insertAudit.run({
      at: this.now(),
      station_id: entry.stationId,
      staff_id: entry.staffId,
      event: entry.event,
      action_id: entry.actionId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    });
  }

  auditLog(filter: { actionId?: string; since?: number; limit?: number } = {}): AuditEntry[] {
    const rows = this.s.auditLog.all({
      action_id: filter.actionId ?? null,
      since: filter.since ?? 0,
      limit: Math.min(Math.max(filter.limit ?? 200, 1), 10_000),
    }) as {
      seq: number;
      at: number;
      station_id: string;
      staff_id: string;
      event: string;
      action_id: string | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      stationId: r.station_id,
      staffId: r.staff_id,
      event: r.event,
      actionId: r.action_id,
      detail: parseJson(r.detail),
    }));
  }

  // ---- reference cache ----

  putReference(
    kind: ReferenceKind,
    scope: string,
    key: string,
    value: unknown,
    fetchedAt = this.now(),
  ): void {
    this.s.putReference.run(kind, scope, key, JSON.stringify(value), fetchedAt);
  }

  /** Replaces a whole scope (e.g. the events of one organizer) in one transaction. */
  replaceReferences(
    kind: ReferenceKind,
    scope: string,
    entries: [key: string, value: unknown][],
    fetchedAt = this.now(),
  ) {
    this.db.transaction(() => {
      for (const [key, value] of entries)
        this.s.putReference.run(kind, scope, key, JSON.stringify(value), fetchedAt);
    })();
  }

  getReference<T = unknown>(kind: ReferenceKind, scope: string, key: string): Cached<T> | undefined {
    const r = this.s.getReference.get(kind, scope, key) as { value: string; fetched_at: number } | undefined;
    return r === undefined ? undefined : { value: JSON.parse(r.value) as T, fetchedAt: r.fetched_at };
  }

  listReferences<T = unknown>(kind: ReferenceKind, scope: string): (Cached<T> & { key: string })[] {
    const rows = this.s.listReferences.all(kind, scope) as {
      key: string;
      value: string;
      fetched_at: number;
    }[];
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T, fetchedAt: r.fetched_at }));
  }

  // ---- pass snapshots ----

  /**
   * Stores what the API said about a pass. The optimistic part is recomputed from the actions the server
   * has not confirmed yet, so a fresh snapshot never counts an action twice.
   */
  putPassSnapshot(input: PassSnapshotInput, fetchedAt = this.now()): void {
    this.db.transaction(() => {
      let pending = 0;
      let counters: Record<string, number> = {};
      for (const r of this.s.openEffects.all(`%"uitpasNumber":"${input.uitpasNumber}"%`) as {
        cache_effect: string;
      }[]) {
        const e = JSON.parse(r.cache_effect) as CacheEffect;
        if (e.uitpasNumber !== input.uitpasNumber) continue;
        pending += e.pointsDelta ?? 0;
        if (e.counters) counters = addCounters(counters, e.counters, 1);
      }
      if (input.chipNumber !== undefined) this.s.clearChip.run(input.chipNumber, input.uitpasNumber);
      this.s.putPass.run({
        uitpas_number: input.uitpasNumber,
        chip_number: input.chipNumber ?? null,
        passholder_id: input.passholderId ?? null,
        snapshot: JSON.stringify(input.data),
        points: input.points ?? null,
        pending_points: pending,
        counters: JSON.stringify(counters),
        fetched_at: fetchedAt,
        updated_at: this.now(),
      });
    })();
  }

  /** Offline identification: one indexed read by UiTPAS number or chip number. */
  findPass(key: { uitpasNumber: string } | { chipNumber: string }): PassSnapshot | undefined {
    const row = (
      'uitpasNumber' in key
        ? this.s.passByUitpas.get(key.uitpasNumber)
        : this.s.passByChip.get(key.chipNumber)
    ) as PassRow | undefined;
    return row === undefined ? undefined : toPass(row);
  }

  // ---- registration drafts ----

  saveDraft(draft: { id: string; stationId: string; staffId: string; form: unknown }): RegistrationDraft {
    const at = this.now();
    return this.db.transaction(() => {
      const existing = this.s.getDraft.get(draft.id) as { state: string } | undefined;
      if (existing === undefined) {
        this.s.insertDraft.run(draft.id, draft.stationId, draft.staffId, JSON.stringify(draft.form), at, at);
        this.audit({
          stationId: draft.stationId,
          staffId: draft.staffId,
          event: 'draft:created',
          detail: { draftId: draft.id },
        });
      } else if (existing.state === 'draft') {
        this.s.updateDraft.run(JSON.stringify(draft.form), draft.staffId, at, draft.id);
      }
      return this.getDraft(draft.id) as RegistrationDraft;
    })();
  }

  getDraft(id: string): RegistrationDraft | undefined {
    const r = this.s.getDraft.get(id) as DraftRow | undefined;
    return r === undefined ? undefined : toDraft(r);
  }

  listDrafts(state: 'draft' | 'submitted' | 'abandoned' = 'draft'): RegistrationDraft[] {
    return (this.s.listDrafts.all(state) as DraftRow[]).map(toDraft);
  }

  /** Links a draft to the registration action recorded from it; the draft itself stays. */
  markDraftSubmitted(id: string, actionId: string, staffId: string, stationId: string): boolean {
    return this.db.transaction(() => {
      const ok = this.s.submitDraft.run(actionId, this.now(), id).changes === 1;
      if (ok) this.audit({ stationId, staffId, event: 'draft:submitted', actionId, detail: { draftId: id } });
      return ok;
    })();
  }

  abandonDraft(id: string, staffId: string, stationId: string): boolean {
    return this.db.transaction(() => {
      const ok = this.s.abandonDraft.run(this.now(), id).changes === 1;
      if (ok) this.audit({ stationId, staffId, event: 'draft:abandoned', detail: { draftId: id } });
      return ok;
    })();
  }

  // ---- card stock ----

  recordStockMovement(m: StockMovementInput): StockMovement {
    const at = this.now();
    return this.db.transaction(() => {
      const info = this.s.insertStock.run({
        sales_point_id: m.salesPointId,
        movement: m.movement,
        quantity: m.quantity,
        uitpas_number: m.uitpasNumber ?? null,
        action_id: m.actionId ?? null,
        station_id: m.stationId,
        staff_id: m.staffId,
        note: m.note ?? null,
        at,
      });
      this.audit({
        stationId: m.stationId,
        staffId: m.staffId,
        event: `stock:${m.movement}`,
        ...(m.actionId === undefined ? {} : { actionId: m.actionId }),
        detail: { salesPointId: m.salesPointId, quantity: m.quantity },
      });
      return this.stockMovements(m.salesPointId).find(
        (s) => s.seq === Number(info.lastInsertRowid),
      ) as StockMovement;
    })();
  }

  stockMovements(salesPointId: string): StockMovement[] {
    return (this.s.stockMovements.all(salesPointId) as StockRow[]).map((r) => ({
      seq: r.seq,
      salesPointId: r.sales_point_id,
      movement: r.movement as StockMovement['movement'],
      quantity: r.quantity,
      uitpasNumber: r.uitpas_number,
      actionId: r.action_id,
      stationId: r.station_id,
      staffId: r.staff_id,
      note: r.note,
      at: r.at,
    }));
  }

  /** Cards on hand at a sales point: received and returned minus issued, damaged and lost, plus corrections. */
  stockLevel(salesPointId: string): number {
    const r = this.s.stockLevel.get(salesPointId) as { level: number | null };
    return r.level ?? 0;
  }

  // ---- engine state (small key/value, e.g. the last reference refresh) ----

  getState(key: string): string | undefined {
    return (this.s.getState.get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.s.setState.run(key, value, this.now());
  }
}

interface DraftRow {
  id: string;
  station_id: string;
  staff_id: string;
  form: string;
  state: RegistrationDraft['state'];
  action_id: string | null;
  created_at: number;
  updated_at: number;
}

function toDraft(r: DraftRow): RegistrationDraft {
  return {
    id: r.id,
    stationId: r.station_id,
    staffId: r.staff_id,
    form: JSON.parse(r.form),
    state: r.state,
    actionId: r.action_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface StockRow {
  seq: number;
  sales_point_id: string;
  movement: string;
  quantity: number;
  uitpas_number: string | null;
  action_id: string | null;
  station_id: string;
  staff_id: string;
  note: string | null;
  at: number;
}

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    laneOfAction: p(`SELECT lane FROM actions WHERE id = ?`),
    insertAction:
      p(`INSERT INTO actions (id, kind, payload, station_id, staff_id, organizer_id, lane, created_at,
      recorded_at, cache_effect, updated_at) VALUES (@id, @kind, @payload, @station_id, @staff_id, @organizer_id,
      @lane, @created_at, @recorded_at, @cache_effect, @updated_at)`),
    insertOutbox: p(`INSERT INTO outbox (action_id, lane) VALUES (?, ?)`),
    insertAudit: p(`INSERT INTO audit_log (at, station_id, staff_id, event, action_id, detail)
      VALUES (@at, @station_id, @staff_id, @event, @action_id, @detail)`),
    getAction: p(
      `SELECT ${ACTION_COLUMNS} FROM actions a JOIN outbox o ON o.action_id = a.id WHERE a.id = ?`,
    ),
    reviewList: p(`SELECT ${ACTION_COLUMNS} FROM actions a JOIN outbox o ON o.action_id = a.id
      WHERE (a.state = 'rejected' AND a.reviewed_at IS NULL) OR a.state = 'uncertain' ORDER BY o.seq`),
    markReviewed: p(`UPDATE actions SET reviewed_at = ?, reviewed_by = ?, updated_at = ?
      WHERE id = ? AND state = 'rejected' AND reviewed_at IS NULL`),
    history: p(`SELECT ${ACTION_COLUMNS} FROM actions a JOIN outbox o ON o.action_id = a.id
      WHERE (@organizer_id IS NULL OR a.organizer_id = @organizer_id) AND (@lane IS NULL OR a.lane = @lane)
        AND a.recorded_at >= @since
      ORDER BY o.seq DESC LIMIT @limit`),
    dayRows: p(`SELECT payload, state FROM actions INDEXED BY actions_organizer_time
      WHERE recorded_at >= @from AND recorded_at < @to
        AND (@organizer_id IS NULL OR organizer_id = @organizer_id)
        AND (@station_id IS NULL OR station_id = @station_id)`),
    queueStats:
      p(`SELECT count(*) AS depth, sum(a.state = 'uncertain') AS uncertain, min(a.recorded_at) AS oldest
      FROM outbox o JOIN actions a ON a.id = o.action_id WHERE o.done_at IS NULL`),
    openOutbox: p(`SELECT ${ACTION_COLUMNS} FROM outbox o JOIN actions a ON a.id = o.action_id
      WHERE o.done_at IS NULL ORDER BY o.seq`),
    nextRetry: p(`SELECT min(not_before) AS t FROM outbox WHERE done_at IS NULL`),
    retryUnreachableNow: p(`UPDATE outbox SET not_before = 0 WHERE done_at IS NULL AND not_before > 0
      AND action_id IN (SELECT id FROM actions
        WHERE json_extract(last_problem, '$.kind') IN ('unreachable', 'lost', 'timeout', 'auth-failed'))`),
    markSent: p(`UPDATE actions SET state = 'sent', attempts = attempts + 1,
      first_sent_at = coalesce(first_sent_at, @at), last_sent_at = @at, updated_at = @at WHERE id = @id`),
    finishAction: p(`UPDATE actions SET state = @state, server_ids = @server_ids, result = @result,
      was_uncertain = CASE WHEN @state = 'reconciled' THEN 1 ELSE was_uncertain END, updated_at = @at
      WHERE id = @id`),
    closeOutbox: p(`UPDATE outbox SET done_at = ? WHERE action_id = ? AND done_at IS NULL`),
    setNotBefore: p(`UPDATE outbox SET not_before = ? WHERE action_id = ?`),
    rejectAction:
      p(`UPDATE actions SET state = 'rejected', last_problem = @problem, end_user_message = @message,
      updated_at = @at WHERE id = @id`),
    uncertainAction: p(`UPDATE actions SET state = 'uncertain', was_uncertain = 1, last_problem = @problem,
      updated_at = @at WHERE id = @id`),
    retryAction: p(`UPDATE actions SET state = CASE WHEN state = 'sent' THEN 'pending' ELSE state END,
      last_problem = @problem, updated_at = @at WHERE id = @id`),
    backToPending: p(
      `UPDATE actions SET state = 'pending', was_uncertain = 1, updated_at = @at WHERE id = @id`,
    ),
    insertEffect: p(`INSERT OR IGNORE INTO server_effects (server_id, resource, action_id, role, at)
      VALUES (?, ?, ?, ?, ?)`),
    effectExists: p(`SELECT 1 FROM server_effects WHERE resource = ? AND server_id = ?`),
    markEffectUndone: p(`UPDATE server_effects SET role = 'undone' WHERE resource = ? AND server_id = ?`),
    unverified: p(`SELECT ${ACTION_COLUMNS} FROM actions a JOIN outbox o ON o.action_id = a.id
      WHERE a.was_uncertain = 1 AND a.verified_at IS NULL AND a.state IN ('confirmed', 'reconciled') ORDER BY o.seq`),
    markVerified: p(`UPDATE actions SET verified_at = ? WHERE id = ?`),
    auditLog: p(`SELECT * FROM audit_log WHERE (@action_id IS NULL OR action_id = @action_id) AND at >= @since
      ORDER BY seq DESC LIMIT @limit`),
    putReference: p(`INSERT INTO reference_cache (kind, scope, key, value, fetched_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (kind, scope, key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at`),
    getReference: p(`SELECT value, fetched_at FROM reference_cache WHERE kind = ? AND scope = ? AND key = ?`),
    listReferences: p(
      `SELECT key, value, fetched_at FROM reference_cache WHERE kind = ? AND scope = ? ORDER BY key`,
    ),
    openEffects: p(`SELECT cache_effect FROM actions WHERE state IN ('pending', 'sent', 'uncertain')
      AND cache_effect LIKE ?`),
    clearChip: p(`UPDATE pass_snapshots SET chip_number = NULL WHERE chip_number = ? AND uitpas_number <> ?`),
    putPass: p(`INSERT INTO pass_snapshots (uitpas_number, chip_number, passholder_id, snapshot, points,
      pending_points, counters, fetched_at, updated_at) VALUES (@uitpas_number, @chip_number, @passholder_id,
      @snapshot, @points, @pending_points, @counters, @fetched_at, @updated_at)
      ON CONFLICT (uitpas_number) DO UPDATE SET chip_number = coalesce(excluded.chip_number, chip_number),
        passholder_id = coalesce(excluded.passholder_id, passholder_id), snapshot = excluded.snapshot,
        points = excluded.points, pending_points = excluded.pending_points, counters = excluded.counters,
        fetched_at = excluded.fetched_at, updated_at = excluded.updated_at`),
    passByUitpas: p(`SELECT * FROM pass_snapshots WHERE uitpas_number = ?`),
    passByChip: p(`SELECT * FROM pass_snapshots WHERE chip_number = ?`),
    updatePassEffect:
      p(`UPDATE pass_snapshots SET pending_points = pending_points + @delta, counters = @counters,
      updated_at = @updated_at WHERE uitpas_number = @uitpas_number`),
    getDraft: p(`SELECT * FROM registration_drafts WHERE id = ?`),
    insertDraft: p(`INSERT INTO registration_drafts (id, station_id, staff_id, form, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    updateDraft: p(`UPDATE registration_drafts SET form = ?, staff_id = ?, updated_at = ? WHERE id = ?`),
    listDrafts: p(`SELECT * FROM registration_drafts WHERE state = ? ORDER BY updated_at DESC`),
    submitDraft: p(`UPDATE registration_drafts SET state = 'submitted', action_id = ?, updated_at = ?
      WHERE id = ? AND state = 'draft'`),
    abandonDraft: p(
      `UPDATE registration_drafts SET state = 'abandoned', updated_at = ? WHERE id = ? AND state = 'draft'`,
    ),
    insertStock:
      p(`INSERT INTO card_stock_movements (sales_point_id, movement, quantity, uitpas_number, action_id,
      station_id, staff_id, note, at) VALUES (@sales_point_id, @movement, @quantity, @uitpas_number, @action_id,
      @station_id, @staff_id, @note, @at)`),
    stockMovements: p(`SELECT * FROM card_stock_movements WHERE sales_point_id = ? ORDER BY seq`),
    stockLevel: p(`SELECT sum(CASE WHEN movement IN ('received', 'returned', 'correction') THEN quantity
      ELSE -quantity END) AS level FROM card_stock_movements WHERE sales_point_id = ?`),
    getState: p(`SELECT value FROM engine_state WHERE key = ?`),
    setState: p(`INSERT INTO engine_state (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
  };
}
