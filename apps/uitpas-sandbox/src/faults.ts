// Fault injection per route, set through the admin hooks: what a flaky network or a busy publiq does, and
// any documented problem type, so clients can prove they explain each one.
import { isProblemTypeName, type ProblemTypeName } from '@uitpas/domain';

export type FaultKind = 'latency' | 'status' | 'rate-limit' | 'drop-before' | 'drop-after' | 'problem';

export interface FaultRule {
  id: number;
  /** `METHOD /template` as in the definition (`POST /checkins`), a bare path for auth and search, or `*`. */
  route: string;
  kind: FaultKind;
  /** latency: delay before the request is handled. */
  latencyMs?: number;
  /** status: the 5xx to answer with. */
  status?: number;
  /** rate-limit: the Retry-After value in seconds. */
  retryAfterSeconds?: number;
  /** problem: the problem type to answer with, at its documented status. */
  problem?: ProblemTypeName;
  /** problem: send publiq's `endUserMessage` (default) or leave it out, as for technical problems. */
  endUserMessage?: boolean;
  /** How many requests it still affects; absent = until cleared. */
  remaining?: number;
}

export type FaultInput = Omit<FaultRule, 'id'>;

const KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'rate-limit',
  'drop-before',
  'drop-after',
  'problem',
];

/** Checks an admin request body; returns the rule or a message saying what is wrong. */
export function parseFault(body: unknown): FaultInput | string {
  if (body === null || typeof body !== 'object') return 'Body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.route !== 'string' || b.route.length === 0)
    return 'route is required (e.g. "POST /checkins" or "*")';
  if (typeof b.kind !== 'string' || !KINDS.includes(b.kind as FaultKind))
    return `kind must be one of ${KINDS.join(', ')}`;
  const int = (v: unknown, min: number, max: number): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  const rule: FaultInput = { route: b.route, kind: b.kind as FaultKind };
  if (b.kind === 'latency') {
    if (!int(b.latencyMs, 0, 120_000)) return 'latencyMs must be an integer between 0 and 120000';
    rule.latencyMs = b.latencyMs;
  }
  if (b.kind === 'status') {
    const status = b.status ?? 503;
    if (!int(status, 500, 599)) return 'status must be a 5xx status code';
    rule.status = status;
  }
  if (b.kind === 'rate-limit') {
    const retry = b.retryAfterSeconds ?? 1;
    if (!int(retry, 0, 86_400)) return 'retryAfterSeconds must be an integer between 0 and 86400';
    rule.retryAfterSeconds = retry;
  }
  if (b.kind === 'problem') {
    if (!isProblemTypeName(b.problem))
      return 'problem must be a documented problem type (e.g. "uitpas/maximum-reached")';
    rule.problem = b.problem;
    if (b.endUserMessage !== undefined) {
      if (typeof b.endUserMessage !== 'boolean') return 'endUserMessage must be true or false';
      rule.endUserMessage = b.endUserMessage;
    }
  }
  if (b.remaining !== undefined) {
    if (!int(b.remaining, 1, 1_000_000)) return 'remaining must be a positive integer';
    rule.remaining = b.remaining;
  }
  return rule;
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultInput): FaultRule {
    const rule = { ...input, id: this.nextId++ };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules that apply to this request, each consuming one of its `remaining` uses. */
  take(route: string): FaultRule[] {
    const hits = this.rules.filter((r) => r.route === '*' || r.route === route);
    for (const r of hits) {
      if (r.remaining !== undefined) r.remaining -= 1;
    }
    this.rules = this.rules.filter((r) => r.remaining === undefined || r.remaining > 0);
    return hits;
  }
}
