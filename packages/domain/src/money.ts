// Money in integer euro cents. The API speaks euros as JSON numbers (3.1); people type "3,10" or "€ 3.10".
// Both go through decimal strings, never through float multiplication, so 0.1 + 0.2 problems cannot occur.
// Formatting is written out rather than left to Intl so receipts and tests read the same on every ICU build.

/** An integer number of euro cents. */
export type Cents = number;

export type MoneyLocale = 'nl-BE' | 'fr-BE' | 'en';

export type MoneyRejection =
  | 'empty'
  | 'too-long'
  | 'invalid-characters'
  | 'invalid-format'
  | 'too-many-decimals'
  | 'ambiguous-separator'
  | 'negative'
  | 'too-large'
  | 'not-a-number'
  | 'not-whole-cents'
  | 'invalid-quantity';

export type MoneyResult = { ok: true; cents: Cents } | { ok: false; reason: MoneyRejection; message: string };

/** One million euro: far above any ticket or pass price; keeps every sum a safe integer. */
export const MAX_CENTS = 100_000_000;
const MAX_INPUT = 64;

const MESSAGES: Record<MoneyRejection, string> = {
  empty: 'Vul een bedrag in.',
  'too-long': 'Dit bedrag is te lang.',
  'invalid-characters': 'Een bedrag bevat alleen cijfers en een komma, bv. 3,10.',
  'invalid-format': 'Dit is geen geldig bedrag. Schrijf het bijvoorbeeld als 3,10.',
  'too-many-decimals': 'Gebruik hoogstens twee cijfers na de komma.',
  'ambiguous-separator': 'Is dit een duizendtal of een kommagetal? Schrijf het bedrag als 1234,50 of 1,23.',
  negative: 'Een bedrag kan niet negatief zijn.',
  'too-large': 'Dit bedrag is te groot.',
  'not-a-number': 'Dit is geen geldig bedrag.',
  'not-whole-cents': 'Een bedrag in cent moet een geheel getal zijn.',
  'invalid-quantity': 'Het aantal moet een geheel getal zijn.',
};

export function moneyRejectionMessage(reason: MoneyRejection): string {
  return MESSAGES[reason];
}

function reject(reason: MoneyRejection): MoneyResult {
  return { ok: false, reason, message: MESSAGES[reason] };
}

function ok(cents: number): MoneyResult {
  // Normalise -0 so equality checks and formatting never see it.
  return { ok: true, cents: cents === 0 ? 0 : cents };
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_CENTS;
}

/**
 * Cents from a plain decimal string (`12`, `12.5`, `-0.625`), rounding half away from zero to whole cents
 * when `round` is set, else refusing more than two decimals.
 */
