// The seed uses valid identifiers only, so the suite's own validation never trips over demo data.
import { describe, expect, it } from 'vitest';
import { validateChipNumber, validateInsz, validateUitpasNumber } from '@uitpas/domain';
import { GROUP_PASSES, PASSHOLDERS, PROVISIONED_CARD, STOCK_CARDS } from './helpers.ts';

const cards = [
  ...Object.values(PASSHOLDERS),
  ...Object.values(GROUP_PASSES),
  ...STOCK_CARDS,
  PROVISIONED_CARD,
];

describe('seed', () => {
  it('has valid, unique UiTPAS numbers and 7-byte chip numbers', () => {
    for (const c of cards) {
      expect(validateUitpasNumber(c.uitpasNumber).ok, c.uitpasNumber).toBe(true);
      expect(validateChipNumber(c.chipNumber), c.chipNumber).toEqual({
        ok: true,
        kind: 'chip',
        value: c.chipNumber,
      });
      expect(c.chipNumber).toHaveLength(14);
    }
    expect(new Set(cards.map((c) => c.uitpasNumber)).size).toBe(cards.length);
    expect(new Set(cards.map((c) => c.chipNumber)).size).toBe(cards.length);
  });

  it('has valid INSZ numbers matching birth date and gender, of both centuries', () => {
    const people = Object.values(PASSHOLDERS);
    for (const p of people) {
      const r = validateInsz(p.inszNumber, { birthDate: p.dateOfBirth, gender: p.gender });
      expect(r.ok, `${p.firstName} ${p.inszNumber}`).toBe(true);
    }
    expect(people.some((p) => p.dateOfBirth < '2000')).toBe(true);
    expect(people.some((p) => p.dateOfBirth >= '2000')).toBe(true);
  });
});
