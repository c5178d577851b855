// Rule 12: check in only inside the event's check-in window and at most `checkinLimit.volume` per
// `periodType`, counting check-ins still queued locally; dedupe queued check-ins per
// (passholder, event, period). Window and default limit are DOMAIN.md decisions (open question 3).
import { DateTime } from 'luxon';
import type { ApiCardSystemMembership, ApiEventSettings, ApiPeriodLimit } from './api-types.ts';
import {
  BRUSSELS,
  countInPeriod,
  isPeriodType,
  periodWindow,
  toInstant,
  type PeriodType,
} from '../periods.ts';
import { ALLOWED, checkAll, refuse, type RuleResult } from './result.ts';
import { checkGroupPass, checkMembershipCard, type PassType } from './card-status.ts';

/** Check-in opens this long before an event starts. */
export const CHECKIN_OPENS_BEFORE_START_MS = 60 * 60 * 1000;
/** When an event's settings define no limit: once per passholder per event per day. */
export const DEFAULT_CHECKIN_LIMIT: ApiPeriodLimit = { volume: 1, periodType: 'DAY' };

/** Start and end of the (sub-)event being checked in to, as ISO strings or Dates. */
export interface EventTimes {
  startDate?: Date | string;
  endDate?: Date | string;
}

export interface CheckinWindow {
  opens: Date | null;
  closes: Date | null;
}

/**
 * From one hour before the start until the end. Without an end, until the end of the start's day
 * (Brussels); without a start or end (permanent offers), always open.
 */
export function checkinWindow(event: EventTimes): CheckinWindow {
  const start = toInstant(event.startDate);
  const end = toInstant(event.endDate);
  const opens = start === undefined ? null : new Date(start.getTime() - CHECKIN_OPENS_BEFORE_START_MS);
  const closes =
    end ??
    (start === undefined
      ? null
      : DateTime.fromJSDate(start, { zone: BRUSSELS }).endOf('day').plus({ milliseconds: 1 }).toJSDate());
  return { opens, closes };
}

function showTime(at: Date, now: Date): string {
  const local = DateTime.fromJSDate(at, { zone: BRUSSELS });
  const sameDay = local.hasSame(DateTime.fromJSDate(now, { zone: BRUSSELS }), 'day');
  return sameDay ? local.toFormat('HH:mm') : `${local.toFormat('dd/MM/yyyy')} om ${local.toFormat('HH:mm')}`;
}

export function checkCheckinWindow(event: EventTimes, now: Date): RuleResult {
  const { opens, closes } = checkinWindow(event);
  const t = now.getTime();
  if (Number.isNaN(t)) return refuse('uitpas/checkin-not-allowed');
  if (opens !== null && t < opens.getTime()) {
    return refuse(
      'uitpas/checkin-not-allowed',
      `Deze activiteit is nog niet begonnen. Inchecken kan vanaf ${showTime(opens, now)}.`,
    );
  }
  if (closes !== null && t >= closes.getTime()) {
    return refuse(
      'uitpas/checkin-not-allowed',
      'Deze activiteit is afgelopen, je kan op deze activiteit geen punt meer sparen.',
    );
  }
  return ALLOWED;
}

export function checkinLimitOf(settings: Pick<ApiEventSettings, 'checkinLimit'> | undefined): ApiPeriodLimit {
  const limit = settings?.checkinLimit;
  return limit !== undefined && isPeriodType(limit.periodType) && Number.isFinite(limit.volume)
    ? limit
    : DEFAULT_CHECKIN_LIMIT;
}

/** Points a check-in at this event earns according to its settings (the server has the last word). */
export function checkinPointsOf(settings: Pick<ApiEventSettings, 'checkinPoints'> | undefined): number {
  const p = settings?.checkinPoints;
  return typeof p === 'number' && Number.isSafeInteger(p) && p >= 0 ? p : 0;
}

const ALREADY: Record<PeriodType, string> = {
  ABSOLUTE: 'al',
  DAY: 'vandaag al',
  WEEK: 'deze week al',
  MONTH: 'deze maand al',
  QUARTER: 'dit kwartaal al',
  YEAR: 'dit jaar al',
};
const PER: Record<PeriodType, string> = {
  ABSOLUTE: 'in totaal',
  DAY: 'per dag',
  WEEK: 'per week',
  MONTH: 'per maand',
  QUARTER: 'per kwartaal',
  YEAR: 'per jaar',
};

