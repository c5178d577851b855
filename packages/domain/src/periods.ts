// Calendar periods of check-in limits, ticket limits and reward redeem constraints (rule 15), evaluated
// in Europe/Brussels (DOMAIN.md "Decisions"; open question 8). Luxon does the calendar arithmetic, so a
// DAY that contains a daylight-saving change lasts 23 or 25 hours and still runs midnight to midnight.
import { DateTime } from 'luxon';

export const PERIOD_TYPES = ['ABSOLUTE', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const BRUSSELS = 'Europe/Brussels';

/** `[start, end)`; null means unbounded (ABSOLUTE = the whole lifetime). */
export interface PeriodWindow {
  start: Date | null;
  end: Date | null;
}

const UNIT = {
  DAY: ['day', { days: 1 }],
  WEEK: ['week', { weeks: 1 }],
  MONTH: ['month', { months: 1 }],
  QUARTER: ['quarter', { quarters: 1 }],
  YEAR: ['year', { years: 1 }],
} as const;

export function isPeriodType(value: unknown): value is PeriodType {
  return typeof value === 'string' && (PERIOD_TYPES as readonly string[]).includes(value);
}

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/**
 * The calendar period of the given type that contains `at`: DAY from local midnight, WEEK from Monday
 * 00:00, MONTH, QUARTER (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec), YEAR from 1 January, all Brussels time.
 * An unknown period type or an invalid date yields the unbounded window, so limits err on the strict side.
 */
export function periodWindow(period: PeriodType, at: Date): PeriodWindow {
  if (!isPeriodType(period) || period === 'ABSOLUTE' || !validDate(at)) return { start: null, end: null };
  const [unit, length] = UNIT[period];
  // startOf('week') is the ISO week: Monday 00:00.
  const start = DateTime.fromJSDate(at, { zone: BRUSSELS }).startOf(unit);
  const end = start.plus(length);
  if (!start.isValid || !end.isValid) return { start: null, end: null };
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export function inWindow(window: PeriodWindow, instant: Date): boolean {
  if (!validDate(instant)) return false;
  const t = instant.getTime();
  return (
    (window.start === null || t >= window.start.getTime()) &&
    (window.end === null || t < window.end.getTime())
  );
}

/** Whether two instants fall in the same calendar period (always true for ABSOLUTE). */
export function samePeriod(period: PeriodType, a: Date, b: Date): boolean {
  if (!validDate(a) || !validDate(b)) return false;
  return inWindow(periodWindow(period, a), b);
}

/**
 * How many of `dates` fall in the period that contains `at`. Dates that cannot be read are counted:
 * an action of unknown time might be in this period, and counting it keeps a limit from being exceeded.
 */
export function countInPeriod(period: PeriodType, at: Date, dates: readonly (Date | string)[]): number {
  const window = periodWindow(period, at);
  let n = 0;
  for (const d of dates) {
    const instant = toInstant(d);
    if (instant === undefined || inWindow(window, instant)) n++;
  }
  return n;
}

/**
 * An instant from a Date or an ISO 8601 string. Strings without an offset (the API's examples show
 * `2025-04-30T21:59:00`) are read as Brussels local time. Undefined when unreadable.
 */
export function toInstant(value: Date | string | null | undefined): Date | undefined {
  if (value instanceof Date) return validDate(value) ? value : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined;
  const dt = DateTime.fromISO(value.trim(), { zone: BRUSSELS });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** The Brussels calendar date (`YYYY-MM-DD`) of an instant. */
export function brusselsDate(at: Date): string | undefined {
  if (!validDate(at)) return undefined;
  return DateTime.fromJSDate(at, { zone: BRUSSELS }).toISODate() ?? undefined;
}

const PERIOD_LABELS: Record<'nl' | 'fr' | 'en', Record<PeriodType, string>> = {
  nl: {
    ABSOLUTE: 'in totaal',
    DAY: 'per dag',
    WEEK: 'per week',
    MONTH: 'per maand',
    QUARTER: 'per kwartaal',
    YEAR: 'per jaar',
  },
  fr: {
    ABSOLUTE: 'au total',
    DAY: 'par jour',
    WEEK: 'par semaine',
    MONTH: 'par mois',
    QUARTER: 'par trimestre',
    YEAR: 'par an',
  },
  en: {
    ABSOLUTE: 'in total',
    DAY: 'per day',
    WEEK: 'per week',
    MONTH: 'per month',
    QUARTER: 'per quarter',
    YEAR: 'per year',
  },
};

/** `per maand`, `par mois`, `per month`: for limit messages. */
export function periodLabel(period: PeriodType, lang: 'nl' | 'fr' | 'de' | 'en' = 'nl'): string {
  const table = lang === 'fr' || lang === 'en' ? PERIOD_LABELS[lang] : PERIOD_LABELS.nl;
  return isPeriodType(period) ? table[period] : table.ABSOLUTE;
}
