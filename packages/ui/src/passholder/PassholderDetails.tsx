import { formatCents, type Language, type MembershipView, type MoneyLocale } from '@uitpas/domain';
import { formatUitpasNumber } from '@uitpas/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, pickText } from '../i18n/index.ts';
import { useTerminal } from '../components/context.tsx';
import { usePassholder } from './context.tsx';
import { formatAge, formatDate, formatDateTime } from './format.ts';

type SocialTariff = MembershipView['socialTariff'];

/** "Opgeschort tot 12 januari 2027", "Respijtperiode: verlopen op …": one line per social tariff state. */
export function useSocialTariffText(): (tariff: SocialTariff) => string {
  const { t, i18n } = useTranslation('passholder');
  const language = (i18n.language as Language) ?? 'nl';
  return (tariff) => {
    if (tariff.status === 'SUSPENDED')
      return t('details.tariff.SUSPENDED', { date: formatDate(tariff.suspendedUntilDate, language) });
    if (tariff.status === 'ACTIVE' && tariff.inGracePeriod)
      return t('details.tariff.GRACE', { date: formatDate(tariff.endDate, language) });
    if (tariff.status === 'NONE') return t('details.tariff.NONE');
    return t(`details.tariff.${tariff.status}`, { date: formatDate(tariff.endDate, language) });
  };
}

const tariffClass = (tariff: SocialTariff) =>
  tariff.status === 'ACTIVE' && tariff.inGracePeriod
    ? 'tariff-grace'
    : `tariff-${tariff.status.toLowerCase()}`;

/** The identified pass holder's memberships in every card system and the history at this organizer. */
export function PassholderDetails() {
  const { t, i18n } = useTranslation('passholder');
  const language = (i18n.language as Language) ?? 'nl';
  const locale = LOCALES[language] as MoneyLocale;
  const identificationId = useTerminal((s) =>
    s.identification?.kind === 'passholder' ? s.identification.identificationId : undefined,
  );
  const details = usePassholder((s) => s.details);
  const tariffText = useSocialTariffText();
  const id = useId();
  if (identificationId === undefined || details?.identificationId !== identificationId) return null;
  const value = details.value;
  return (
    <section
      className="panel passholder-details"
      aria-labelledby={`${id}-memberships`}
      data-testid="passholder-details"
    >
      {details.loading && <p role="status">{t('details.loading')}</p>}
      {details.problem && (
        <p className="problem is-error" role="alert" data-testid="details-problem">
          {pickText(details.problem.message, language)}
        </p>
      )}
      {value?.stale && (
        <p className="cached-notice" role="note" data-testid="details-stale">
          {t('details.stale', {
            time: formatDateTime(value.fetchedAt, language),
            age: formatAge(value.fetchedAt, language),
          })}
        </p>
      )}
      {value && (
        <>
          <h3 id={`${id}-memberships`}>{t('details.memberships')}</h3>
          <table className="memberships" data-testid="memberships">
            <thead>
              <tr>
                <th scope="col">{t('details.cardSystem')}</th>
                <th scope="col">{t('details.number')}</th>
                <th scope="col">{t('details.membership')}</th>
                <th scope="col">{t('details.card')}</th>
                <th scope="col">{t('details.socialTariff')}</th>
              </tr>
            </thead>
            <tbody>
              {value.memberships.map((m) => (
                <tr key={m.cardSystem}>
                  <th scope="row">{m.cardSystem}</th>
                  <td>{m.uitpasNumber ? formatUitpasNumber(m.uitpasNumber) : ''}</td>
                  <td>{t(`details.status.${m.status}`)}</td>
                  <td>
                    {m.cardStatus ? t(`details.status.${m.cardStatus}`) : ''}
                    {m.cardType ? ` (${t(`details.cardType.${m.cardType}`)})` : ''}
                  </td>
                  <td className={`tariff ${tariffClass(m.socialTariff)}`}>{tariffText(m.socialTariff)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id={`${id}-history`}>{t('details.history')}</h3>
          {value.historyProblem && <p className="hint">{pickText(value.historyProblem, language)}</p>}
          {value.history.length === 0 ? (
            <p>{t('details.historyEmpty')}</p>
          ) : (
            <ol className="history" aria-labelledby={`${id}-history`} data-testid="history">
              {value.history.map((h, i) => (
                <li key={`${h.at}-${i}`} data-kind={h.kind}>
                  <span className="history-when">{formatDateTime(h.at, language)}</span>{' '}
                  <span className="history-kind">{t(`details.kind.${h.kind}`)}:</span>{' '}
                  <span className="history-title">{h.title}</span>
                  {h.points !== undefined && h.points !== 0 && (
                    <span className="history-points">
                      {' '}
                      {t('details.points', {
                        count: Math.abs(h.points),
                        points: `${h.points > 0 ? '+' : '−'}${Math.abs(h.points)}`,
                      })}
                    </span>
                  )}
                  {h.priceCents !== undefined && (
                    <span className="history-price"> {formatCents(h.priceCents, locale)}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
