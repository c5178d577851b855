// Searching a pass holder by name and birth date at the counter: what staff typed, checked before it is
// sent (the same check runs live in the screen and again in the terminal), with Dutch messages.
import { DateTime } from 'luxon';
import { BRUSSELS } from '../periods.ts';

/** At most this many results are shown; more means the search must be narrowed. */
export const PASSHOLDER_SEARCH_LIMIT = 10;

export type BirthDateResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * A birth date as staff type it: `dd/mm/jjjj`, `dd-mm-jjjj`, `dd.mm.jjjj` or ISO `jjjj-mm-dd`.
 * It must exist in the calendar and lie between 1900 and today (Brussels).
 */
export function parseBirthDate(input: string, now: Date = new Date()): BirthDateResult {
  const text = input.trim();
  let year: number, month: number, day: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, message: 'Geef de geboortedatum als dd/mm/jjjj, bijvoorbeeld 30/07/1985.' };
  const date = DateTime.fromObject({ year, month, day }, { zone: BRUSSELS });
  if (!date.isValid)
    return { ok: false, message: 'Deze geboortedatum bestaat niet. Controleer dag en maand.' };
  const today = DateTime.fromJSDate(now, { zone: BRUSSELS }).startOf('day');
  if (date > today) return { ok: false, message: 'Een geboortedatum kan niet in de toekomst liggen.' };
  if (year < 1900) return { ok: false, message: 'Deze geboortedatum ligt te ver in het verleden.' };
  return { ok: true, value: date.toISODate() as string };
}

export interface PassholderSearchInput {
  name?: string;
  firstName?: string;
  dateOfBirth?: string;
}

export type PassholderSearchCheck =
  | { ok: true; query: { name?: string; firstName?: string; dateOfBirth?: string } }
  | { ok: false; field: 'name' | 'firstName' | 'dateOfBirth'; message: string };

const NAME = /^[\p{L}\p{M}' .-]+$/u;

/**
 * What a search needs: a last name of at least 2 letters, optionally a first name and a birth date. A name
 * alone finds whole families; the birth date tells people apart, so staff are nudged to add it.
 */
export function checkPassholderSearch(
  input: PassholderSearchInput,
  now: Date = new Date(),
): PassholderSearchCheck {
  const name = input.name?.trim() ?? '';
  const firstName = input.firstName?.trim() ?? '';
  const birth = input.dateOfBirth?.trim() ?? '';
  if (name.length < 2)
    return { ok: false, field: 'name', message: 'Geef minstens 2 letters van de familienaam.' };
  if (!NAME.test(name))
    return { ok: false, field: 'name', message: "Een naam bestaat uit letters, spaties, - en '." };
  if (firstName !== '' && !NAME.test(firstName))
    return { ok: false, field: 'firstName', message: "Een voornaam bestaat uit letters, spaties, - en '." };
  let dateOfBirth: string | undefined;
  if (birth !== '') {
    const parsed = parseBirthDate(birth, now);
    if (!parsed.ok) return { ok: false, field: 'dateOfBirth', message: parsed.message };
    dateOfBirth = parsed.value;
  }
  return {
    ok: true,
    query: {
      name,
      ...(firstName === '' ? {} : { firstName }),
      ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    },
  };
}
