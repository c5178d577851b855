// The outbox engine: sends recorded actions to the UiTPAS API in order per pass holder, several pass
// holders at a time, and never sends an action twice without first looking for its effect (the API has
// no idempotency keys). Single flight: one drain at a time; wake() during a drain schedules one more.
import pLimit from 'p-limit';
import { brusselsDate, type LocalAction } from '@uitpas/domain';
import type { ApiError, ApiResult, UitpasClient } from '../api/client.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../api/backoff.ts';
import type { ActionProblem, RecordedAction, ServerResource } from '../ledger-types.ts';
import type { Ledger } from '../ledger.node.ts';
import { matchCheckin, matchRedemption, matchTicketSales, type MatchResult } from './match.ts';
import { Emitter } from './emitter.ts';

export interface SyncStatus {
  running: boolean;
  draining: boolean;
  queueDepth: number;
  uncertain: number;
  oldestPendingAt: number | null;
  /** Age of the oldest open action in ms, or null when the queue is empty. */
  oldestPendingAgeMs: number | null;
  lastSuccessAt: number | null;
  lastError: { message: string; at: number } | null;
  /** Set while the engine waits for a new sign-in; the message says why. */
  pausedForAuth: { message: string; at: number } | null;
}

export interface SyncEvents {
  status: SyncStatus;
  /** An action changed state (confirmed, rejected, uncertain, reconciled, …). */
  action: RecordedAction;
  /** A duplicate effect was found and cancelled at the server. */
  duplicateCancelled: { actionId: string; resource: ServerResource; serverId: string };
  /** Reference data of an organizer was refreshed. */
  referenceRefreshed: { organizerId: string; at: number };
}

export interface SyncEngineOptions {
  ledger: Ledger;
  client: UitpasClient;
  /** Pass holders synced at the same time (actions of one pass holder always go one after the other). */
  concurrency?: number;
  /** Timer wake-up, in ms (default 15 s). */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  /** Wait this long after a timeout before reconciling, so a slow request can land first (default 2 s). */
  reconcileDelayMs?: number;
  /** Margin for clock skew between this device and the API when matching history (default 2 min). */
  clockSkewMs?: number;
  /** How long after its last attempt a lost request may still land, for the duplicate check (default 2 min). */
  landingWindowMs?: number;
  /** Organizers whose reference data is refreshed in the background. */
  organizerIds?: string[];
  /** Background maintenance interval: reference data refresh and the duplicate check (default 15 min; 0 = never). */
  referenceIntervalMs?: number;
  now?: () => number;
}

type Step = 'done' | 'blocked';

const resourceOf: Partial<Record<LocalAction['type'], ServerResource>> = {
  checkin: 'checkin',
  'ticket-sale': 'ticket-sale',
  'reward-redemption': 'redeemed-reward',
  registration: 'passholder',
};

function problemOf(error: ApiError): ActionProblem {
  const base: ActionProblem = { kind: error.kind, message: error.message };
  if (error.kind === 'problem')
    return { ...base, status: error.status, type: error.problem.type, problem: error.problem };
  if (error.kind === 'forbidden' && error.problem)
    return { ...base, status: 403, type: error.problem.type, problem: error.problem };
  if (error.kind === 'server' || error.kind === 'bad-response') return { ...base, status: error.status };
  return base;
}

export class SyncEngine {
  private readonly ledger: Ledger;
  private readonly client: UitpasClient;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly intervalMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly reconcileDelayMs: number;
  private readonly clockSkewMs: number;
  private readonly landingWindowMs: number;
  private readonly organizerIds: string[];
  private readonly referenceIntervalMs: number;
  private readonly now: () => number;
  private readonly emitter = new Emitter<SyncEvents>();

  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refTimer: ReturnType<typeof setInterval> | undefined;
  private drainPromise: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;
  private lastSuccessAt: number | null = null;
  private lastError: SyncStatus['lastError'] = null;
  private pausedForAuth: SyncStatus['pausedForAuth'] = null;
  private readonly passholderIds = new Map<string, string>();
  private lastStatusAt = 0;
  private lock: Promise<void> = Promise.resolve();
  private static readonly STATUS_INTERVAL_MS = 100;

