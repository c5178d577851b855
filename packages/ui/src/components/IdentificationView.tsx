import type { Identification, Language, PassholderView } from '@uitpas/domain';
import { formatUitpasNumber } from '@uitpas/domain';
import { useTranslation } from 'react-i18next';
import { LOCALES, pickText } from '../i18n/index.ts';
import { RegisterBlankCard } from '../desk/RegisterBlankCard.tsx';
import { useTerminal } from './context.tsx';

function formatDate(iso: string | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(LOCALES[language], {
        timeZone: 'Europe/Brussels',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
}

/** "5 minuten geleden": how old cached data is, in the screen's language. */
function formatAge(iso: string, language: Language): string {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'always' });
  return minutes < 120 ? format.format(-minutes, 'minute') : format.format(-Math.round(minutes / 60), 'hour');
}

function Passholder({ pass, language }: { pass: PassholderView; language: Language }) {
  const { t } = useTranslation();
  const tariff = pass.socialTariff;
  const tariffKey = tariff.status === 'ACTIVE' && tariff.inGracePeriod ? 'ACTIVE_grace' : tariff.status;
  return (
    <article className="passholder" aria-labelledby="passholder-name" data-testid="passholder">
      <h2 id="passholder-name" className="passholder-name">
        {pass.firstName} {pass.name ?? ''}
      </h2>
      {pass.messages.length > 0 && (
        <ul className="pass-messages">
          {pass.messages.map((m, i) => (
            <li key={i} className={`pass-message level-${m.level.toLowerCase()}`}>
              {m.text}
            </li>
          ))}
        </ul>
      )}
      {pass.cachedAt && (
        <p className="cached-notice" role="note" data-testid="cached-at">
          {t('passholder.cachedAt', { age: formatAge(pass.cachedAt, language) })}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('passholder.number')}</dt>
          <dd>{formatUitpasNumber(pass.uitpasNumber)}</dd>
        </div>
        <div>
          <dt>{t('passholder.points')}</dt>
          <dd>{t('passholder.pointsValue', { count: pass.points })}</dd>
        </div>
        <div>
          <dt>{t('passholder.socialTariff')}</dt>
          <dd className={`tariff tariff-${tariff.status.toLowerCase()}`}>
            {t(`passholder.tariff.${tariffKey}`)}
            {tariff.status === 'SUSPENDED' && tariff.suspendedUntilDate
              ? ` — ${t('passholder.suspendedUntil', { date: formatDate(tariff.suspendedUntilDate, language) })}`
              : tariff.endDate && tariff.status !== 'NONE'
                ? ` — ${t('passholder.until', { date: formatDate(tariff.endDate, language) })}`
                : ''}
          </dd>
        </div>
      </dl>
    </article>
  );
}

const TITLES: Record<Exclude<Identification['kind'], 'passholder' | 'group-pass'>, string> = {
  blocked: 'result.blocked',
  'blank-card': 'result.blankCard',
  unknown: 'result.unknown',
  'invalid-input': 'result.invalid',
};

/** Whoever the last identification found, and nothing of anyone before. */
export function IdentificationView() {
  const { t, i18n } = useTranslation();
  const language = (i18n.language as Language) ?? 'nl';
  const identification = useTerminal((s) => s.identification);
  const identifying = useTerminal((s) => s.identifying);
  if (identifying) {
    return (
      <div className="panel identification" role="status">
        {t('identify.looking')}
      </div>
    );
  }
  if (!identification) return null;
  return (
    <section
      className="panel identification"
      aria-live="polite"
      data-testid="identification"
      data-kind={identification.kind}
    >
      {identification.kind === 'passholder' ? (
        <Passholder pass={identification.pass} language={language} />
      ) : identification.kind === 'group-pass' ? (
        <article>
          <h2>
            {t('result.groupPass')}: {identification.pass.name}
          </h2>
          <p>{formatUitpasNumber(identification.pass.uitpasNumber)}</p>
        </article>
      ) : (
        <div
          className={`problem ${identification.kind === 'blank-card' ? 'is-info' : 'is-error'}`}
          role="alert"
        >
          <h2>{t(TITLES[identification.kind])}</h2>
          <p data-testid="identification-message">{pickText(identification.message, language)}</p>
          {identification.kind === 'blank-card' && (
            <RegisterBlankCard
              uitpasNumber={identification.uitpasNumber}
              chipNumber={identification.chipNumber}
            />
          )}
        </div>
      )}
    </section>
  );
}
