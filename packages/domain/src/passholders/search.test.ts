import { describe, expect, it } from 'vitest';
import { checkPassholderSearch, parseBirthDate } from './search.ts';

const NOW = new Date('2026-11-24T10:00:00Z');

describe('birth dates as staff type them', () => {
  it('reads dd/mm/jjjj, dd-mm-jjjj, dd.mm.jjjj and ISO', () => {
    for (const typed of ['30/07/1985', '30-07-1985', '30.7.1985', '1985-07-30', ' 30/07/1985 '])
      expect(parseBirthDate(typed, NOW)).toEqual({ ok: true, value: '1985-07-30' });
  });

  it('explains in Dutch what is wrong', () => {
    expect(parseBirthDate('31/02/1985', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('bestaat niet'),
    });
    expect(parseBirthDate('1985', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('dd/mm/jjjj'),
    });
    expect(parseBirthDate('25/11/2026', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('toekomst'),
    });
    expect(parseBirthDate('01/01/1850', NOW)).toMatchObject({
      ok: false,
      message: expect.stringContaining('verleden'),
    });
  });

  it('takes today in Brussels as the last possible birth date', () => {
    // 23:30 UTC on 23 November is 24 November in Brussels.
    expect(parseBirthDate('24/11/2026', new Date('2026-11-23T23:30:00Z'))).toEqual({
      ok: true,
      value: '2026-11-24',
    });
  });
});

describe('a pass holder search', () => {
  it('needs at least two letters of the last name', () => {
    expect(checkPassholderSearch({ name: ' P ' }, NOW)).toMatchObject({ ok: false, field: 'name' });
    expect(checkPassholderSearch({ name: 'P3ters' }, NOW)).toMatchObject({ ok: false, field: 'name' });
  });

  it('passes names with accents, spaces, hyphens and apostrophes, and an optional birth date', () => {
    expect(
      checkPassholderSearch({ name: "D'Hondt-Van Damme", firstName: 'Zoë', dateOfBirth: '' }, NOW),
    ).toEqual({
      ok: true,
      query: { name: "D'Hondt-Van Damme", firstName: 'Zoë' },
    });
    expect(checkPassholderSearch({ name: 'El Amrani', dateOfBirth: '17/09/2001' }, NOW)).toEqual({
      ok: true,
      query: { name: 'El Amrani', dateOfBirth: '2001-09-17' },
    });
    expect(checkPassholderSearch({ name: 'Peeters', dateOfBirth: '30/13/1985' }, NOW)).toMatchObject({
      ok: false,
      field: 'dateOfBirth',
    });
  });
});
