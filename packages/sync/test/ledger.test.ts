import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../src/index.ts';
import { checkin, openTempLedger, redemption, ticketSale, uitpasNumber, undo } from './helpers.ts';

let ledger: Ledger;
let file: string;
let cleanup: () => void;
beforeEach(() => ({ ledger, file, cleanup } = openTempLedger()));
afterEach(() => cleanup());

describe('record', () => {
  it('commits action, outbox row, cache effect and audit entry together', () => {
    const u = uitpasNumber(7);
    ledger.putPassSnapshot({ uitpasNumber: u, points: 20, data: { firstName: 'An' } });
    const a = checkin(u);
    const r = ledger.record(a, {
      cacheEffect: { uitpasNumber: u, pointsDelta: 1, counters: { 'checkin:event-1': 1 } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.state).toBe('pending');
    expect(r.value.lane).toBe(`uitpas:${u}`);
    // Read back through an independent connection: it is on disk, not only in this connection's memory.
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare(`SELECT count(*) AS n FROM outbox WHERE action_id = ?`).get(a.id)).toEqual({ n: 1 });
    expect(raw.prepare(`SELECT event FROM audit_log WHERE action_id = ?`).all(a.id)).toEqual([
      { event: 'recorded:checkin' },
    ]);
    raw.close();
    const pass = ledger.findPass({ uitpasNumber: u });
    expect(pass?.points).toBe(21);
    expect(pass?.serverPoints).toBe(20);
    expect(pass?.counters).toEqual({ 'checkin:event-1': 1 });
  });

  it('refuses invalid actions and a second record of the same id, writing nothing', () => {
    const bad = { ...checkin(uitpasNumber(1)), uitpasNumber: '123' };
    const r1 = ledger.record(bad);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.kind).toBe('invalid-input');
    const a = checkin(uitpasNumber(1));
    expect(ledger.record(a).ok).toBe(true);
    const r2 = ledger.record(a);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.kind).toBe('conflict');
    expect(ledger.queueStats().depth).toBe(1);
    expect(ledger.auditLog().length).toBe(1);
  });

  it('rolls everything back when one part fails', () => {
    const a = checkin(uitpasNumber(2));
    ledger.db.exec(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk'); END;`,
    );
    const r = ledger.record(a);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('storage');
    expect(ledger.getAction(a.id)).toBeUndefined();
    expect(ledger.queueStats().depth).toBe(0);
  });

  it('never deletes: actions, outbox, audit and stock rows refuse DELETE', () => {
    const a = checkin(uitpasNumber(3));
    ledger.record(a);
    ledger.markConfirmed(a.id, 'checkin', ['c1'], {});
    ledger.recordStockMovement({
      salesPointId: 'p',
      movement: 'received',
      quantity: 1,
      stationId: 's',
      staffId: 'st',
    });
    ledger.saveDraft({ id: 'd', stationId: 's', staffId: 'st', form: {} });
    for (const t of [
      'actions',
      'outbox',
      'audit_log',
      'server_effects',
      'card_stock_movements',
      'registration_drafts',
    ])
      expect(() => ledger.db.prepare(`DELETE FROM ${t}`).run(), t).toThrow(/never deleted/);
  });

  it('puts an undo in the lane of its target', () => {
    const a = checkin(uitpasNumber(4));
    ledger.record(a);
    const u = ledger.record(undo(a));
    expect(u.ok && u.value.lane).toBe(`uitpas:${uitpasNumber(4)}`);
  });
});

