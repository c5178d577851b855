// Classification of scanned or typed identifiers (DOMAIN.md §2 and "Decisions").
// Every function takes untrusted input and returns a typed result; none throws.

export type IdentifierKind = 'uitpas' | 'insz' | 'chip';

export type IdentifierRejection =
  | 'empty'
  | 'too-long'
  | 'invalid-characters'
  | 'wrong-length'
  | 'uitpas-check-digit'
  | 'uitpas-social-tariff-digit'
  | 'insz-check-digits'
  | 'insz-birth-date-mismatch'
  | 'insz-gender-mismatch'
  | 'insz-invalid-date'
  | 'chip-wrong-length';

export type Identifier =
  | { ok: true; kind: 'uitpas'; value: string }
  | { ok: true; kind: 'insz'; value: string; birthDate?: string; gender?: 'MALE' | 'FEMALE' }
  | { ok: true; kind: 'chip'; value: string };

export type IdentifierResult = Identifier | { ok: false; reason: IdentifierRejection; message: string };

/** Longest input we even look at; scanners and typists never produce more. */
const MAX_INPUT = 64;

const REJECTION_MESSAGES: Record<IdentifierRejection, string> = {
  empty: 'Geef een UiTPAS-nummer, rijksregisternummer of chipnummer in.',
  'too-long': 'Dit is geen UiTPAS-nummer: de invoer is te lang.',
  'invalid-characters': 'Dit is geen UiTPAS-nummer: de invoer bevat ongeldige tekens.',
  'wrong-length': 'Dit is geen UiTPAS-nummer (13 cijfers) of rijksregisternummer (11 cijfers).',
  'uitpas-check-digit': 'Dit UiTPAS-nummer klopt niet: het controlecijfer is fout. Controleer het nummer.',
  'uitpas-social-tariff-digit': 'Dit UiTPAS-nummer klopt niet: het voorlaatste cijfer moet 0 of 1 zijn.',
  'insz-check-digits': 'Dit rijksregisternummer klopt niet: de controlecijfers zijn fout.',
  'insz-birth-date-mismatch': 'Dit rijksregisternummer past niet bij de geboortedatum.',
  'insz-gender-mismatch': 'Dit rijksregisternummer past niet bij het geslacht.',
  'insz-invalid-date': 'Dit rijksregisternummer bevat geen geldige geboortedatum.',
  'chip-wrong-length': 'Dit chipnummer heeft een ongeldige lengte (4, 7 of 10 bytes).',
};

export function identifierRejectionMessage(reason: IdentifierRejection): string {
  return REJECTION_MESSAGES[reason];
}

function reject(reason: IdentifierRejection): IdentifierResult {
  return { ok: false, reason, message: REJECTION_MESSAGES[reason] };
}

/** Separators people and scanners put in numbers: spaces, dots, dashes, slashes (INSZ "85.07.30-033.28"). */
const SEPARATORS = /[\s.\-/:]/g;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes the first 12 digits of a UiTPAS number. */
export function uitpasCheckDigit(first12: string): number {
  for (let d = 0; d <= 9; d++) if (luhnValid(first12 + String(d))) return d;
  return 0;
}

export function validateUitpasNumber(input: string): IdentifierResult {
  const s = normalise(input);
  if (typeof s !== 'string') return s;
  if (!/^\d+$/.test(s)) return reject('invalid-characters');
  if (s.length !== 13) return reject('wrong-length');
  if (s[11] !== '0' && s[11] !== '1') return reject('uitpas-social-tariff-digit');
  if (!luhnValid(s)) return reject('uitpas-check-digit');
  return { ok: true, kind: 'uitpas', value: s };
}

export function isValidUitpasNumber(input: string): boolean {
  return validateUitpasNumber(input).ok;
}

/** `0900000095902` → `0900 000 095 902`. Returns the input unchanged when it is not 13 digits. */
export function formatUitpasNumber(value: string): string {
  if (!/^\d{13}$/.test(value)) return value;
  return `${value.slice(0, 4)} ${value.slice(4, 7)} ${value.slice(7, 10)} ${value.slice(10)}`;
}

export interface InszExpectations {
  /** ISO date `YYYY-MM-DD`. */
  birthDate?: string;
  gender?: 'MALE' | 'FEMALE' | 'X';
}

