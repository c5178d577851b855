// Selling a pass (issue 7, point 1). Every change is saved as a draft in the terminal's ledger, so a
// closed window, a crash or a restart loses nothing. Problems (ours or the API's) show on their step.
import {
  checkRegistrationStep,
  defaultSocialTariffEndDate,
  maskInsz,
  REGISTRATION_STEPS,
  type Language,
  type RegistrationForm,
  type RegistrationStep,
} from '@uitpas/domain';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { useDesk } from './context.tsx';

type TextField = {
  [K in keyof RegistrationForm]: RegistrationForm[K] extends string ? K : never;
}[keyof RegistrationForm];
type BoolField = {
  [K in keyof RegistrationForm]: RegistrationForm[K] extends boolean ? K : never;
}[keyof RegistrationForm];

const euro = (cents: number, language: Language) =>
  new Intl.NumberFormat(language === 'fr' ? 'fr-BE' : language === 'en' ? 'en-GB' : 'nl-BE', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);

function useStepError(field: string): string | undefined {
  const { i18n } = useTranslation('desk');
  const message = useDesk((s) => s.stepMessage);
  const step = useDesk((s) => s.draft?.form.step);
  if (!message || message.field !== field || message.step !== step) return undefined;
  return pickText(message.message, (i18n.language as Language) ?? 'nl');
}

