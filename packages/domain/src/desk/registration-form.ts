// The registration wizard's form (issue 7, point 1): what a draft holds while staff type, and how it
// becomes the POST /passholders fields. Every problem names the step (and field) where it must be fixed.
import { z } from 'zod';
import { registrationPassholderSchema, type RegistrationPassholder } from '../actions.ts';
import { validateInsz, validateUitpasNumber } from '../identifiers.ts';
import { brusselsDate } from '../periods.ts';

export const REGISTRATION_STEPS = ['personal', 'address', 'contact', 'social', 'card', 'payment'] as const;
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];
export const registrationStepSchema = z.enum(REGISTRATION_STEPS);

const text = (max: number) => z.string().max(max);

/** A draft accepts partial, unchecked input: it must be savable after every keystroke. */
export const registrationFormSchema = z
  .object({
    step: registrationStepSchema,
    firstName: text(200),
    name: text(200),
    dateOfBirth: text(10),
    gender: z.enum(['', 'MALE', 'FEMALE', 'X']),
    inszNumber: text(20),
    abroad: z.boolean(),
    street: text(200),
    houseNumber: text(20),
    box: text(20),
    postalCode: text(20),
    city: text(200),
    country: text(2),
    email: text(320),
    phoneNumber: text(50),
    optInServiceMails: z.boolean(),
    optInInfoMails: z.boolean(),
    optInSms: z.boolean(),
    optInPost: z.boolean(),
    parentalConsent: z.boolean(),
    legalTermsPaper: z.boolean(),
    socialTariff: z.boolean(),
    socialTariffEndDate: text(10),
    cardType: z.enum(['NFC_CARD', 'DIGITAL']),
    uitpasNumber: text(20),
    voucher: text(100),
    paymentMethod: z.enum(['', 'cash', 'card', 'free']),
    /** registrationNote: staff's private note about the pass holder (drafts from before it default to ''). */
    note: text(2000).default(''),
  })
  .strict();
export type RegistrationForm = z.infer<typeof registrationFormSchema>;

export function emptyRegistrationForm(): RegistrationForm {
  return {
    step: 'personal',
    firstName: '',
    name: '',
    dateOfBirth: '',
    gender: '',
    inszNumber: '',
    abroad: false,
    street: '',
    houseNumber: '',
    box: '',
    postalCode: '',
    city: '',
    country: '',
    email: '',
    phoneNumber: '',
    optInServiceMails: true,
    optInInfoMails: false,
    optInSms: false,
    optInPost: false,
    parentalConsent: false,
    legalTermsPaper: false,
    socialTariff: false,
    socialTariffEndDate: '',
    cardType: 'NFC_CARD',
    uitpasNumber: '',
    voucher: '',
    paymentMethod: '',
    note: '',
  };
}

export interface StepProblem {
  step: RegistrationStep;
  field?: keyof RegistrationForm;
  message: string;
}

