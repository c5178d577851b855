// Types of the ledger's public API. Plain TypeScript so the terminal's contract and renderers can use them.
import type { LocalAction, LocalActionType, Problem } from '@uitpas/domain';

export const ACTION_STATES = ['pending', 'sent', 'confirmed', 'rejected', 'uncertain', 'reconciled'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** States in which the action still has work for the engine. */
export const OPEN_STATES: readonly ActionState[] = ['pending', 'sent', 'uncertain'];

export type ServerResource = 'checkin' | 'ticket-sale' | 'redeemed-reward' | 'passholder';

/** The optimistic effect of an action on the cached pass, written in the same transaction as the action. */
export interface CacheEffect {
  uitpasNumber: string;
  pointsDelta?: number;
  /** Counters the rules use offline (e.g. `checkin:<eventId>:2026-11-24`), added to the cached ones. */
  counters?: Record<string, number>;
}

/** The last thing that went wrong for an action, as staff see it in the review list. */
export interface ActionProblem {
  kind: string;
  message: string;
  status?: number;
  type?: string;
  problem?: Problem;
}

export interface RecordedAction {
  id: string;
  type: LocalActionType;
  action: LocalAction;
  stationId: string;
  staffId: string;
  organizerId: string;
  lane: string;
  createdAt: string;
  recordedAt: number;
  state: ActionState;
  attempts: number;
  firstSentAt: number | null;
  lastSentAt: number | null;
  lastProblem: ActionProblem | null;
  endUserMessage: string | null;
  serverIds: string[];
  result: unknown;
  cacheEffect: CacheEffect | null;
  wasUncertain: boolean;
  reviewedAt: number | null;
  reviewedBy: string | null;
  updatedAt: number;
  outboxSeq: number;
  /** The engine does not touch this lane before this time (ms since epoch): backoff after 429/5xx. */
  notBefore: number;
}

export interface AuditEntry {
  seq: number;
  at: number;
  stationId: string;
  staffId: string;
  event: string;
  actionId: string | null;
  detail: unknown;
}

export type ReferenceKind = 'organizer' | 'permissions' | 'event' | 'reward' | 'tariff';

export interface Cached<T> {
  value: T;
  fetchedAt: number;
}

export interface PassSnapshotInput {
  uitpasNumber: string;
  chipNumber?: string | undefined;
  passholderId?: string | undefined;
  /** Points as the API reported them at `fetchedAt`. */
  points?: number | undefined;
  /** What the API returned (GET /passes or GET /passholders), kept whole for the screens. */
  data: unknown;
}

export interface PassSnapshot {
  uitpasNumber: string;
  chipNumber: string | null;
  passholderId: string | null;
  data: unknown;
  /** Server points plus the optimistic effect of actions the server has not confirmed yet. */
  points: number | null;
  serverPoints: number | null;
  pendingPoints: number;
  counters: Record<string, number>;
  fetchedAt: number;
}

export type DraftState = 'draft' | 'submitted' | 'abandoned';

export interface RegistrationDraft {
  id: string;
  stationId: string;
  staffId: string;
  form: unknown;
  state: DraftState;
  actionId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type StockMovementKind = 'received' | 'issued' | 'returned' | 'damaged' | 'lost' | 'correction';

export interface StockMovementInput {
  salesPointId: string;
  movement: StockMovementKind;
  /** Positive number of cards; `correction` may be negative. */
  quantity: number;
  uitpasNumber?: string;
  actionId?: string;
  stationId: string;
  staffId: string;
  note?: string;
}

export interface StockMovement extends Required<
  Omit<StockMovementInput, 'uitpasNumber' | 'actionId' | 'note'>
> {
  seq: number;
  uitpasNumber: string | null;
  actionId: string | null;
  note: string | null;
  at: number;
}

export interface QueueStats {
  /** Actions the engine still has to send or reconcile. */
  depth: number;
  uncertain: number;
  /** When the oldest open action was recorded (ms since epoch), or null when the queue is empty. */
  oldestPendingAt: number | null;
}

export interface DayTotals {
  byType: Partial<Record<LocalActionType, { total: number; byState: Partial<Record<ActionState, number>> }>>;
  /** Ticket sales that were not rejected: number of tickets and the sum of tariff prices, in cents. */
  tickets: number;
  tariffCents: number;
  regularCents: number;
  /** Points redeemed in rewards that were not rejected. */
  pointsRedeemed: number;
}

export type { LocalAction, LocalActionType };