function Field({
  name,
  type = 'text',
  hint,
  autoComplete,
}: {
  name: TextField;
  type?: string;
  hint?: string;
  autoComplete?: string;
}) {
  const { t } = useTranslation('desk');
  const id = useId();
  const value = useDesk((s) => s.draft?.form[name] ?? '');
  const update = useDesk((s) => s.update);
  const error = useStepError(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="desk-field">
      <label htmlFor={id}>{t(`register.${name}`)}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={value as string}
        autoComplete={autoComplete ?? 'off'}
        aria-invalid={error ? 'true' : 'false'}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
        onChange={(e) => update({ [name]: e.target.value } as Partial<RegistrationForm>)}
      />
      {error && (
        <p className="field-message is-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Check({ name }: { name: BoolField }) {
  const { t } = useTranslation('desk');
  const id = useId();
  const checked = useDesk((s) => s.draft?.form[name] === true);
  const update = useDesk((s) => s.update);
  const error = useStepError(name);
  return (
    <div className="desk-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? 'true' : 'false'}
        {...(error ? { 'aria-describedby': `${id}-error` } : {})}
        onChange={(e) => update({ [name]: e.target.checked } as Partial<RegistrationForm>)}
      />
      <label htmlFor={id}>{t(`register.${name}`)}</label>
      {error && (
        <p className="field-message is-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Choice<K extends 'gender' | 'cardType' | 'paymentMethod'>({
  name,
  options,
}: {
  name: K;
  options: readonly RegistrationForm[K][];
}) {
  const { t } = useTranslation('desk');
  const value = useDesk((s) => s.draft?.form[name]);
  const update = useDesk((s) => s.update);
  const error = useStepError(name);
  return (
    <fieldset className="desk-choice">
      <legend>{t(`register.${name as string}`)}</legend>
      {options.map((option) => (
        <label key={option} className="desk-radio">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => update({ [name]: option } as Partial<RegistrationForm>)}
          />
          {option === '' ? t('register.genderNone') : t(`register.${option as string}`)}
        </label>
      ))}
      {error && (
        <p className="field-message is-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function StepFields({ step, form }: { step: RegistrationStep; form: RegistrationForm }) {
  const { t, i18n } = useTranslation('desk');
  const language = (i18n.language as Language) ?? 'nl';
  const price = useDesk((s) => s.price);
  const update = useDesk((s) => s.update);
  switch (step) {
    case 'personal':
      return (
        <>
          <Field name="firstName" autoComplete="off" />
          <Field name="name" />
          <Field name="dateOfBirth" type="date" />
          <Choice name="gender" options={['', 'FEMALE', 'MALE', 'X'] as const} />
          <Field name="inszNumber" hint={t('register.inszHint')} />
        </>
      );
    case 'address':
      return (
        <>
          <Check name="abroad" />
          <Field name="street" />
          <Field name="houseNumber" />
          <Field name="box" />
          {form.abroad ? <Field name="country" /> : <Field name="postalCode" />}
          <Field name="city" />
        </>
      );
    case 'contact':
      return (
        <>
          <Field name="email" type="email" />
          <Field name="phoneNumber" type="tel" />
          <Check name="optInServiceMails" />
          <Check name="optInInfoMails" />
          <Check name="optInSms" />
          <Check name="optInPost" />
          <Check name="parentalConsent" />
          <Check name="legalTermsPaper" />
        </>
      );
    case 'social':
      return (
        <>
          <div className="desk-check">
            <input
              id="desk-social"
              type="checkbox"
              checked={form.socialTariff}
              onChange={(e) =>
                update({
                  socialTariff: e.target.checked,
                  // The API's own default, shown so staff can see and change it (DOMAIN.md §4).
                  socialTariffEndDate:
                    e.target.checked && form.socialTariffEndDate === ''
                      ? defaultSocialTariffEndDate(new Date().toISOString().slice(0, 10))
                      : form.socialTariffEndDate,
                })
              }
            />
            <label htmlFor="desk-social">{t('register.socialTariff')}</label>
          </div>
          {form.socialTariff && <Field name="socialTariffEndDate" type="date" />}
        </>
      );
    case 'card':
      return (
        <>
          <Choice name="cardType" options={['NFC_CARD', 'DIGITAL'] as const} />
          {form.cardType === 'NFC_CARD' && <Field name="uitpasNumber" hint={t('register.uitpasHint')} />}
          <Field name="voucher" />
          <Field name="note" hint={t('register.noteHint')} />
        </>
      );
    case 'payment':
      return (
        <>
          <h3>{t('register.summary')}</h3>
          <dl className="facts" data-testid="registration-summary">
            <dt>{t('register.name')}</dt>
            <dd>
              {form.firstName} {form.name}
            </dd>
            <dt>{t('register.dateOfBirth')}</dt>
            <dd>{form.dateOfBirth}</dd>
            {form.inszNumber !== '' && (
              <>
                <dt>{t('register.inszNumber')}</dt>
                <dd>{maskInsz(form.inszNumber)}</dd>
              </>
            )}
            <dt>{t('register.city')}</dt>
            <dd>
              {form.abroad ? form.country : form.postalCode} {form.city}
            </dd>
            <dt>{t('register.cardType')}</dt>
            <dd>{form.cardType === 'NFC_CARD' ? form.uitpasNumber : t('register.DIGITAL')}</dd>
            <dt>{t('register.price')}</dt>
            <dd data-testid="registration-price">
              {price?.outcome === 'price'
                ? `${euro(price.priceCents, language)}${price.label ? ` (${price.label})` : ''}`
                : t('register.priceLoading')}
            </dd>
          </dl>
          <Choice name="paymentMethod" options={['cash', 'card', 'free'] as const} />
          <p className="hint">{t('register.onlineOnly')}</p>
        </>
      );
  }
}

export function RegistrationWizard() {
  const { t, i18n } = useTranslation('desk');
  const language = (i18n.language as Language) ?? 'nl';
  const draft = useDesk((s) => s.draft);
  const drafts = useDesk((s) => s.drafts);
  const result = useDesk((s) => s.result);
  const stepMessage = useDesk((s) => s.stepMessage);
  const submitting = useDesk((s) => s.submitting);
  const pendingSaves = useDesk((s) => s.pendingSaves);
  const startRegistration = useDesk((s) => s.startRegistration);
  const resumeDraft = useDesk((s) => s.resumeDraft);
  const abandonDraft = useDesk((s) => s.abandonDraft);
  const goToStep = useDesk((s) => s.goToStep);
  const submit = useDesk((s) => s.submit);
  const show = useDesk((s) => s.show);
  const setStepMessage = useDesk((s) => s.setStepMessage);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = draft?.form.step;

  useEffect(() => {
    heading.current?.focus();
  }, [step, result]);

  if (result) {
    return (
      <section className="panel" aria-labelledby="desk-register-done">
        <h2 id="desk-register-done" ref={heading} tabIndex={-1}>
          {t('register.done')}
        </h2>
        {result.outcome === 'registered' ? (
          <div data-testid="registration-done">
            <p className="passholder-name">{t('register.newNumber', { number: result.uitpasNumber })}</p>
            <p>
              {t('register.price')}: {euro(result.priceCents, language)} (
              {t(`register.${result.paymentMethod}`)})
            </p>
            {result.welcomeRewards.length > 0 && (
              <>
                <h3>{t('register.welcome')}</h3>
                <ul>
                  {result.welcomeRewards.map((r) => (
                    <li key={r.id}>{r.title}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <p role="status" data-testid="registration-done">
            {pickText(result.message, language)}
          </p>
        )}
        <div className="desk-actions">
          <button type="button" className="primary" onClick={() => void startRegistration()}>
            {t('register.another')}
          </button>
          <button type="button" onClick={() => void show('counter')}>
            {t('register.back')}
          </button>
        </div>
      </section>
    );
  }

  if (!draft) {
    return (
      <section className="panel" aria-labelledby="desk-register-heading">
        <h2 id="desk-register-heading" ref={heading} tabIndex={-1}>
          {t('register.heading')}
        </h2>
        <button type="button" className="primary" onClick={() => void startRegistration()}>
          {t('register.start')}
        </button>
        <h3>{t('register.drafts')}</h3>
        {drafts.length === 0 ? (
          <p>{t('register.noDrafts')}</p>
        ) : (
          <ul className="desk-list">
            {drafts.map((d) => (
              <li key={d.draftId}>
                <button type="button" onClick={() => void resumeDraft(d.draftId)}>
                  {t('register.resume', { label: d.label })}
                </button>{' '}
                <span className="hint">
                  {t(`register.step.${d.step}`)} · {new Date(d.updatedAt).toLocaleString(language)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  const index = REGISTRATION_STEPS.indexOf(draft.form.step);
  const onNext = () => {
    const problem = checkRegistrationStep(draft.form, draft.form.step);
    if (problem) {
      setStepMessage({
        step: problem.step,
        ...(problem.field === undefined ? {} : { field: problem.field }),
        message: { nl: problem.message },
      });
      return;
    }
    const next = REGISTRATION_STEPS[index + 1];
    if (next) goToStep(next);
  };
  const generalMessage =
    stepMessage && stepMessage.step === draft.form.step && stepMessage.field === undefined
      ? pickText(stepMessage.message, language)
      : undefined;

  return (
    <section className="panel" aria-labelledby="desk-register-heading">
      <h2 id="desk-register-heading">{t('register.heading')}</h2>
      <nav aria-label={t('register.steps')}>
        <ol className="desk-steps">
          {REGISTRATION_STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === draft.form.step ? 'step' : undefined}
                disabled={i > index}
                onClick={() => goToStep(s)}
              >
                {i + 1}. {t(`register.step.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.form.step === 'payment') void submit();
          else onNext();
        }}
      >
        <h3 ref={heading} tabIndex={-1}>
          {t(`register.step.${draft.form.step}`)}
        </h3>
        {generalMessage && (
          <p className="field-message is-error" role="alert" data-testid="step-message">
            {generalMessage}
          </p>
        )}
        <StepFields step={draft.form.step} form={draft.form} />
        <div className="desk-actions">
          {index > 0 && (
            <button type="button" onClick={() => goToStep(REGISTRATION_STEPS[index - 1] ?? 'personal')}>
              {t('register.previous')}
            </button>
          )}
          <button type="submit" className="primary" disabled={submitting}>
            {draft.form.step === 'payment'
              ? submitting
                ? t('register.submitting')
                : t('register.submit')
              : t('register.next')}
          </button>
          <button type="button" onClick={() => void abandonDraft()}>
            {t('register.abandon')}
          </button>
        </div>
        <p role="status" className="hint" data-testid="draft-saved" data-pending={pendingSaves}>
          {draft.savedAt
            ? `${t('register.saved')} ${new Date(draft.savedAt).toLocaleTimeString(language)}`
            : ''}
        </p>
      </form>
    </section>
  );
}
