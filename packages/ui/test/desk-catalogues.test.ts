// The desk namespace: every Dutch text has a French and an English one, and they are translations, not
// copies of the Dutch (a few words are the same in both languages, listed here).
import { describe, expect, it } from 'vitest';
import { deskEn, deskFr, deskNl } from '../src/desk/i18n.ts';

function entries(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k));
}

/** Words that are the same in Dutch and the other language. */
const SAME: Record<'fr' | 'en', string[]> = {
  fr: ['register.step.contact', 'report.checkins', 'stock.correction', 'kansenstatuut.status'],
  en: ['register.cash', 'report.checkins', 'report.station', 'kansenstatuut.status', 'history.state'],
};

describe('desk texts', () => {
  const nl = new Map(entries(deskNl));
  for (const [language, catalogue] of [
    ['fr', deskFr],
    ['en', deskEn],
  ] as const) {
    it(`has every Dutch key in ${language}, translated, with the same placeholders`, () => {
      const other = new Map(entries(catalogue));
      expect([...other.keys()].sort()).toEqual([...nl.keys()].sort());
      const copies = [...nl].filter(([k, v]) => other.get(k) === v && !SAME[language].includes(k));
      expect(copies.map(([k]) => k)).toEqual([]);
      for (const [k, v] of nl) {
        const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
        expect(placeholders(other.get(k) ?? ''), k).toEqual(placeholders(v));
        expect((other.get(k) ?? '').trim(), k).not.toBe('');
      }
    });
  }
});