describe('states, review list, history and totals', () => {
  it('takes a rejected action back out of the cached pass and lists it for review', () => {
    const u = uitpasNumber(9);
    ledger.putPassSnapshot({ uitpasNumber: u, points: 50, data: {} });
    const a = redemption(u, 'r1', 30);
    ledger.record(a, { cacheEffect: { uitpasNumber: u, pointsDelta: -30 } });
    expect(ledger.findPass({ uitpasNumber: u })?.points).toBe(20);
    ledger.markSent(a.id);
    ledger.markRejected(a.id, { kind: 'problem', message: 'Niet genoeg punten.', status: 400 });
    expect(ledger.findPass({ uitpasNumber: u })?.points).toBe(50);
    const review = ledger.reviewList();
    expect(review.map((r) => [r.id, r.endUserMessage])).toEqual([[a.id, 'Niet genoeg punten.']]);
    expect(ledger.markReviewed(a.id, 'staff-2', 'station-1', 'Punten elders gebruikt')).toBe(true);
    expect(ledger.reviewList()).toEqual([]);
    expect(ledger.getAction(a.id)?.state).toBe('rejected');
    expect(ledger.getAction(a.id)?.reviewedBy).toBe('staff-2');
    const reviewed = ledger.auditLog({ actionId: a.id }).find((e) => e.event === 'reviewed');
    expect(reviewed).toMatchObject({ staffId: 'staff-2', detail: { note: 'Punten elders gebruikt' } });
  });

  it('takes an uncertain action up now when staff ask for it', () => {
    const a = checkin(uitpasNumber(14));
    ledger.record(a);
    ledger.markSent(a.id);
    ledger.markUncertain(a.id, { kind: 'timeout', message: 'Geen antwoord' }, Number.MAX_SAFE_INTEGER);
    expect(ledger.openOutbox().find((x) => x.id === a.id)?.notBefore).toBe(Number.MAX_SAFE_INTEGER);
    expect(ledger.retryNow(a.id)).toBe(true);
    expect(ledger.openOutbox().find((x) => x.id === a.id)?.notBefore).toBe(0);
    expect(ledger.getAction(a.id)?.state).toBe('uncertain');
  });

  it('lets staff settle an uncertain action, with an audit entry', () => {
    const a = checkin(uitpasNumber(12));
    const b = checkin(uitpasNumber(13));
    ledger.record(a);
    ledger.record(b);
    for (const x of [a, b]) {
      ledger.markSent(x.id);
      ledger.markUncertain(x.id, { kind: 'needs-review', message: 'Controleer' }, Number.MAX_SAFE_INTEGER);
    }
    expect(ledger.resolveUncertain(a.id, 'landed', 'staff-2', 'station-1')).toBe(true);
    expect(ledger.resolveUncertain(b.id, 'resend', 'staff-2', 'station-1')).toBe(true);
    expect(ledger.getAction(a.id)?.state).toBe('reconciled');
    expect(ledger.getAction(b.id)).toMatchObject({ state: 'pending', notBefore: 0 });
    expect(ledger.resolveUncertain(a.id, 'resend', 'staff-2', 'station-1')).toBe(false);
    expect(ledger.auditLog({ actionId: a.id }).map((e) => e.event)).toContain('resolved:landed');
    expect(ledger.queueStats().depth).toBe(1);
  });

  it('recomputes the optimistic part when a fresh snapshot arrives', () => {
    const u = uitpasNumber(10);
    ledger.putPassSnapshot({ uitpasNumber: u, points: 5, data: {} });
    const a = checkin(u);
    const b = checkin(u, 'event-2');
    ledger.record(a, { cacheEffect: { uitpasNumber: u, pointsDelta: 1 } });
    ledger.record(b, { cacheEffect: { uitpasNumber: u, pointsDelta: 1 } });
    ledger.markConfirmed(a.id, 'checkin', ['c1'], {});
    // The server now counts a (6 points); b is still pending.
    ledger.putPassSnapshot({ uitpasNumber: u, points: 6, data: {} });
    expect(ledger.findPass({ uitpasNumber: u })?.points).toBe(7);
  });

  it('reports queue depth, oldest pending, history and day totals', () => {
    let t = 1_000_000;
    ledger.close();
    const r = openLedger(file, { now: () => t });
    if (!r.ok) throw new Error('open');
    ledger = r.ledger;
    const u = uitpasNumber(11);
    const a = ticketSale(u, 2);
    ledger.record(a);
    t += 1000;
    const b = checkin(u);
    ledger.record(b);
    expect(ledger.queueStats()).toEqual({ depth: 2, uncertain: 0, oldestPendingAt: 1_000_000 });
    ledger.markConfirmed(a.id, 'ticket-sale', ['s1', 's2'], {});
    expect(ledger.queueStats().depth).toBe(1);
    expect(ledger.history({ lane: `uitpas:${u}` }).map((h) => h.id)).toEqual([b.id, a.id]);
    const totals = ledger.dayTotals({ from: 0, to: 2_000_000 });
    expect(totals.tickets).toBe(2);
    expect(totals.tariffCents).toBe(500);
    expect(totals.byType['ticket-sale']?.byState.confirmed).toBe(1);
    expect(totals.byType.checkin?.byState.pending).toBe(1);
  });
});

