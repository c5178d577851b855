// The counter's activity ranges (today, 7 days, 30 days) are Brussels calendar days, whatever the clock
// of the machine says: a day that contains a daylight-saving change lasts 23 or 25 hours.
import { DateTime } from 'luxon';
import { BRUSSELS } from '../periods.ts';

export type ActivityRangeName = 'today' | '7d' | '30d';

const EXTRA_DAYS: Record<ActivityRangeName, number> = { today: 0, '7d': 7, '30d': 30 };

/** `[from, to)`: from Brussels midnight of today to Brussels midnight after the range's last day. */
export function activityRangeWindow(range: ActivityRangeName, now: Date): { from: Date; to: Date } {
  const start = DateTime.fromJSDate(now, { zone: BRUSSELS }).startOf('day');
  const end = start.plus({ days: EXTRA_DAYS[range] + 1 });
  return { from: start.toJSDate(), to: end.toJSDate() };
}
