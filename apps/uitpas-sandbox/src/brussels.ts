// Wall-clock time in Europe/Brussels, for placing seeded events and reward periods on the sandbox's days.

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function brusselsWall(at: Date): Wall {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** `YYYY-MM-DD` of the Brussels calendar day containing `at`. */
export function brusselsDate(at: Date): string {
  const w = brusselsWall(at);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant at which Brussels clocks show `ymd` `hh:mm` (daylight saving included). */
export function brusselsInstant(ymd: string, hhmm: string): Date {
  const [y, mo, d] = ymd.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Brussels is UTC+1 or UTC+2: correct the guess by the offset observed at that moment (twice for DST edges).
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const w = brusselsWall(new Date(t));
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    t += guess - shown;
  }
  return new Date(t);
}
