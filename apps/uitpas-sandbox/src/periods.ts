// Calendar periods (DAY, WEEK Mon–Sun, MONTH, QUARTER, YEAR, ABSOLUTE) in Europe/Brussels.
// Interim until packages/domain's periods.ts lands; same names (`periodWindow`, `countInPeriod`).
import { addDays, brusselsInstant, brusselsWall } from './brussels.ts';
import type { PeriodType } from './seed-data.ts';

export interface PeriodWindow {
  start: Date | null;
  end: Date | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function periodWindow(period: PeriodType, at: Date): PeriodWindow {
  if (period === 'ABSOLUTE') return { start: null, end: null };
  const w = brusselsWall(at);
  const today = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  let first: string;
  let next: string;
  switch (period) {
    case 'DAY':
      first = today;
      next = addDays(today, 1);
      break;
    case 'WEEK': {
      const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
      first = addDays(today, -weekday);
      next = addDays(first, 7);
      break;
    }
    case 'MONTH':
      first = `${w.year}-${pad(w.month)}-01`;
      next = w.month === 12 ? `${w.year + 1}-01-01` : `${w.year}-${pad(w.month + 1)}-01`;
      break;
    case 'QUARTER': {
      const q = Math.floor((w.month - 1) / 3) * 3 + 1;
      first = `${w.year}-${pad(q)}-01`;
      next = q === 10 ? `${w.year + 1}-01-01` : `${w.year}-${pad(q + 3)}-01`;
      break;
    }
    case 'YEAR':
      first = `${w.year}-01-01`;
      next = `${w.year + 1}-01-01`;
      break;
  }
  return { start: brusselsInstant(first, '00:00'), end: brusselsInstant(next, '00:00') };
}

export function inWindow(window: PeriodWindow, at: Date): boolean {
  return (window.start === null || at >= window.start) && (window.end === null || at < window.end);
}

export function countInPeriod(instants: readonly Date[], period: PeriodType, at: Date): number {
  const window = periodWindow(period, at);
  return instants.filter((i) => inWindow(window, i)).length;
}

/** Dutch words for limit messages ("per week"). */
export const PERIOD_NL: Record<PeriodType, string> = {
  ABSOLUTE: 'in totaal',
  DAY: 'per dag',
  WEEK: 'per week',
  MONTH: 'per maand',
  QUARTER: 'per kwartaal',
  YEAR: 'per jaar',
};
