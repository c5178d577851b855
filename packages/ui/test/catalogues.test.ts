import { describe, expect, it } from 'vitest';
import { en, fr, nl } from '../src/i18n/index.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];
}

describe('translation catalogues', () => {
  it('have the same keys in nl, fr and en', () => {
    expect(keys(fr).sort()).toEqual(keys(nl).sort());
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it('have no empty messages', () => {
    for (const catalogue of [nl, fr, en])
      for (const text of strings(catalogue)) expect(text.trim()).not.toBe('');
  });
});
