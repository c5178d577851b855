import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifyIdentifier,
  formatUitpasNumber,
  maskInsz,
  uitpasCheckDigit,
  validateChipNumber,
  validateInsz,
  validateUitpasNumber,
} from './identifiers.ts';

// Real test passes from publiq's test dataset (DOMAIN.md §2.1, [TD], [TS]).
const REAL_UITPAS = [
  '0900000095902',
  '0900000093204',
  '0900000031618',
  '1000000520006',
  '0900000045410',
  '0900000191800',
];
// The spec's illustrative numbers are fake and must fail.
const FAKE_UITPAS = ['0560002524314', '0930002523422', '1234567890123'];
// Test INSZ numbers that need the 20xx variant.
const INSZ_2000 = ['08091860684', '17010180147', '10010105762', '20010170215', '15021760024'];

describe('UiTPAS numbers', () => {
  it.each(REAL_UITPAS)('accepts the real test number %s', (n) => {
    expect(validateUitpasNumber(n)).toEqual({ ok: true, kind: 'uitpas', value: n });
    expect(classifyIdentifier(n)).toMatchObject({ ok: true, kind: 'uitpas' });
  });
  it.each(FAKE_UITPAS)('rejects the spec example %s', (n) => {
    expect(classifyIdentifier(n).ok).toBe(false);
  });
  it('formats for display and survives a round trip', () => {
    expect(formatUitpasNumber('0900000095902')).toBe('0900 000 095 902');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.constantFrom('0', '1'), (body, flag) => {
        const first12 = body + flag;
        const n = first12 + String(uitpasCheckDigit(first12));
        const parsed = classifyIdentifier(formatUitpasNumber(n));
        return parsed.ok && parsed.kind === 'uitpas' && parsed.value === n;
      }),
    );
  });
  it('catches any single changed digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{11}$/),
        fc.constantFrom('0', '1'),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (body, flag, pos, delta) => {
          const first12 = body + flag;
          const n = first12 + String(uitpasCheckDigit(first12));
          const changed = n.slice(0, pos) + String((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
          return !validateUitpasNumber(changed).ok;
        },
      ),
    );
  });
  it('rejects a wrong social-tariff digit with its own reason', () => {
    expect(validateUitpasNumber('0900000095922')).toMatchObject({
      ok: false,
      reason: 'uitpas-social-tariff-digit',
    });
  });
});

describe('INSZ', () => {
  it.each(INSZ_2000)('accepts the 20xx test number %s', (n) => {
    const r = validateInsz(n);
    expect(r).toMatchObject({ ok: true, kind: 'insz', value: n });
    if (r.ok && r.kind === 'insz') expect(r.birthDate?.startsWith('20')).toBe(true);
  });
  it('accepts a 19xx number with separators and cross-checks birth date and gender', () => {
    // 85.07.30-033.xx: 97 - (850730033 mod 97)
    const first9 = '850730033';
    const cc = String(97 - Number(BigInt(first9) % 97n)).padStart(2, '0');
    const n = first9 + cc;
    expect(validateInsz(`85.07.30-033.${cc}`)).toMatchObject({
      ok: true,
      value: n,
      birthDate: '1985-07-30',
      gender: 'MALE',
    });
    expect(validateInsz(n, { birthDate: '1985-07-30', gender: 'MALE' }).ok).toBe(true);
    expect(validateInsz(n, { birthDate: '1985-07-31' })).toMatchObject({
      ok: false,
      reason: 'insz-birth-date-mismatch',
    });
    expect(validateInsz(n, { gender: 'FEMALE' })).toMatchObject({
      ok: false,
      reason: 'insz-gender-mismatch',
    });
  });
  it('catches a changed check digit', () => {
    expect(validateInsz('08091860685')).toMatchObject({ ok: false, reason: 'insz-check-digits' });
  });
  it('masks first 2 and last 2', () => {
    expect(maskInsz('08091860684')).toBe('08.....-..84');
    expect(maskInsz('08.09.18-606.84')).toBe('08.....-..84');
  });
  it('round-trips generated numbers of both centuries', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1901-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 997 }),
        (d, serial) => {
          const y = d.getUTCFullYear();
          const first9 = `${String(y % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
          const base = BigInt((y >= 2000 ? '2' : '') + first9);
          const n = first9 + String(97 - Number(base % 97n)).padStart(2, '0');
          const r = validateInsz(n, { birthDate: d.toISOString().slice(0, 10) });
          return r.ok && r.kind === 'insz' && r.value === n && r.birthDate === d.toISOString().slice(0, 10);
        },
      ),
    );
  });
});

describe('chip numbers', () => {
  it('normalises 4, 7 and 10 byte UIDs to uppercase hex', () => {
    expect(validateChipNumber('04784cdaee3880')).toEqual({ ok: true, kind: 'chip', value: '04784CDAEE3880' });
    expect(classifyIdentifier('04:78:4c:da:ee:38:80')).toMatchObject({
      ok: true,
      kind: 'chip',
      value: '04784CDAEE3880',
    });
    expect(classifyIdentifier('a1b2c3d4')).toMatchObject({ ok: true, kind: 'chip', value: 'A1B2C3D4' });
    expect(classifyIdentifier('0102030405060708090A')).toMatchObject({ ok: true, kind: 'chip' });
    expect(classifyIdentifier('04784CDAEE38')).toMatchObject({ ok: false, reason: 'chip-wrong-length' });
  });
});

describe('bad input never throws', () => {
  it.each(['', '   ', '\u0661\u0662\u0663', 'x'.repeat(10_000), '0900-000-095-902', '💳', '\0'])(
    '%j',
    (raw) => {
      const r = classifyIdentifier(raw);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    },
  );
  it('accepts any string without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => typeof classifyIdentifier(s).ok === 'boolean'),
    );
    fc.assert(fc.property(fc.string(), (s) => typeof validateInsz(s, { birthDate: s }).ok === 'boolean'));
  });
  it('rejects non-ASCII digits', () => {
    expect(
      classifyIdentifier('\uFF10\uFF19\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF19\uFF15\uFF19\uFF10\uFF12'),
    ).toMatchObject({ ok: false, reason: 'invalid-characters' });
  });
});