describe('reference cache, passes, drafts, stock, audit', () => {
  it('stores reference data with its fetch time', () => {
    ledger.putReference('event', 'org-1', 'e1', { name: 'Zwemmen' }, 123);
    expect(ledger.getReference('event', 'org-1', 'e1')).toEqual({
      value: { name: 'Zwemmen' },
      fetchedAt: 123,
    });
    ledger.replaceReferences(
      'reward',
      'org-1',
      [
        ['r1', { t: 1 }],
        ['r2', { t: 2 }],
      ],
      5,
    );
    expect(ledger.listReferences('reward', 'org-1').map((r) => r.key)).toEqual(['r1', 'r2']);
  });

  it('finds a pass by UiTPAS number or chip number; a chip moves to its new pass', () => {
    const u1 = uitpasNumber(20);
    const u2 = uitpasNumber(21);
    ledger.putPassSnapshot(
      { uitpasNumber: u1, chipNumber: '04AABBCCDDEEFF', passholderId: 'p1', points: 3, data: {} },
      77,
    );
    expect(ledger.findPass({ chipNumber: '04AABBCCDDEEFF' })?.uitpasNumber).toBe(u1);
    expect(ledger.findPass({ uitpasNumber: u1 })?.fetchedAt).toBe(77);
    ledger.putPassSnapshot({ uitpasNumber: u2, chipNumber: '04AABBCCDDEEFF', data: {} });
    expect(ledger.findPass({ chipNumber: '04AABBCCDDEEFF' })?.uitpasNumber).toBe(u2);
    expect(ledger.findPass({ uitpasNumber: u1 })?.chipNumber).toBeNull();
  });

  it('keeps registration drafts and never loses them', () => {
    ledger.saveDraft({ id: 'd1', stationId: 's', staffId: 'st', form: { name: 'A' } });
    ledger.saveDraft({ id: 'd1', stationId: 's', staffId: 'st', form: { name: 'B' } });
    expect(ledger.listDrafts().map((d) => d.form)).toEqual([{ name: 'B' }]);
    ledger.abandonDraft('d1', 'st', 's');
    expect(ledger.listDrafts()).toEqual([]);
    expect(ledger.listDrafts('abandoned').map((d) => d.id)).toEqual(['d1']);
  });

  it('counts card stock per sales point', () => {
    ledger.recordStockMovement({
      salesPointId: 'p1',
      movement: 'received',
      quantity: 50,
      stationId: 's',
      staffId: 'st',
    });
    ledger.recordStockMovement({
      salesPointId: 'p1',
      movement: 'issued',
      quantity: 1,
      stationId: 's',
      staffId: 'st',
      uitpasNumber: uitpasNumber(1),
    });
    ledger.recordStockMovement({
      salesPointId: 'p2',
      movement: 'received',
      quantity: 5,
      stationId: 's',
      staffId: 'st',
    });
    expect(ledger.stockLevel('p1')).toBe(49);
    expect(ledger.stockMovements('p1').map((m) => m.movement)).toEqual(['received', 'issued']);
    expect(ledger.auditLog().filter((e) => e.event.startsWith('stock:')).length).toBe(3);
  });
});