/** The kansenstatuut end date the API applies when none is given: 30 April of next year (DOMAIN.md §4). */
export function defaultSocialTariffEndDate(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}-04-30`;
}

/** Full years between an ISO birth date and an ISO day. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

const digits = (s: string) => s.replace(/[\s.\-/]/g, '');

/** Checks one step; the wizard calls it before moving on, the terminal for all steps before sending. */
export function checkRegistrationStep(
  form: RegistrationForm,
  step: RegistrationStep,
  today: string = brusselsDate(new Date()) ?? '1970-01-01',
): StepProblem | undefined {
  const p = (field: keyof RegistrationForm, message: string): StepProblem => ({ step, field, message });
  switch (step) {
    case 'personal': {
      if (form.firstName.trim() === '') return p('firstName', 'Vul de voornaam in.');
      if (form.name.trim() === '') return p('name', 'Vul de naam in.');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dateOfBirth) || Number.isNaN(Date.parse(form.dateOfBirth)))
        return p('dateOfBirth', 'Vul een geldige geboortedatum in.');
      if (form.dateOfBirth > today) return p('dateOfBirth', 'De geboortedatum ligt in de toekomst.');
      if (form.inszNumber.trim() !== '') {
        const r = validateInsz(digits(form.inszNumber), {
          birthDate: form.dateOfBirth,
          ...(form.gender === '' ? {} : { gender: form.gender }),
        });
        if (!r.ok) return p('inszNumber', r.message);
      }
      return undefined;
    }
    case 'address':
      if (form.abroad) {
        if (!/^[A-Za-z]{2}$/.test(form.country)) return p('country', 'Kies het land (2 letters, bv. NL).');
        if (form.city.trim() === '') return p('city', 'Vul de woonplaats in.');
        return undefined;
      }
      if (!/^\d{4}$/.test(form.postalCode.trim())) return p('postalCode', 'Een postcode heeft 4 cijfers.');
      if (form.city.trim() === '') return p('city', 'Kies de gemeente bij deze postcode.');
      return undefined;
    case 'contact':
      if (form.email.trim() !== '' && !z.email().safeParse(form.email.trim()).success)
        return p('email', 'Dit e-mailadres klopt niet.');
      if (
        form.dateOfBirth !== '' &&
        ageOn(form.dateOfBirth, today) < 16 &&
        !form.parentalConsent &&
        /^\d{4}-\d{2}-\d{2}$/.test(form.dateOfBirth)
      )
        return p('parentalConsent', 'Onder 16 jaar is de toestemming van een ouder nodig.');
      return undefined;
    case 'social':
      if (!form.socialTariff || form.socialTariffEndDate === '') return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.socialTariffEndDate))
        return p('socialTariffEndDate', 'Vul een geldige einddatum in.');
      if (form.socialTariffEndDate <= today)
        return p('socialTariffEndDate', 'De einddatum van het kansenstatuut moet in de toekomst liggen.');
      return undefined;
    case 'card':
      if (form.cardType === 'DIGITAL') return undefined;
      if (!validateUitpasNumber(digits(form.uitpasNumber)).ok)
        return p('uitpasNumber', 'Scan een blanco kaart uit de voorraad of typ haar UiTPAS-nummer.');
      return undefined;
    case 'payment':
      if (form.paymentMethod === '') return p('paymentMethod', 'Kies hoe er betaald werd.');
      return undefined;
  }
}

/** All steps in order; the first problem wins. */
export function checkRegistrationForm(form: RegistrationForm, today?: string): StepProblem | undefined {
  for (const step of REGISTRATION_STEPS) {
    const problem = checkRegistrationStep(form, step, today);
    if (problem) return problem;
  }
  return undefined;
}

/** The POST /passholders fields (minus the organizer) for a form that passed every step. */
export function passholderFromForm(
  form: RegistrationForm,
  cardSystemId: number,
): { ok: true; value: RegistrationPassholder } | { ok: false; problem: StepProblem } {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const candidate = {
    name: form.name.trim(),
    firstName: form.firstName.trim(),
    dateOfBirth: form.dateOfBirth,
    inszNumber: opt(digits(form.inszNumber)),
    gender: form.gender === '' ? undefined : form.gender,
    email: opt(form.email),
    phoneNumber: opt(form.phoneNumber),
    address: {
      street: opt(form.street),
      number: opt(form.houseNumber),
      box: opt(form.box),
      postalCode: form.abroad ? '0000' : form.postalCode.trim(),
      city: form.city.trim(),
      country: form.abroad ? form.country.toUpperCase() : 'BE',
    },
    optInPreferences: {
      serviceMails: form.optInServiceMails,
      milestoneMails: form.optInServiceMails,
      infoMails: form.optInInfoMails,
      sms: form.optInSms,
      post: form.optInPost,
    },
    parentalConsent: form.parentalConsent || undefined,
    legalTermsPaper: form.legalTermsPaper || undefined,
    registrationCardSystemId: cardSystemId,
    registrationCardType: form.cardType,
    registrationUitpasNumber: form.cardType === 'NFC_CARD' ? digits(form.uitpasNumber) : undefined,
    registrationVoucher: opt(form.voucher),
    registrationNote: opt(form.note),
    registrationSocialTariffEndDate: form.socialTariff
      ? (opt(form.socialTariffEndDate) ?? undefined)
      : undefined,
  };
  const stripped = JSON.parse(JSON.stringify(candidate)) as unknown;
  const r = registrationPassholderSchema.safeParse(stripped);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return {
    ok: false,
    problem: { step: 'personal', message: issue?.message ?? 'De gegevens zijn onvolledig.' },
  };
}

/** Which wizard step fixes a registration problem of the API (DOMAIN.md §4 and §12). */
export function stepForProblem(problemName: string | undefined): {
  step: RegistrationStep;
  field?: keyof RegistrationForm;
} {
  switch (problemName) {
    case 'invalid-insz-number':
    case 'insz-already-used':
      return { step: 'personal', field: 'inszNumber' };
    case 'invalid-city':
    case 'invalid-postal-code':
      return { step: 'address', field: 'postalCode' };
    case 'email-already-used':
      return { step: 'contact', field: 'email' };
    case 'invalid-uitpas-number':
    case 'invalid-uitpasnumber':
    case 'invalid-card':
    case 'invalid-card-status':
      return { step: 'card', field: 'uitpasNumber' };
    case 'invalid-voucher-code':
      return { step: 'card', field: 'voucher' };
    case 'forbidden-underaged':
      return { step: 'contact', field: 'parentalConsent' };
    default:
      return { step: 'payment' };
  }
}
