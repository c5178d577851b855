// The counter's day report (issue 7, point 5), computed from the ledger's actions alone so its totals are,
// by construction, the sum of what was recorded. Pure: the terminal reads the rows, this folds them.
import type { LocalAction } from '../actions.ts';

/** One ledger row as the report needs it: the action, its sync state and when it was committed locally. */
export interface ReportEntry {
  action: LocalAction;
  state: 'pending' | 'sent' | 'confirmed' | 'rejected' | 'uncertain' | 'reconciled';
  /** ms since epoch (ledger `recordedAt`). */
  recordedAt: number;
}

export interface PassSalesLine {
  priceCents: number;
  paymentMethod: 'cash' | 'card' | 'free';
  count: number;
  totalCents: number;
}

export interface ReportTotals {
  passesSold: PassSalesLine[];
  /** Money the drawer must hold for this day: passes (and replacement cards) paid in cash. */
  cashCents: number;
  checkins: number;
  kansentariefTickets: number;
  kansentariefCents: number;
  otherTickets: number;
  rewards: number;
  pointsRedeemed: number;
  cardsBlocked: number;
  cardsReplaced: number;
  undos: number;
  /** Actions the API refused: not counted above, listed for review. */
  rejected: number;
}

export interface ReportRow extends ReportTotals {
  stationId: string;
  staffId: string;
}

export interface DayReport {
  /** Brussels calendar day, `YYYY-MM-DD`. */
  day: string;
  closedAt: number | null;
  rows: ReportRow[];
  totals: ReportTotals;
  /** After closing: what changed the closed day later (undos of its actions, late rows), never folded in. */
  corrections: { actionId: string; type: LocalAction['type']; staffId: string; recordedAt: number }[];
}

export function emptyTotals(): ReportTotals {
  return {
    passesSold: [],
    cashCents: 0,
    checkins: 0,
    kansentariefTickets: 0,
    kansentariefCents: 0,
    otherTickets: 0,
    rewards: 0,
    pointsRedeemed: 0,
    cardsBlocked: 0,
    cardsReplaced: 0,
    undos: 0,
    rejected: 0,
  };
}

/** A social-tariff tariff id as the API names it (`SOCIALTARIFF`, `SOCIALTARIFF-1`). */
export function isKansentariefTariff(tariffId: string): boolean {
  return tariffId.toUpperCase().startsWith('SOCIALTARIFF');
}

function addPass(t: ReportTotals, priceCents: number, paymentMethod: PassSalesLine['paymentMethod']): void {
  let line = t.passesSold.find((l) => l.priceCents === priceCents && l.paymentMethod === paymentMethod);
  if (line === undefined) {
    line = { priceCents, paymentMethod, count: 0, totalCents: 0 };
    t.passesSold.push(line);
    t.passesSold.sort(
      (a, b) => a.priceCents - b.priceCents || a.paymentMethod.localeCompare(b.paymentMethod),
    );
  }
  line.count++;
  line.totalCents += priceCents;
  if (paymentMethod === 'cash') t.cashCents += priceCents;
}

function addAction(t: ReportTotals, a: LocalAction): void {
  switch (a.type) {
    case 'registration':
      addPass(t, a.priceCents, a.paymentMethod);
      break;
    case 'card-replace':
      t.cardsReplaced++;
      if (a.paymentMethod !== undefined && a.priceCents !== undefined)
        addPass(t, a.priceCents, a.paymentMethod);
      break;
    case 'card-block':
      t.cardsBlocked++;
      break;
    case 'checkin':
    case 'kiosk-checkin':
      t.checkins++;
      break;
    case 'ticket-sale':
      for (const s of a.sales) {
        if (isKansentariefTariff(s.tariffId)) {
          t.kansentariefTickets++;
          t.kansentariefCents += s.tariffPriceCents;
        } else t.otherTickets++;
      }
      break;
    case 'reward-redemption':
      t.rewards++;
      t.pointsRedeemed += a.points;
      break;
    case 'undo':
      t.undos++;
      break;
  }
}

/**
 * Folds the entries of one day. An action counts when it was not refused by the API and not undone by an
 * undo that itself was not refused; undos are counted as such. With `closedAt`, only what was committed
 * before closing counts; anything later that concerns the day is listed as a correction.
 */
export function buildDayReport(
  day: string,
  entries: readonly ReportEntry[],
  closedAt: number | null = null,
): DayReport {
  const inBook = (e: ReportEntry) => closedAt === null || e.recordedAt <= closedAt;
  const undone = new Set<string>();
  for (const e of entries)
    if (e.action.type === 'undo' && e.state !== 'rejected' && inBook(e)) undone.add(e.action.targetActionId);

  const rows = new Map<string, ReportRow>();
  const totals = emptyTotals();
  const corrections: DayReport['corrections'] = [];
  for (const e of entries) {
    const a = e.action;
    if (!inBook(e)) {
      corrections.push({ actionId: a.id, type: a.type, staffId: a.staffId, recordedAt: e.recordedAt });
      continue;
    }
    const key = `${a.stationId}\u0000${a.staffId}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { stationId: a.stationId, staffId: a.staffId, ...emptyTotals() };
      rows.set(key, row);
    }
    if (e.state === 'rejected') {
      row.rejected++;
      totals.rejected++;
      continue;
    }
    if (undone.has(a.id)) continue;
    addAction(row, a);
    addAction(totals, a);
  }
  return {
    day,
    closedAt,
    rows: [...rows.values()].sort(
      (x, y) => x.stationId.localeCompare(y.stationId) || x.staffId.localeCompare(y.staffId),
    ),
    totals,
    corrections,
  };
}

/** RFC 4180 field; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const euros = (cents: number) => (cents / 100).toFixed(2);

/** The report as CSV (one line per station, staff member and pass price), Dutch column names. */
export function dayReportCsv(report: DayReport): string {
  const header = [
    'dag',
    'station',
    'medewerker',
    'soort',
    'prijs_eur',
    'betaalwijze',
    'aantal',
    'bedrag_eur',
  ];
  const lines: (string | number)[][] = [header];
  const push = (row: ReportRow | (ReportTotals & { stationId: string; staffId: string })) => {
    const base = [report.day, row.stationId, row.staffId];
    for (const p of row.passesSold)
      lines.push([
        ...base,
        'pas verkocht',
        euros(p.priceCents),
        p.paymentMethod,
        p.count,
        euros(p.totalCents),
      ]);
    lines.push([...base, 'check-ins', '', '', row.checkins, '']);
    lines.push([...base, 'kansentarief', '', '', row.kansentariefTickets, euros(row.kansentariefCents)]);
    lines.push([...base, 'voordelen', '', '', row.rewards, '']);
    lines.push([...base, 'geannuleerd', '', '', row.undos, '']);
    lines.push([...base, 'cash in lade', '', 'cash', '', euros(row.cashCents)]);
  };
  for (const row of report.rows) push(row);
  push({ ...report.totals, stationId: 'totaal', staffId: 'totaal' });
  for (const c of report.corrections)
    lines.push([report.day, '', c.staffId, `correctie ${c.type}`, '', '', 1, '']);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
