import { classifyIdentifier } from '@uitpas/domain';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from './context.tsx';

/**
 * Typed identification with live validation: the message follows every keystroke, an invalid number is
 * never sent, and what was typed stays in the field until a valid lookup succeeds.
 */
export function IdentifyPanel({ inputRef }: { inputRef?: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const identify = useTerminal((s) => s.identify);
  const clear = useTerminal((s) => s.clearIdentification);
  const identifying = useTerminal((s) => s.identifying);
  const station = useTerminal((s) => s.station);
  const simulateTap = useTerminal((s) => s.simulateTap);
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const inputId = useId();
  const messageId = useId();
  const hintId = useId();

  const classified = value.trim() === '' ? undefined : classifyIdentifier(value);
  // While typing, a too-short number is not an error yet; after submit (or when too long) it is.
  const typingShort =
    classified !== undefined &&
    !classified.ok &&
    classified.reason === 'wrong-length' &&
    /^[\d\s.\-/]*$/.test(value) &&
    value.replace(/\D/g, '').length < 11;
  const showError = classified !== undefined && !classified.ok && (submitted || !typingShort);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!classified?.ok) {
      inputRef?.current?.focus();
      return;
    }
    void identify('typed', value).then(() => {
      setValue('');
      setSubmitted(false);
    });
  };

  return (
    <section className="panel identify" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>{t('identify.heading')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>{t('identify.label')}</label>
        <p id={hintId} className="hint">
          {t('identify.hint')}
        </p>
        <div className="identify-row">
          <input
            id={inputId}
            ref={inputRef}
            name="identifier"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-describedby={`${hintId} ${messageId}`}
            aria-invalid={showError}
            onChange={(e) => {
              setValue(e.target.value);
              setSubmitted(false);
            }}
          />
          <button type="submit" className="primary" disabled={identifying}>
            {t('identify.submit')}
          </button>
        </div>
        <p
          id={messageId}
          className={`field-message ${showError ? 'is-error' : ''}`}
          aria-live="polite"
          data-testid="identify-message"
        >
          {showError && !classified.ok ? classified.message : ''}
          {classified?.ok ? t(`identify.valid.${classified.kind}`) : ''}
        </p>
      </form>
      <button type="button" onClick={() => void clear()} className="secondary">
        {t('identify.next')}
      </button>
      {station?.simulator && (station.simulatorCards?.length ?? 0) > 0 && (
        <div className="simulator" role="group" aria-label={t('identify.simulator')}>
          <h3>{t('identify.simulator')}</h3>
          {station.simulatorCards?.map((card) => (
            <button
              key={card.value}
              type="button"
              className="secondary"
              onClick={() => void simulateTap(card.value)}
            >
              {t('identify.simulate', { name: card.label })}
            </button>
          ))}
          <button type="button" className="secondary" onClick={() => void simulateTap('zz-not-a-pass')}>
            {t('identify.simulateGarbage')}
          </button>
        </div>
      )}
    </section>
  );
}