function mod97Check(first9: string, check: number, born2000: boolean): boolean {
  const n = BigInt((born2000 ? '2' : '') + first9);
  return 97 - Number(n % 97n) === check;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function validateInsz(input: string, expected: InszExpectations = {}): IdentifierResult {
  const s = normalise(input);
  if (typeof s !== 'string') return s;
  if (!/^\d+$/.test(s)) return reject('invalid-characters');
  if (s.length !== 11) return reject('wrong-length');
  const first9 = s.slice(0, 9);
  const check = Number(s.slice(9));
  const v1900 = mod97Check(first9, check, false);
  const v2000 = mod97Check(first9, check, true);
  if (!v1900 && !v2000) return reject('insz-check-digits');

  const yy = Number(s.slice(0, 2));
  // Month +20 or +40 marks a BIS number; month or day 00 means the birth date is unknown.
  const rawMonth = Number(s.slice(2, 4));
  const month = rawMonth > 40 ? rawMonth - 40 : rawMonth > 20 ? rawMonth - 20 : rawMonth;
  const day = Number(s.slice(4, 6));
  const serial = Number(s.slice(6, 9));
  const dateKnown = month !== 0 && day !== 0;
  const centuries = [...(v1900 ? [1900] : []), ...(v2000 ? [2000] : [])];
  if (month > 12) return reject('insz-invalid-date');
  const birthDates = dateKnown
    ? centuries
        .filter((c) => isRealDate(c + yy, month, day))
        .map((c) => `${c + yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
    : [];
  if (dateKnown && birthDates.length === 0) return reject('insz-invalid-date');
  const gender: 'MALE' | 'FEMALE' = serial % 2 === 1 ? 'MALE' : 'FEMALE';

  if (expected.birthDate !== undefined && dateKnown && !birthDates.includes(expected.birthDate)) {
    return reject('insz-birth-date-mismatch');
  }
  // Gender is encoded only in a regular INSZ; BIS numbers (month +20/+40) may not carry it.
  if (
    expected.gender !== undefined &&
    expected.gender !== 'X' &&
    rawMonth <= 12 &&
    expected.gender !== gender
  ) {
    return reject('insz-gender-mismatch');
  }
  const birthDate =
    expected.birthDate !== undefined && birthDates.includes(expected.birthDate)
      ? expected.birthDate
      : birthDates[birthDates.length - 1];
  return birthDate === undefined
    ? { ok: true, kind: 'insz', value: s, gender }
    : { ok: true, kind: 'insz', value: s, birthDate, gender };
}

export function isValidInsz(input: string): boolean {
  return validateInsz(input).ok;
}

/** `85073003328` → `85.....-..28` style: first 2 and last 2 visible (DOMAIN.md rule 2). */
export function maskInsz(value: string): string {
  const digits = String(value ?? '').replace(/\D/g, '');
  if (digits.length < 4) return '•'.repeat(digits.length);
  return `${digits.slice(0, 2)}.....-..${digits.slice(-2)}`;
}

/** Formats an INSZ as `YY.MM.DD-SSS.CC`, for forms only (never in logs: use maskInsz). */
export function formatInsz(value: string): string {
  if (!/^\d{11}$/.test(value)) return value;
  return `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}-${value.slice(6, 9)}.${value.slice(9)}`;
}

const CHIP_LENGTHS = new Set([8, 14, 20]);

export function validateChipNumber(input: string): IdentifierResult {
  const s = normalise(input);
  if (typeof s !== 'string') return s;
  const hex = s.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]+$/.test(hex)) return reject('invalid-characters');
  if (!CHIP_LENGTHS.has(hex.length)) return reject('chip-wrong-length');
  return { ok: true, kind: 'chip', value: hex.toUpperCase() };
}

/** A card UID as bytes (GET DATA response without status word) → chip number. */
export function chipNumberFromBytes(bytes: Uint8Array): IdentifierResult {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return validateChipNumber(hex);
}

/**
 * Classifies any scanned or typed string. Digits-only input of 13 is a UiTPAS number, of 11 an INSZ;
 * hex of 8/14/20 characters with at least one letter (or 8/14/20 digits) is a chip number.
 */
export function classifyIdentifier(input: string, expected: InszExpectations = {}): IdentifierResult {
  const s = normalise(input);
  if (typeof s !== 'string') return s;
  if (/^\d+$/.test(s)) {
    if (s.length === 13) return validateUitpasNumber(s);
    if (s.length === 11) return validateInsz(s, expected);
    if (CHIP_LENGTHS.has(s.length)) return validateChipNumber(s);
    return reject('wrong-length');
  }
  if (/^(0x)?[0-9a-fA-F]+$/.test(s)) return validateChipNumber(s);
  return reject('invalid-characters');
}

/** Trims, strips separators and rejects empty or oversized input. Non-ASCII digits are invalid characters. */
function normalise(input: unknown): string | IdentifierResult {
  if (typeof input !== 'string') return reject('empty');
  if (input.length > MAX_INPUT * 4) return reject('too-long');
  const s = input.trim().replace(SEPARATORS, '');
  if (s.length === 0) return reject('empty');
  if (s.length > MAX_INPUT) return reject('too-long');
  return s;
}
