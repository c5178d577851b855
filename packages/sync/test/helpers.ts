// Shared test helpers: temporary database files and valid local actions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { uitpasCheckDigit, type LocalAction, type UndoableActionType } from '@uitpas/domain';
import { openLedger, type Ledger } from '../src/index.ts';

export function tempDir(prefix = 'uitpas-sync-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTempLedger(): { ledger: Ledger; file: string; cleanup: () => void } {
  const t = tempDir();
  const file = join(t.dir, 'ledger.sqlite');
  const r = openLedger(file);
  if (!r.ok) throw new Error(r.problem.message);
  return {
    ledger: r.ledger,
    file,
    cleanup: () => {
      r.ledger.close();
      t.cleanup();
    },
  };
}

/** A valid UiTPAS number built from a serial (digit 12 = 0). */
export function uitpasNumber(serial: number): string {
  const first12 = `09${String(serial).padStart(9, '0')}0`;
  return `${first12}${uitpasCheckDigit(first12)}`;
}

const base = (organizerId = 'org-1') => ({
  id: randomUUID(),
  stationId: 'station-1',
  staffId: 'staff-1',
  organizerId,
  createdAt: new Date().toISOString(),
});

export function checkin(uitpas: string, eventId = 'event-1', organizerId = 'org-1'): LocalAction {
  return { ...base(organizerId), type: 'checkin', eventId, uitpasNumber: uitpas };
}

export function redemption(
  uitpas: string,
  rewardId = 'reward-1',
  points = 10,
  organizerId = 'org-1',
): LocalAction {
  return {
    ...base(organizerId),
    type: 'reward-redemption',
    rewardId,
    uitpasNumber: uitpas,
    rewardType: 'POINTS',
    points,
  };
}

export function ticketSale(
  uitpas: string,
  count = 1,
  eventId = 'event-1',
  tariffId = 'SOCIALTARIFF',
  organizerId = 'org-1',
): LocalAction {
  return {
    ...base(organizerId),
    type: 'ticket-sale',
    sales: Array.from({ length: count }, () => ({
      eventId,
      uitpasNumber: uitpas,
      regularPriceCents: 1000,
      tariffId,
      tariffPriceCents: 250,
      provisional: false,
    })),
  };
}

export function undo(target: LocalAction): LocalAction {
  return {
    ...base(target.organizerId),
    type: 'undo',
    targetActionId: target.id,
    targetType: target.type as UndoableActionType,
  };
}