function centsFromDecimal(sign: 1 | -1, whole: string, fraction: string, round: boolean): MoneyResult {
  if (fraction.length > 2 && !round) return reject('too-many-decimals');
  const stripped = whole.replace(/^0+(?=\d)/, '');
  if (stripped.length > 7) return reject('too-large');
  const twoDigits = (fraction + '00').slice(0, 2);
  let cents = Number(stripped) * 100 + Number(twoDigits);
  if (round && fraction.length > 2 && fraction.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  if (cents > MAX_CENTS) return reject('too-large');
  return ok(sign * cents);
}

export interface ParseEurosOptions {
  /** Allow a leading minus (refunds, corrections). Default false. */
  allowNegative?: boolean;
}

/**
 * Parses an amount typed or pasted by a person: `3,10`, `3.10`, `€ 3,10`, `3,10 €`, `EUR 3`, `1.234,50`,
 * `1 234.50`, `€3`. A single separator followed by exactly three digits (`1.234`) is ambiguous and refused.
 */
export function parseEuros(input: string, options: ParseEurosOptions = {}): MoneyResult {
  if (typeof input !== 'string') return reject('empty');
  if (input.length > MAX_INPUT * 4) return reject('too-long');
  let s = input
    .trim()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/^(€|eur|euro)\s?|\s?(€|eur|euro)$/i, '')
    .trim();
  if (s.length === 0) return reject('empty');
  if (s.length > MAX_INPUT) return reject('too-long');
  let sign: 1 | -1 = 1;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    sign = -1;
    s = s.slice(1).replace(/^\s*(€|eur|euro)?\s*/i, '');
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  if (!/^[0-9., ']+$/.test(s)) return reject('invalid-characters');
  if (!/\d/.test(s)) return reject('invalid-format');
  if (sign === -1 && !options.allowNegative) return reject('negative');

  // Decide which separator is the decimal one: the last of '.'/',' if both appear, else a lone one
  // followed by 1-2 digits. Grouping characters must then form groups of three.
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else {
    const sepAt = Math.max(lastDot, lastComma);
    if (sepAt >= 0) {
      const sep = s[sepAt] as string;
      const count = s.split(sep).length - 1;
      const after = s.slice(sepAt + 1);
      if (count === 1) {
        if (/^\d{3}$/.test(after) && /\d/.test(s.slice(0, sepAt)) && !/^0+$/.test(s.slice(0, sepAt))) {
          return reject('ambiguous-separator');
        }
        decimalAt = sepAt;
      }
    }
  }
  const wholePart = decimalAt >= 0 ? s.slice(0, decimalAt) : s;
  const fraction = decimalAt >= 0 ? s.slice(decimalAt + 1) : '';
  if (!/^\d*$/.test(fraction)) return reject('invalid-format');
  let whole: string;
  if (/^\d*$/.test(wholePart)) {
    whole = wholePart;
  } else if (/^\d{1,3}([.,' ]\d{3})+$/.test(wholePart)) {
    const groupSeparators = new Set(wholePart.replace(/\d/g, ''));
    if (groupSeparators.size !== 1) return reject('invalid-format');
    whole = wholePart.replace(/\D/g, '');
  } else {
    return reject('invalid-format');
  }
  if (whole === '' && fraction === '') return reject('invalid-format');
  return centsFromDecimal(sign, whole === '' ? '0' : whole, fraction, false);
}

/**
 * Cents from a euro amount as the API sends it (a JSON number such as 3.1 or 0.62), via its shortest
 * decimal representation; amounts with more than two decimals are rounded half away from zero.
 */
export function centsFromApiNumber(value: unknown): MoneyResult {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^-?\d{1,12}(\.\d{1,12})?$/.test(trimmed)) return reject('not-a-number');
    return centsFromApiNumber(Number(trimmed));
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return reject('not-a-number');
  if (Math.abs(value) * 100 > MAX_CENTS + 1) return reject('too-large');
  const sign: 1 | -1 = value < 0 ? -1 : 1;
  const text = String(Math.abs(value));
  // Only tiny magnitudes reach exponent notation here (large ones were refused above).
  if (text.includes('e')) return ok(0);
  const [whole = '0', fraction = ''] = text.split('.');
  return centsFromDecimal(sign, whole, fraction, true);
}

/** Euros as the API wants them (a JSON number), exact for every whole number of cents. */
export function centsToApiNumber(cents: Cents): number {
  return Number((cents / 100).toFixed(2));
}

/** Validates an integer number of cents from untrusted data. */
export function parseCents(value: unknown): MoneyResult {
  if (typeof value !== 'number' || Number.isNaN(value)) return reject('not-a-number');
  if (!Number.isInteger(value)) return reject('not-whole-cents');
  if (Math.abs(value) > MAX_CENTS) return reject('too-large');
  return ok(value);
}

export function addCents(a: Cents, b: Cents): MoneyResult {
  return sumCents([a, b]);
}

export function subtractCents(a: Cents, b: Cents): MoneyResult {
  const subtrahend = parseCents(b);
  if (!subtrahend.ok) return subtrahend;
  return sumCents([a, -subtrahend.cents]);
}

export function sumCents(values: readonly Cents[]): MoneyResult {
  let total = 0;
  for (const v of values) {
    const parsed = parseCents(v);
    if (!parsed.ok) return parsed;
    total += parsed.cents;
    if (Math.abs(total) > MAX_CENTS) return reject('too-large');
  }
  return ok(total);
}

/** Price times a whole quantity (e.g. five identical tickets). */
export function multiplyCents(cents: Cents, quantity: number): MoneyResult {
  const parsed = parseCents(cents);
  if (!parsed.ok) return parsed;
  if (!Number.isSafeInteger(quantity)) return reject('invalid-quantity');
  const product = parsed.cents * quantity;
  if (Math.abs(product) > MAX_CENTS) return reject('too-large');
  return ok(product);
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * `310` → `€ 3,10` (nl-BE), `3,10 €` (fr-BE), `€3.10` (en). Non-integer or non-finite input is shown as
 * `€ –` rather than a wrong amount.
 */
export function formatCents(cents: Cents, locale: MoneyLocale = 'nl-BE'): string {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    return locale === 'fr-BE' ? '– €' : locale === 'en' ? '€–' : '€ –';
  }
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  const minus = negative ? '-' : '';
  switch (locale) {
    case 'fr-BE':
      return `${minus}${groupThousands(whole, ' ')},${fraction} €`;
    case 'en':
      return `${minus}€${groupThousands(whole, ',')}.${fraction}`;
    default:
      return `€ ${minus}${groupThousands(whole, '.')},${fraction}`;
  }
}

/** The amount without currency for an input field: `3,10` (nl-BE, fr-BE) or `3.10` (en); no grouping. */
export function formatCentsForInput(cents: Cents, locale: MoneyLocale = 'nl-BE'): string {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) return '';
  const abs = Math.abs(cents);
  const separator = locale === 'en' ? '.' : ',';
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}${separator}${String(abs % 100).padStart(2, '0')}`;
}

/** The money locale for a UI language (German-speaking Belgium formats like fr-BE and nl-BE: `3,10 €`). */
export function moneyLocaleFor(lang: 'nl' | 'fr' | 'de' | 'en'): MoneyLocale {
  return lang === 'fr' || lang === 'de' ? 'fr-BE' : lang === 'en' ? 'en' : 'nl-BE';
}
