import { checkPassholderSearch, type Language } from '@uitpas/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { usePassholder } from './context.tsx';
import { formatDay } from './format.ts';

type Field = 'name' | 'firstName' | 'dateOfBirth';

/**
 * Search by name and birth date. A chosen result is identified by the terminal's identify router, exactly
 * like a tap: the previous pass holder disappears everywhere, and so do this form and its results.
 */
export function PassholderSearch() {
  const { t, i18n } = useTranslation('passholder');
  const language = (i18n.language as Language) ?? 'nl';
  const fields = usePassholder((s) => s.fields);
  const setField = usePassholder((s) => s.setField);
  const search = usePassholder((s) => s.search);
  const pick = usePassholder((s) => s.pick);
  const searching = usePassholder((s) => s.searching);
  const outcome = usePassholder((s) => s.outcome);
  const problem = usePassholder((s) => s.problem);
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const refs = {
    name: useRef<HTMLInputElement>(null),
    firstName: useRef<HTMLInputElement>(null),
    dateOfBirth: useRef<HTMLInputElement>(null),
  };

  const checked = checkPassholderSearch(fields);
  // The birth date is checked as soon as it looks complete; the rest once staff search.
  const dateTyped = fields.dateOfBirth.trim().length >= 8;
  const localError =
    !checked.ok && (submitted || (checked.field === 'dateOfBirth' && dateTyped)) ? checked : undefined;
  const terminalError = outcome?.outcome === 'invalid' ? outcome : undefined;
  const fieldError = (field: Field): string | undefined =>
    localError?.field === field
      ? localError.message
      : terminalError?.field === field
        ? pickText(terminalError.message, language)
        : undefined;
  const dateValid =
    checked.ok && checked.query.dateOfBirth !== undefined ? checked.query.dateOfBirth : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!checked.ok) {
      refs[checked.field].current?.focus();
      return;
    }
    void search();
  };

  const input = (
    field: Field,
    label: string,
    extra: { hint?: string; inputMode?: 'text' | 'numeric' } = {},
  ) => {
    const error = fieldError(field);
    const hintId = `${id}-${field}-hint`;
    const messageId = `${id}-${field}-message`;
    return (
      <div className="search-field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        {extra.hint && (
          <span id={hintId} className="hint">
            {extra.hint}
          </span>
        )}
        <input
          id={`${id}-${field}`}
          ref={refs[field]}
          name={field}
          autoComplete="off"
          spellCheck={false}
          inputMode={extra.inputMode ?? 'text'}
          value={fields[field]}
          aria-invalid={error !== undefined}
          aria-describedby={`${extra.hint ? `${hintId} ` : ''}${messageId}`}
          onChange={(e) => setField(field, e.target.value)}
        />
        <p
          id={messageId}
          className={`field-message ${error ? 'is-error' : ''}`}
          aria-live="polite"
          data-testid={`search-${field}-message`}
        >
          {error ??
            (field === 'dateOfBirth' && dateValid
              ? t('search.validDate', { date: formatDay(dateValid, language) })
              : '')}
        </p>
      </div>
    );
  };

  return (
    <section className="panel passholder-search" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('search.heading')}</h2>
      <form onSubmit={onSubmit} noValidate>
        {input('name', t('search.name'))}
        {input('firstName', t('search.firstName'))}
        {input('dateOfBirth', t('search.dateOfBirth'), { hint: t('search.dateHint'), inputMode: 'numeric' })}
        <button type="submit" className="primary" disabled={searching}>
          {t('search.submit')}
        </button>
      </form>
      {searching && <p role="status">{t('search.searching')}</p>}
      {(problem || (outcome && outcome.outcome !== 'found' && outcome.outcome !== 'invalid')) && (
        <p className="problem is-error" role="alert" data-testid="search-message">
          {problem
            ? pickText(problem.message, language)
            : outcome && 'message' in outcome
              ? pickText(outcome.message, language)
              : ''}
        </p>
      )}
      {outcome?.outcome === 'found' && (
        <>
          <h3 id={`${id}-results`}>{t('search.results')}</h3>
          <ul className="search-results" aria-labelledby={`${id}-results`} data-testid="search-results">
            {outcome.results.map((r) => {
              const fullName = `${r.firstName} ${r.name}`.trim();
              const born = formatDay(r.dateOfBirth, language);
              return (
                <li key={r.passholderId}>
                  <button
                    type="button"
                    className="search-result"
                    disabled={!r.identifiable}
                    aria-label={t('search.choose', { name: fullName, date: born, city: r.city ?? '' })}
                    onClick={() => void pick(r.passholderId)}
                  >
                    <span className="result-name">{fullName}</span>
                    <span className="result-facts">
                      {[
                        born ? t('search.born', { date: born }) : undefined,
                        r.city,
                        r.inszMasked ? t('search.insz', { insz: r.inszMasked }) : undefined,
                        r.identifiable ? undefined : t('search.noCard'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
