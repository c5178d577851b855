import type { Language } from '@uitpas/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { useTerminal } from '../components/context.tsx';
import { useRewards } from './context.tsx';

/** The station's "check in on every tap" switch: off, or one of the listed activities. */
export function EveryTapPanel() {
  const { t, i18n } = useTranslation('rewards');
  const language = (i18n.language as Language) ?? 'nl';
  const activities = useTerminal((s) => s.activities.items);
  const mode = useRewards((s) => s.everyTap);
  const problem = useRewards((s) => s.everyTapProblem);
  const set = useRewards((s) => s.setEveryTap);
  const selectId = useId();
  const known = mode.eventId === undefined || activities.some((a) => a.id === mode.eventId);
  return (
    <section className="panel every-tap" aria-labelledby={`${selectId}-h`}>
      <h2 id={`${selectId}-h`}>{t('everyTap.heading')}</h2>
      <p className="hint">{t('everyTap.hint')}</p>
      <label htmlFor={selectId}>{t('everyTap.label')}</label>
      <select
        id={selectId}
        data-testid="every-tap-select"
        value={mode.eventId ?? ''}
        onChange={(e) => void set(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{t('everyTap.off')}</option>
        {!known && mode.eventId && <option value={mode.eventId}>{mode.eventName ?? mode.eventId}</option>}
        {activities.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {mode.eventId && (
        <p className="every-tap-on" role="status" data-testid="every-tap-on">
          {t('everyTap.on', { name: mode.eventName ?? mode.eventId })}
        </p>
      )}
      {problem && (
        <p className="problem is-error" role="alert">
          {pickText(problem.message, language)}
        </p>
      )}
    </section>
  );
}

/** The outcome of the check-in a tap caused, large enough to read from the door. */
export function EveryTapResult() {
  const { t, i18n } = useTranslation('rewards');
  const language = (i18n.language as Language) ?? 'nl';
  const result = useRewards((s) => s.everyTapResult);
  const identificationId = useTerminal((s) => s.identification?.identificationId);
  if (!result || result.identificationId !== identificationId) return null;
  return (
    <div
      className={`every-tap-result ${result.ok ? 'is-ok' : 'is-error'}`}
      role={result.ok ? 'status' : 'alert'}
      data-testid="every-tap-result"
      data-ok={result.ok}
    >
      <strong>{result.ok ? t('everyTap.ok') : t('everyTap.refused')}</strong>
      <span>{pickText(result.message, language)}</span>
    </div>
  );
}
