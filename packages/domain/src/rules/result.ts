// The outcome of every rule: allowed, or refused with the UiTPAS problem type the API would answer
// (so the UI, the sandbox and the outbox speak about one refusal in one vocabulary) and a Dutch message.
import { fallbackMessage, type ProblemTypeName } from '../problems.ts';

export type Refusal = { allowed: false; refusal: ProblemTypeName; message: string };
export type RuleResult = { allowed: true } | Refusal;

export const ALLOWED: RuleResult = Object.freeze({ allowed: true }) as RuleResult;

export function allow(): RuleResult {
  return ALLOWED;
}

/** A refusal; without a message the type's Dutch fallback message is used. */
export function refuse(refusal: ProblemTypeName, message?: string): Refusal {
  return { allowed: false, refusal, message: message ?? fallbackMessage(refusal, 'nl') };
}

/** The first refusal among rule results (evaluated in order), else allowed. */
export function firstRefusal(...results: readonly RuleResult[]): RuleResult {
  for (const r of results) if (!r.allowed) return r;
  return ALLOWED;
}

/** Like firstRefusal, but evaluates lazily so later rules may assume earlier ones passed. */
export function checkAll(...rules: readonly (() => RuleResult)[]): RuleResult {
  for (const rule of rules) {
    const r = rule();
    if (!r.allowed) return r;
  }
  return ALLOWED;
}