  constructor(options: SyncEngineOptions) {
    this.ledger = options.ledger;
    this.client = options.client;
    this.limit = pLimit(Math.max(1, options.concurrency ?? 4));
    this.intervalMs = options.intervalMs ?? 15_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.reconcileDelayMs = options.reconcileDelayMs ?? 2000;
    this.clockSkewMs = options.clockSkewMs ?? 2 * 60_000;
    this.landingWindowMs = options.landingWindowMs ?? 2 * 60_000;
    this.organizerIds = options.organizerIds ?? [];
    this.referenceIntervalMs = options.referenceIntervalMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /** Starts the timer and the wake-on-record hook, and drains once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.ledger.onRecorded(() => this.wake());
    if (this.referenceIntervalMs > 0) {
      this.refTimer = setInterval(() => void this.maintenance(), this.referenceIntervalMs);
      this.refTimer.unref?.();
      void this.maintenance();
    }
    this.wake();
  }

  /** Stops waking up and waits for the drain in progress, which always leaves the ledger consistent. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    if (this.refTimer) clearInterval(this.refTimer);
    this.timer = undefined;
    this.refTimer = undefined;
    await this.drainPromise;
    this.emitStatus(true);
  }

  /** Asks for a drain now: after a new action, on reconnect, or from the timer. */
  wake(): void {
    if (!this.running) return;
    void this.drain();
  }

  /**
   * The API answers again (a health check or another request got through): what waited only for the
   * network is sent now rather than after its backoff, which may have grown to a minute.
   */
  reconnected(): void {
    this.ledger.retryUnreachableNow();
    this.wake();
  }

  /** After a new sign-in: clears the auth pause and drains. */
  resume(): void {
    this.pausedForAuth = null;
    this.emitStatus(true);
    this.wake();
  }

  status(): SyncStatus {
    const q = this.ledger.queueStats();
    const now = this.now();
    return {
      running: this.running,
      draining: this.drainPromise !== undefined,
      queueDepth: q.depth,
      uncertain: q.uncertain,
      oldestPendingAt: q.oldestPendingAt,
      oldestPendingAgeMs: q.oldestPendingAt === null ? null : Math.max(0, now - q.oldestPendingAt),
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
      pausedForAuth: this.pausedForAuth,
    };
  }

  /**
   * Drains the outbox until nothing more can be done now. Single flight: concurrent calls share the drain
   * in progress, and a call during a drain makes it run once more at the end.
   */
  drain(): Promise<void> {
    if (this.drainPromise) {
      this.again = true;
      return this.drainPromise;
    }
    this.drainPromise = this.exclusive(async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again && this.pausedForAuth === null);
      } finally {
        this.drainPromise = undefined;
        this.emitStatus(true);
        this.schedule();
      }
    });
    return this.drainPromise;
  }

  /**
   * Draining and the duplicate check never overlap: the check must not mistake the effect of an action
   * that is being reconciled at that moment for a duplicate.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private schedule(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.ledger.nextRetryAt();
    const now = this.now();
    const delay = next !== null && next > now ? Math.min(next - now, this.intervalMs) : this.intervalMs;
    this.timer = setTimeout(() => this.wake(), Math.max(delay, 10));
    this.timer.unref?.();
  }

  private async drainOnce(): Promise<void> {
    if (this.pausedForAuth !== null) return;
    const lanes = new Map<string, RecordedAction[]>();
    for (const a of this.ledger.openOutbox()) {
      const list = lanes.get(a.lane);
      if (list) list.push(a);
      else lanes.set(a.lane, [a]);
    }
    this.emitStatus(true);
    // Every lane runs; the limiter bounds the requests in flight, so a long lane does not hold a slot
    // while it waits and short lanes are not starved behind it.
    await Promise.all([...lanes.values()].map((actions) => this.runLane(actions)));
  }

  private async runLane(actions: RecordedAction[]): Promise<void> {
    for (const a of actions) {
      if (this.pausedForAuth !== null || !this.running) return;
      if (a.notBefore > this.now()) return;
      // The ledger row may have moved on since the drain started (another pass of this lane).
      const current = this.ledger.getAction(a.id);
      if (current === undefined) return;
      if (current.state === 'confirmed' || current.state === 'rejected' || current.state === 'reconciled')
        continue;
      const step = await this.limit(() => this.process(current));
      this.emitStatus();
      if (step === 'blocked') return;
    }
  }

  private changed(id: string): void {
    const a = this.ledger.getAction(id);
    if (a) this.emitter.emit('action', a);
  }

  private async process(a: RecordedAction): Promise<Step> {
    if (a.state === 'sent' || a.state === 'uncertain') {
      const r = await this.reconcile(a);
      if (r !== 'not-found') return r;
      this.ledger.markNotFoundAtServer(a.id);
    }
    return this.send(a);
  }

  // ---- sending ----

  /** Immediate resends after "not found at the server" within one pass; more wait for the next pass. */
  private static readonly MAX_RESENDS_PER_PASS = 2;

  private async send(a: RecordedAction, resends = 0): Promise<Step> {
    const action = a.action;
    if (action.type === 'undo') return this.sendUndo(a, action);

    // Committed before the request leaves: a crash from here on means "outcome unknown", never "resend".
    this.ledger.markSent(a.id);
    let result: ApiResult<{ ids: string[]; body: unknown }>;
    switch (action.type) {
      case 'checkin':
        result = mapOk(
          await this.client.postCheckin({ eventId: action.eventId, uitpasNumber: action.uitpasNumber }),
          (c) => ({
            ids: [c.id],
            body: c,
          }),
        );
        break;
      case 'kiosk-checkin':
        result = mapOk(await this.client.postKioskCheckin(action.chipNumber), (c) => ({ ids: [], body: c }));
        break;
      case 'ticket-sale':
        result = mapOk(
          await this.client.postTicketSales(
            action.sales.map((s) => ({
              regularPrice: s.regularPriceCents / 100,
              ...(s.regularPriceLabel === undefined ? {} : { regularPriceLabel: s.regularPriceLabel }),
              tariff: { id: s.tariffId },
              eventId: s.eventId,
              uitpasNumber: s.uitpasNumber,
            })),
          ),
          (sales) => ({ ids: sales.map((s) => s.id), body: sales }),
        );
        break;
      case 'reward-redemption':
        result = mapOk(
          await this.client.postRedeemedReward({
            rewardId: action.rewardId,
            uitpasNumber: action.uitpasNumber,
          }),
          (r) => ({ ids: [r.id], body: r }),
        );
        break;
      case 'card-block':
        // v4 has no "block" operation: replacing the membership's card by a digital pass blocks the card
        // (docs/decisions.md). The pass holder keeps the membership and its points.
        result = mapOk(
          await this.client.postMembership(action.passholderId, action.cardSystemId, {
            cardType: 'DIGITAL',
            registrationOrganizer: { id: action.organizerId },
          }),
          () => ({ ids: [action.passholderId], body: { blocked: action.uitpasNumber } }),
        );
        break;
      case 'card-replace':
        result = mapOk(
          await this.client.postMembership(action.passholderId, action.cardSystemId, {
            cardType: 'NFC_CARD',
            uitpasNumber: action.newUitpasNumber,
            registrationOrganizer: { id: action.organizerId },
          }),
          () => ({ ids: [action.passholderId], body: { uitpasNumber: action.newUitpasNumber } }),
        );
        break;
      case 'membership-add':
        result = mapOk(
          await this.client.postMembership(action.passholderId, action.cardSystemId, {
            cardType: action.newUitpasNumber === undefined ? 'DIGITAL' : 'NFC_CARD',
            ...(action.newUitpasNumber === undefined ? {} : { uitpasNumber: action.newUitpasNumber }),
            registrationOrganizer: { id: action.organizerId },
          }),
          () => ({ ids: [action.passholderId], body: { cardSystemId: action.cardSystemId } }),
        );
        break;
      case 'kansenstatuut-set':
        result = await this.putSocialTariffEnd(action);
        break;
      case 'registration': {
        const { passholder } = action;
        result = mapOk(
          await this.client.postPassholder({
            ...passholder,
            registrationOrganizer: { id: action.organizerId },
          }),
          (p) => ({ ids: [p.id], body: { id: p.id, uitpasNumber: p.uitpasNumber } }),
        );
        break;
      }
    }
    if (result.ok) {
      this.ledger.markConfirmed(a.id, resourceOf[action.type] ?? null, result.value.ids, result.value.body);
      this.success();
      this.changed(a.id);
      return 'done';
    }
    return this.failed(a, result.error, true, resends);
  }

  /** Handles a failed request. `sent` tells whether the request may have changed state at the server. */
  private failed(a: RecordedAction, error: ApiError, sent: boolean, resends = 0): Step | Promise<Step> {
    const now = this.now();
    this.lastError = { message: error.message, at: now };
    const attempts = a.attempts + 1;
    switch (error.kind) {
      case 'problem':
      case 'forbidden':
        if (
          a.action.type === 'kiosk-checkin' &&
          (a.wasUncertain || a.state === 'uncertain' || a.state === 'sent') &&
          error.kind === 'problem' &&
          (error.name === 'uitpas/maximum-reached' || error.name === 'uitpas/checkin-not-allowed')
        ) {
          // Kiosk tokens cannot read history; a refusal after an unknown outcome means the first one landed.
          this.ledger.markReconciled(a.id, null, [], { inferredFrom: error.name });
          this.changed(a.id);
          return 'done';
        }
        this.ledger.markRejected(a.id, problemOf(error));
        this.changed(a.id);
        return 'done';
      case 'unauthorized':
      case 'auth-failed':
        this.ledger.markRetryLater(a.id, problemOf(error), now + backoffDelay(attempts, this.backoff));
        if (error.kind === 'unauthorized' || !error.retryable) this.pause(error.message);
        return 'blocked';
      case 'rate-limited':
        this.ledger.markRetryLater(
          a.id,
          problemOf(error),
          now + backoffDelay(attempts, this.backoff, error.retryAfterMs),
        );
        return 'blocked';
      case 'unreachable':
        this.ledger.markRetryLater(a.id, problemOf(error), now + backoffDelay(attempts, this.backoff));
        return 'blocked';
      case 'server':
        if (!sent || error.status === 503 || error.status === 429) {
          this.ledger.markRetryLater(
            a.id,
            problemOf(error),
            now + backoffDelay(attempts, this.backoff, error.retryAfterMs),
          );
          return 'blocked';
        }
        this.ledger.markUncertain(
          a.id,
          problemOf(error),
          now + backoffDelay(0, this.backoff, error.retryAfterMs),
        );
        this.changed(a.id);
        return 'blocked';
      case 'lost':
      case 'timeout':
      case 'bad-response':
        if (!sent) {
          this.ledger.markRetryLater(a.id, problemOf(error), now + backoffDelay(attempts, this.backoff));
          return 'blocked';
        }
        // The server may hold the effect: look for it before anything is sent again.
        if (error.kind === 'timeout' || resends >= SyncEngine.MAX_RESENDS_PER_PASS) {
          const wait =
            error.kind === 'timeout' ? this.reconcileDelayMs : backoffDelay(attempts, this.backoff);
          this.ledger.markUncertain(a.id, problemOf(error), now + wait);
          this.changed(a.id);
          return 'blocked';
        }
        this.ledger.markUncertain(a.id, problemOf(error), now);
        this.changed(a.id);
        return this.reconcileNow(a.id, resends);
    }
  }

  private async reconcileNow(id: string, resends: number): Promise<Step> {
    const a = this.ledger.getAction(id);
    if (a === undefined) return 'blocked';
    const r = await this.reconcile(a);
    if (r !== 'not-found') return r;
    this.ledger.markNotFoundAtServer(id);
    const again = this.ledger.getAction(id);
    return again ? this.send(again, resends + 1) : 'blocked';
  }

  // ---- reconciliation ----

  /** Looks for the effect of an action whose outcome is unknown. 'not-found' means it may be sent again. */
  private async reconcile(a: RecordedAction): Promise<Step | 'not-found'> {
    const action = a.action;
    switch (action.type) {
      case 'kiosk-checkin':
        // No history for kiosk tokens: resending is safe because the check-in limit refuses a second one,
        // and that refusal is read as "the first one landed" (see failed()).
        return 'not-found';
      case 'undo':
        return 'not-found';
      case 'registration':
        return this.reconcileRegistration(a, action);
      case 'card-block':
      case 'card-replace':
      case 'membership-add':
      case 'kansenstatuut-set':
        return this.reconcileMembership(a, action);
      default:
        break;
    }
    const uitpasNumber =
      action.type === 'ticket-sale' ? (action.sales[0]?.uitpasNumber ?? '') : action.uitpasNumber;
    const passholderId = await this.passholderIdFor(
      uitpasNumber,
      action.type === 'ticket-sale' ? undefined : action.passholderId,
    );
    if (!passholderId.ok) return this.reconcileFailed(a, passholderId.error);
    const ctx = {
      claimed: new Set<string>(),
      notBefore: (a.firstSentAt ?? a.recordedAt) - this.clockSkewMs,
    };
    const q = { passholderId: passholderId.value, organizerId: a.organizerId };
    let match: MatchResult;
    let resource: ServerResource;
    if (action.type === 'checkin') {
      const h = await this.collect((p) => this.client.getCheckins({ ...q, ...p }));
      if (!h.ok) return this.reconcileFailed(a, h.error);
      resource = 'checkin';
      ctx.claimed = this.ledger.claimedServerIds(
        resource,
        h.value.map((c) => c.id),
      );
      match = matchCheckin(action, h.value, ctx);
    } else if (action.type === 'ticket-sale') {
      const h = await this.collect((p) => this.client.getTicketSales({ ...q, ...p }));
      if (!h.ok) return this.reconcileFailed(a, h.error);
      resource = 'ticket-sale';
      ctx.claimed = this.ledger.claimedServerIds(
        resource,
        h.value.map((c) => c.id),
      );
      match = matchTicketSales(action, h.value, ctx);
    } else {
      const h = await this.collect((p) => this.client.getRedeemedRewards({ ...q, ...p }));
      if (!h.ok) return this.reconcileFailed(a, h.error);
      resource = 'redeemed-reward';
      ctx.claimed = this.ledger.claimedServerIds(
        resource,
        h.value.map((c) => c.id),
      );
      match = matchRedemption(action, h.value, ctx);
    }
    if (match.effect.length === 0) return 'not-found';
    this.ledger.markReconciled(a.id, resource, match.effect, { reconciledFrom: 'history' });
    this.success();
    this.changed(a.id);
    for (const dup of match.duplicates) await this.cancelDuplicate(a.id, resource, dup);
    return 'done';
  }

  private async reconcileRegistration(
    a: RecordedAction,
    action: Extract<LocalAction, { type: 'registration' }>,
  ): Promise<Step | 'not-found'> {
    const number = action.passholder.registrationUitpasNumber;
    if (number === undefined) {
      // A digital registration leaves nothing to search by: staff must check it; it is never resent blindly.
      this.ledger.markUncertain(
        a.id,
        {
          kind: 'needs-review',
          message:
            'Onbekend of deze registratie aankwam bij UiTPAS. Controleer de pashouder voor je opnieuw registreert.',
        },
        Number.MAX_SAFE_INTEGER,
      );
      this.changed(a.id);
      return 'blocked';
    }
    const r = await this.client.findPassholderByUitpasNumber(number);
    if (!r.ok) return this.reconcileFailed(a, r.error);
    const found = r.value.member[0];
    if (found === undefined) return 'not-found';
    this.ledger.markReconciled(a.id, 'passholder', [found.id], { reconciledFrom: 'history' });
    this.success();
    this.changed(a.id);
    return 'done';
  }

  /**
   * A membership write leaves its effect on the pass holder: look at the membership it changed. Only when
   * the change is not there is the action sent again (none of these can land twice with another effect:
   * a card from stock is no longer in stock once it landed, and an end date is set, not added).
   */
  private async reconcileMembership(
    a: RecordedAction,
    action: Extract<
      LocalAction,
      { type: 'card-block' | 'card-replace' | 'membership-add' | 'kansenstatuut-set' }
    >,
  ): Promise<Step | 'not-found'> {
    const r = await this.client.getPassholderDetail(action.passholderId);
    if (!r.ok) return this.reconcileFailed(a, r.error);
    const memberships = r.value.cardSystemMemberships ?? [];
    const cardOf = (m: (typeof memberships)[number]) => m.currentCard?.uitpasNumber ?? m.uitpasNumber;
    let landed: boolean;
    switch (action.type) {
      case 'card-block': {
        const m = memberships.find((x) => x.cardSystem?.id === action.cardSystemId);
        landed = m !== undefined && cardOf(m) !== action.uitpasNumber;
        break;
      }
      case 'card-replace': {
        const m = memberships.find((x) => x.cardSystem?.id === action.cardSystemId);
        landed = m !== undefined && cardOf(m) === action.newUitpasNumber;
        break;
      }
      case 'membership-add': {
        const m = memberships.find((x) => x.cardSystem?.id === action.cardSystemId);
        landed =
          m !== undefined && (action.newUitpasNumber === undefined || cardOf(m) === action.newUitpasNumber);
        break;
      }
      case 'kansenstatuut-set': {
        const m = memberships.find((x) => cardOf(x) === action.uitpasNumber) ?? memberships[0];
        const end = m?.socialTariff?.endDate;
        landed = end !== undefined && brusselsDate(new Date(end)) === action.endDate;
        break;
      }
    }
    if (!landed) return 'not-found';
    this.ledger.markReconciled(a.id, null, [action.passholderId], { reconciledFrom: 'passholder' });
    this.success();
    this.changed(a.id);
    return 'done';
  }

  /** GET then PUT the pass holder with the new social tariff end date (PUT replaces the whole resource). */
  private async putSocialTariffEnd(
    action: Extract<LocalAction, { type: 'kansenstatuut-set' }>,
  ): Promise<ApiResult<{ ids: string[]; body: unknown }>> {
    const got = await this.client.getPassholderDetail(action.passholderId);
    if (!got.ok) return got;
    const h = got.value;
    const keep = ['gender', 'email', 'phoneNumber', 'nationality', 'optInPreferences'] as const;
    const body: Record<string, unknown> = {
      firstName: h.firstName,
      name: h.name,
      dateOfBirth: h.dateOfBirth,
      address: h.address,
      registrationSocialTariffEndDate: action.endDate,
    };
    for (const k of keep) if (h[k] !== undefined) body[k] = h[k];
    return mapOk(await this.client.putPassholder(action.passholderId, body), () => ({
      ids: [action.passholderId],
      body: { endDate: action.endDate },
    }));
  }

  private reconcileFailed(a: RecordedAction, error: ApiError): Step {
    if (error.kind === 'unauthorized' || (error.kind === 'auth-failed' && !error.retryable))
      this.pause(error.message);
    this.lastError = { message: error.message, at: this.now() };
    const retryAfter =
      error.kind === 'rate-limited' || error.kind === 'server' ? error.retryAfterMs : undefined;
    this.ledger.markUncertain(
      a.id,
      a.lastProblem ?? problemOf(error),
      this.now() + backoffDelay(a.attempts, this.backoff, retryAfter),
    );
    this.changed(a.id);
    return 'blocked';
  }

  private async cancelDuplicate(actionId: string, resource: ServerResource, ids: string[]): Promise<void> {
    for (const serverId of ids) {
      const r =
        resource === 'checkin'
          ? await this.client.deleteCheckin(serverId)
          : resource === 'ticket-sale'
            ? await this.client.deleteTicketSale(serverId)
            : await this.client.deleteRedeemedReward(serverId);
      // 404: already gone. Any other failure: the next reconciliation of this pass holder finds it again.
      if (r.ok || (r.error.kind === 'problem' && r.error.status === 404)) {
        this.ledger.recordDuplicateCancelled(actionId, resource, serverId);
        this.emitter.emit('duplicateCancelled', { actionId, resource, serverId });
      }
    }
  }

  /**
   * Looks for duplicates of actions that went through an unknown outcome and were then sent again: the
   * lost request may have landed after all. Extra copies are cancelled (DELETE) and written to the audit log.
   */
  verifyDuplicates(): Promise<number> {
    return this.exclusive(() => this.verifyDuplicatesNow());
  }

  private async verifyDuplicatesNow(): Promise<number> {
    let cancelled = 0;
    const off = this.on('duplicateCancelled', () => cancelled++);
    try {
      for (const a of this.ledger.unverifiedUncertainActions()) {
        // A lost request may still land until the landing window is over: check it again later.
        if (this.now() < (a.lastSentAt ?? a.recordedAt) + this.landingWindowMs) continue;
        const action = a.action;
        if (
          action.type !== 'checkin' &&
          action.type !== 'ticket-sale' &&
          action.type !== 'reward-redemption'
        ) {
          this.ledger.markVerified(a.id);
          continue;
        }
        const resource = resourceOf[action.type] as ServerResource;
        const uitpasNumber =
          action.type === 'ticket-sale' ? (action.sales[0]?.uitpasNumber ?? '') : action.uitpasNumber;
        const pid = await this.passholderIdFor(
          uitpasNumber,
          action.type === 'ticket-sale' ? undefined : action.passholderId,
        );
        if (!pid.ok) continue;
        const q = { passholderId: pid.value, organizerId: a.organizerId };
        const own = new Set(a.serverIds);
        const h =
          action.type === 'checkin'
            ? await this.collect((p) => this.client.getCheckins({ ...q, ...p }))
            : action.type === 'ticket-sale'
              ? await this.collect((p) => this.client.getTicketSales({ ...q, ...p }))
              : await this.collect((p) => this.client.getRedeemedRewards({ ...q, ...p }));
        if (!h.ok) continue;
        const items = h.value as { id: string }[];
        const claimed = this.ledger.claimedServerIds(
          resource,
          items.map((i) => i.id),
        );
        for (const id of own) claimed.delete(id);
        const ctx = {
          claimed,
          notBefore: (a.firstSentAt ?? a.recordedAt) - this.clockSkewMs,
          notAfter: (a.lastSentAt ?? a.recordedAt) + this.landingWindowMs + this.clockSkewMs,
        };
        const m =
          action.type === 'checkin'
            ? matchCheckin(action, h.value as never, ctx)
            : action.type === 'ticket-sale'
              ? matchTicketSales(action, h.value as never, ctx)
              : matchRedemption(action, h.value as never, ctx);
        // Our own effect is one of the complete sets; every other complete set is a duplicate.
        const sets = [m.effect, ...m.duplicates].filter((s) => s.length > 0 && !s.some((id) => own.has(id)));
        for (const dup of sets) await this.cancelDuplicate(a.id, resource, dup);
        this.ledger.markVerified(a.id);
      }
    } finally {
      off();
    }
    return cancelled;
  }

  // ---- undo ----

  private async sendUndo(a: RecordedAction, action: Extract<LocalAction, { type: 'undo' }>): Promise<Step> {
    const target = this.ledger.getAction(action.targetActionId);
    if (target === undefined || target.state === 'rejected') {
      this.ledger.markConfirmed(a.id, null, [], { nothingToUndo: true });
      this.changed(a.id);
      return 'done';
    }
    if (target.state !== 'confirmed' && target.state !== 'reconciled') return 'blocked';
    const resource = resourceOf[target.type];
    if (resource === undefined || resource === 'passholder') {
      this.ledger.markRejected(a.id, {
        kind: 'unsupported',
        message: 'Deze handeling kan niet ongedaan gemaakt worden via de UiTPAS API.',
      });
      this.changed(a.id);
      return 'done';
    }
    // DELETE is idempotent: a lost answer is simply retried, and 404 means it is already gone.
    for (const serverId of target.serverIds) {
      const r =
        resource === 'checkin'
          ? await this.client.deleteCheckin(serverId)
          : resource === 'ticket-sale'
            ? await this.client.deleteTicketSale(serverId)
            : await this.client.deleteRedeemedReward(serverId);
      if (!r.ok && !(r.error.kind === 'problem' && r.error.status === 404))
        return this.failed(a, r.error, false);
      this.ledger.markUndone(resource, serverId);
    }
    this.ledger.markConfirmed(a.id, null, target.serverIds, { undone: target.id });
    this.success();
    this.changed(a.id);
    return 'done';
  }

  // ---- helpers ----

  private async passholderIdFor(
    uitpasNumber: string,
    known: string | undefined,
  ): Promise<{ ok: true; value: string } | { ok: false; error: ApiError }> {
    if (known) return { ok: true, value: known };
    const cached =
      this.passholderIds.get(uitpasNumber) ?? this.ledger.findPass({ uitpasNumber })?.passholderId;
    if (cached) return { ok: true, value: cached };
    const r = await this.client.getPass(uitpasNumber);
    if (!r.ok) return r;
    this.passholderIds.set(uitpasNumber, r.value.passholderId);
    this.ledger.putPassSnapshot({
      uitpasNumber: r.value.uitpasNumber,
      passholderId: r.value.passholderId,
      points: r.value.points,
      data: r.value,
    });
    return { ok: true, value: r.value.passholderId };
  }

  /** Reads a whole paginated history, 500 at a time (the API's maximum). */
  private async collect<T>(
    get: (p: { start: number; limit: number }) => Promise<ApiResult<{ totalItems: number; member: T[] }>>,
  ): Promise<{ ok: true; value: T[] } | { ok: false; error: ApiError }> {
    const out: T[] = [];
    for (let start = 0; ; start += 500) {
      const r = await get({ start, limit: 500 });
      if (!r.ok) return r;
      out.push(...r.value.member);
      if (r.value.member.length === 0 || start + r.value.member.length >= r.value.totalItems) break;
    }
    return { ok: true, value: out };
  }

  private pause(message: string): void {
    if (this.pausedForAuth !== null) return;
    this.pausedForAuth = { message, at: this.now() };
    this.emitStatus(true);
  }

  private success(): void {
    this.lastSuccessAt = this.now();
  }

  /** Status bars need a few updates a second, not one per action (queueStats counts the open outbox). */
  private emitStatus(force = false): void {
    const now = this.now();
    if (!force && now - this.lastStatusAt < SyncEngine.STATUS_INTERVAL_MS) return;
    this.lastStatusAt = now;
    this.emitter.emit('status', this.status());
  }

  // ---- reference data ----

  /** Background work that is not urgent: reference data of the organizers, then the duplicate check. */
  private async maintenance(): Promise<void> {
    for (const id of this.organizerIds) await this.refreshReference(id);
    if (this.pausedForAuth === null) await this.verifyDuplicates();
  }

  /** Refreshes permissions, events and rewards of an organizer into the cache (pages of 500). */
  async refreshReference(organizerId: string): Promise<{ ok: true } | { ok: false; error: ApiError }> {
    const at = this.now();
    const perms = await this.client.getPermissions();
    if (!perms.ok) return perms;
    this.ledger.replaceReferences(
      'permissions',
      'self',
      perms.value.map((p) => [p.organizer.id, p]),
      at,
    );
    for (const p of perms.value)
      this.ledger.putReference('organizer', 'self', p.organizer.id, p.organizer, at);
    const events = await this.collect((p) => this.client.getEvents({ organizerId, ...p }));
    if (!events.ok) return events;
    this.ledger.replaceReferences(
      'event',
      organizerId,
      events.value.map((e, i) => [eventKey(e, i), e]),
      at,
    );
    const rewards = await this.collect((p) => this.client.getRewards({ organizerId, ...p }));
    if (!rewards.ok) return rewards;
    this.ledger.replaceReferences(
      'reward',
      organizerId,
      rewards.value.map((r) => [r.id, r]),
      at,
    );
    this.ledger.setState(`reference:${organizerId}`, String(at));
    this.emitter.emit('referenceRefreshed', { organizerId, at });
    return { ok: true };
  }
}

/** UiTdatabank identifies events by URL (`…/event/<uuid>`); the cache keys them by the uuid. */
function eventKey(e: { id?: string | undefined; '@id'?: string | undefined }, index: number): string {
  if (e.id) return e.id;
  const url = e['@id'];
  return url ? (url.split('/').filter(Boolean).pop() ?? url) : String(index);
}

function mapOk<T, U>(r: ApiResult<T>, f: (v: T) => U): ApiResult<U> {
  return r.ok ? { ok: true, value: f(r.value), status: r.status } : r;
}