export interface CheckinLimitInput {
  settings?: Pick<ApiEventSettings, 'checkinLimit'>;
  now: Date;
  /** This passholder's earlier check-ins at this event: known to the server and still queued locally. */
  previousCheckins: readonly (Date | string)[];
}

export function checkCheckinLimit(input: CheckinLimitInput): RuleResult {
  const limit = checkinLimitOf(input.settings);
  const count = countInPeriod(limit.periodType, input.now, input.previousCheckins);
  if (count < limit.volume) return ALLOWED;
  return refuse(
    'uitpas/checkin-not-allowed',
    limit.volume <= 1
      ? `Deze pashouder is ${ALREADY[limit.periodType]} ingecheckt voor deze activiteit.`
      : `Deze pashouder heeft het maximum van ${limit.volume} check-ins ${PER[limit.periodType]} voor deze activiteit bereikt.`,
  );
}

export interface CheckinInput extends CheckinLimitInput {
  event: EventTimes;
  passType?: PassType;
  /** The passholder's memberships, when known (a Pass lookup already refused inactive cards). */
  memberships?: readonly ApiCardSystemMembership[];
  uitpasNumber?: string;
}

/** Rules 13, 4 and 12 for one check-in, in the order the API reports them. */
export function checkCheckin(input: CheckinInput): RuleResult {
  return checkAll(
    () => checkGroupPass(input.passType, 'checkin'),
    () =>
      input.memberships === undefined ? ALLOWED : checkMembershipCard(input.memberships, input.uitpasNumber),
    () => checkCheckinWindow(input.event, input.now),
    () => checkCheckinLimit(input),
  );
}

/** A check-in as the dedupe needs it; `passholderKey` is the passholder id or else the UiTPAS number. */
export interface CheckinRecord {
  passholderKey: string;
  eventId: string;
  at: Date | string;
}

/**
 * Splits queued check-ins into those to send and those that would exceed the limit of their
 * (passholder, event, period), oldest first. `confirmed` check-ins count against the limit but are
 * never reported as duplicates.
 */
export function dedupeCheckins<T extends CheckinRecord>(
  queued: readonly T[],
  limitFor: (eventId: string) => ApiPeriodLimit | undefined,
  confirmed: readonly CheckinRecord[] = [],
): { keep: T[]; duplicates: T[] } {
  // One pass with counters per (passholder, event) and per period window, so a long offline queue
  // costs one calendar computation per check-in. A check-in whose time cannot be read counts in
  // every window of its pair (the strict reading), and sees every check-in of its pair.
  const limits = new Map<string, ApiPeriodLimit>();
  const limitOf = (eventId: string): ApiPeriodLimit => {
    let limit = limits.get(eventId);
    if (limit === undefined) {
      limit = checkinLimitOf({ checkinLimit: limitFor(eventId) });
      limits.set(eventId, limit);
    }
    return limit;
  };
  const perPair = new Map<string, number>();
  const undated = new Map<string, number>();
  const perWindow = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const locate = (r: CheckinRecord) => {
    const pair = `${r.passholderKey}\u0000${r.eventId}`;
    const at = toInstant(r.at);
    const start = at === undefined ? undefined : periodWindow(limitOf(r.eventId).periodType, at).start;
    const window = at === undefined ? undefined : `${pair}\u0000${start?.getTime() ?? 'all'}`;
    return { pair, window, time: at?.getTime() ?? Number.NEGATIVE_INFINITY };
  };
  const count = (where: { pair: string; window: string | undefined }) => {
    bump(perPair, where.pair);
    if (where.window === undefined) bump(undated, where.pair);
    else bump(perWindow, where.window);
  };
  for (const c of confirmed) count(locate(c));

  const ordered = queued
    .map((r, i) => ({ r, i, where: locate(r) }))
    .sort((a, b) => a.where.time - b.where.time || a.i - b.i);
  const keep: T[] = [];
  const duplicates: T[] = [];
  for (const { r, where } of ordered) {
    const same =
      where.window === undefined
        ? (perPair.get(where.pair) ?? 0)
        : (perWindow.get(where.window) ?? 0) + (undated.get(where.pair) ?? 0);
    if (same < limitOf(r.eventId).volume) {
      keep.push(r);
      count(where);
    } else {
      duplicates.push(r);
    }
  }
  return { keep, duplicates };
}
