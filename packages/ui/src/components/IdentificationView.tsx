import type { Identification, Language, PassholderView } from '@uitpas/domain';
import { formatUitpasNumber } from '@uitpas/domain';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { RegisterBlankCard } from '../desk/RegisterBlankCard.tsx';
import { useTerminal } from './context.tsx';
import { useOptionalPassholder } from '../passholder/context.tsx';
import { formatAge, formatDateTime } from '../passholder/format.ts';
import { useSocialTariffText } from '../passholder/PassholderDetails.tsx';

function Passholder({
  pass,
  language,
  identificationId,
}: {
  pass: PassholderView;
  language: Language;
  identificationId: number;
}) {
  const { t } = useTranslation();
  const { t: tp } = useTranslation('passholder');
  // A Pass knows no SUSPENDED: the membership of this card (GET /passholders/{id}) tells it, with its date.
  const membership = useOptionalPassholder((s) =>
    s.details?.identificationId === identificationId
      ? s.details.value?.memberships.find((m) => m.uitpasNumber === pass.uitpasNumber)
      : undefined,
  );
  const lastName = useOptionalPassholder((s) =>
    s.details?.identificationId === identificationId ? s.details.value?.name : undefined,
  );
  const tariff = membership?.socialTariff ?? pass.socialTariff;
  const tariffText = useSocialTariffText();
  const tariffClass =
    tariff.status === 'ACTIVE' && tariff.inGracePeriod ? 'grace' : tariff.status.toLowerCase();
  return (
    <article className="passholder" aria-labelledby="passholder-name" data-testid="passholder">
      <h2 id="passholder-name" className="passholder-name">
        {pass.firstName} {pass.name ?? lastName ?? ''}
      </h2>
      {pass.messages.length > 0 && (
        <ul className="pass-messages" aria-label={tp('messages')} data-testid="pass-messages">
          {pass.messages.map((m, i) => (
            <li key={i} className={`pass-message level-${m.level.toLowerCase()}`}>
              {m.text}
            </li>
          ))}
        </ul>
      )}
      {pass.cachedAt && (
        <p className="cached-notice" role="note" data-testid="cached-at">
          {tp('dataFrom', {
            time: formatDateTime(pass.cachedAt, language),
            age: formatAge(pass.cachedAt, language),
          })}
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
          <dd className={`tariff tariff-${tariffClass}`}>
            {tariff.status === 'NONE' ? t('passholder.tariff.NONE') : tariffText(tariff)}
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
        <Passholder
          pass={identification.pass}
          language={language}
          identificationId={identification.identificationId}
        />
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
