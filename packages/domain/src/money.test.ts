import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CENTS,
  addCents,
  centsFromApiNumber,
  centsToApiNumber,
  formatCents,
  formatCentsForInput,
  multiplyCents,
  parseCents,
  parseEuros,
  subtractCents,
  sumCents,
  type MoneyLocale,
} from './money.ts';

const LOCALES: MoneyLocale[] = ['nl-BE', 'fr-BE', 'en'];
const cents = fc.integer({ min: 0, max: MAX_CENTS });

describe('parseEuros', () => {
  it.each([
    ['3,10', 310],
    ['3.10', 310],
    ['3,1', 310],
    ['€ 3,10', 310],
    ['€3.10', 310],
    ['3,10 €', 310],
    ['3,10\u00a0€', 310],
    ['EUR 3', 300],
    ['  12  ', 1200],
    ['0,62', 62],
    [',5', 50],
    ['3.', 300],
    ['1.234,50', 123450],
    ['1 234,50', 123450],
    ['1,234.50', 123450],
    ['1.000,00', 100000],
    ['+5', 500],
  ])('%s → %i cents', (input, expected) => {
    expect(parseEuros(input)).toEqual({ ok: true, cents: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['abc', 'invalid-characters'],
    ['3,10 USD', 'invalid-characters'],
    ['٣٫١٠', 'invalid-characters'],
    ['３,１０', 'invalid-characters'],
    ['3,105', 'ambiguous-separator'],
    ['1.234', 'ambiguous-separator'],
    ['0,625', 'too-many-decimals'],
    ['3,1,0', 'invalid-format'],
    ['1.23,45', 'invalid-format'],
    [',', 'invalid-format'],
    ['-3', 'negative'],
    ['99999999', 'too-large'],
    ['1.234.567', 'too-large'],
  ])('refuses %j as %s', (input, reason) => {
    const r = parseEuros(input);
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });

  it('refuses 10,000-character input', () => {
    for (const s of ['x'.repeat(10_000), '1'.repeat(10_000), ' '.repeat(10_000), '1,'.repeat(5_000)]) {
      expect(parseEuros(s)).toMatchObject({ ok: false, reason: 'too-long' });
    }
  });

  it('accepts a minus when asked', () => {
    expect(parseEuros('-3,10', { allowNegative: true })).toEqual({ ok: true, cents: -310 });
    expect(parseEuros('-€ 3,10', { allowNegative: true })).toEqual({ ok: true, cents: -310 });
  });

  it('round-trips every amount through every locale format', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...LOCALES), (c, locale) => {
        const shown = parseEuros(formatCents(c, locale));
        const typed = parseEuros(formatCentsForInput(c, locale));
        return shown.ok && shown.cents === c && typed.ok && typed.cents === c;
      }),
    );
  });

  it('never throws and always gives a typed result', () => {
    const weird = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.stringMatching(/^[\d.,€ \u00a0-]{0,30}$/),
      fc.constantFrom('', ' ', '\t\n', '٠١٢', '१२३', '𝟙𝟚', 'x'.repeat(10_000), '.,.,.', '€€€'),
    );
    fc.assert(
      fc.property(weird, (s) => {
        const r = parseEuros(s);
        return r.ok ? Number.isSafeInteger(r.cents) && r.cents >= 0 : r.message.length > 0;
      }),
    );
    expect(parseEuros(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('API numbers', () => {
  it.each([
    [3.1, 310],
    [0.62, 62],
    [1.005, 101],
    [0.1 + 0.2, 30],
    [3, 300],
    [0, 0],
    [-0, 0],
    [1e-9, 0],
    [-2.5, -250],
  ])('%d euro → %i cents', (value, expected) => {
    expect(centsFromApiNumber(value)).toEqual({ ok: true, cents: expected });
  });

  it('refuses what is not an amount', () => {
    for (const v of [Number.NaN, Infinity, '3,10', 'abc', '', null, undefined, {}, 1e12]) {
      expect(centsFromApiNumber(v).ok).toBe(false);
    }
    expect(centsFromApiNumber('3.10')).toEqual({ ok: true, cents: 310 });
  });

  it('round-trips cents through API numbers without drift', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const r = centsFromApiNumber(centsToApiNumber(c));
        return r.ok && r.cents === c;
      }),
    );
  });

  it('sums API prices exactly where floats drift', () => {
    const prices = [0.1, 0.2, 0.3, 3.1, 0.62];
    const converted = prices.map((p) => centsFromApiNumber(p));
    const total = sumCents(converted.map((r) => (r.ok ? r.cents : Number.NaN)));
    expect(total).toEqual({ ok: true, cents: 432 });
  });
});

describe('formatting', () => {
  it('formats for nl-BE, fr-BE and en', () => {
    expect(formatCents(310, 'nl-BE')).toBe('€ 3,10');
    expect(formatCents(310, 'fr-BE')).toBe('3,10 €');
    expect(formatCents(310, 'en')).toBe('€3.10');
    expect(formatCents(123456, 'nl-BE')).toBe('€ 1.234,56');
    expect(formatCents(123456, 'fr-BE')).toBe('1 234,56 €');
    expect(formatCents(123456, 'en')).toBe('€1,234.56');
    expect(formatCents(5)).toBe('€ 0,05');
    expect(formatCents(-310)).toBe('€ -3,10');
    expect(formatCentsForInput(310, 'en')).toBe('3.10');
    expect(formatCents(Number.NaN)).toBe('€ –');
    expect(formatCents(1.5, 'en')).toBe('€–');
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies integer cents within range', () => {
    expect(addCents(310, 62)).toEqual({ ok: true, cents: 372 });
    expect(subtractCents(310, 62)).toEqual({ ok: true, cents: 248 });
    expect(multiplyCents(62, 5)).toEqual({ ok: true, cents: 310 });
    expect(sumCents([])).toEqual({ ok: true, cents: 0 });
  });

  it('refuses fractions of cents and overflow', () => {
    expect(addCents(1.5, 1)).toMatchObject({ ok: false, reason: 'not-whole-cents' });
    expect(addCents(MAX_CENTS, 1)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(multiplyCents(MAX_CENTS, 2)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(multiplyCents(100, 1.5)).toMatchObject({ ok: false, reason: 'invalid-quantity' });
    expect(parseCents(Number.NaN)).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(subtractCents(1, Number.NaN)).toMatchObject({ ok: false });
  });

  it('sum is associative and matches integer addition', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100_000, max: 100_000 }), { maxLength: 50 }), (xs) => {
        const r = sumCents(xs);
        return r.ok && r.cents === xs.reduce((a, b) => a + b, 0);
      }),
    );
  });
});
