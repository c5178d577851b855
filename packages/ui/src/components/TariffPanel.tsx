import { formatCents, type Language, type MoneyLocale } from '@uitpas/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, pickText } from '../i18n/index.ts';
import { useTerminal } from './context.tsx';
import { UndoButton } from './UndoButton.tsx';

/**
 * Kansentarief for one activity: the tariffs `GET /tariffs` offered per price class, a count per tariff,
 * the amount to collect, and one batch registration. Prices come from the offer, never from this screen.
 */
export function TariffPanel({ activityName }: { activityName: string }) {
  const { t, i18n } = useTranslation();
  const language = (i18n.language as Language) ?? 'nl';
  const locale = LOCALES[language] as MoneyLocale;
  const tariffs = useTerminal((s) => s.tariffs);
  const sale = useTerminal((s) => s.sale);
  const identificationId = useTerminal((s) => s.identification?.identificationId);
  const register = useTerminal((s) => s.registerSale);
  const close = useTerminal((s) => s.closeTariffs);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const headingId = useId();
  const firstInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCounts({});
  }, [tariffs?.eventId, identificationId]);
  useEffect(() => {
    if (tariffs?.offers) firstInput.current?.focus();
  }, [tariffs?.offers]);
  // A registered batch is done: its counts must not be sold a second time by accident.
  const saleDone = sale?.result?.ok === true;
  useEffect(() => {
    if (saleDone) setCounts({});
  }, [saleDone]);

  if (!tariffs || tariffs.identificationId !== identificationId) return null;
  const key = (price: number, tariffId: string) => `${price}:${tariffId}`;
  const lines = (tariffs.offers ?? []).flatMap((offer) =>
    offer.tariffs
      .map((tariff) => ({
        regularPriceCents: offer.regularPriceCents,
        tariffId: tariff.id,
        count: counts[key(offer.regularPriceCents, tariff.id)] ?? 0,
        priceCents: tariff.priceCents,
      }))
      .filter((line) => line.count > 0),
  );
  const totalCents = lines.reduce((sum, line) => sum + line.count * line.priceCents, 0);
  const currentSale = sale && sale.identificationId === identificationId ? sale : undefined;
  let inputIndex = 0;

  return (
    <section className="panel tariffs" aria-labelledby={headingId} data-testid="tariffs">
      <h3 id={headingId}>{t('tariffs.heading', { name: activityName })}</h3>
      {tariffs.loading && <p role="status">{t('tariffs.loading')}</p>}
      {tariffs.problem && (
        <p className="problem is-error" role="alert">
          {pickText(tariffs.problem.message, language)}
        </p>
      )}
      {tariffs.offers?.map((offer) => (
        <fieldset key={offer.regularPriceCents} className="tariff-offer">
          <legend>
            {t('tariffs.regular', {
              label: offer.regularPriceLabel,
              price: formatCents(offer.regularPriceCents, locale),
            })}
          </legend>
          {offer.provisional && (
            <p className="cached-notice provisional" role="status" data-testid="tariff-provisional">
              {t('rewards:tariff.provisional', {
                time: new Date(offer.provisional.fetchedAt).toLocaleString(locale, {
                  timeZone: 'Europe/Brussels',
                  dateStyle: 'short',
                  timeStyle: 'short',
                }),
              })}
            </p>
          )}
          {offer.message && <p className="hint">{pickText(offer.message, language)}</p>}
          {offer.tariffs.length === 0 && !offer.message && <p className="hint">{t('tariffs.none')}</p>}
          {offer.tariffs.map((tariff) => {
            const id = key(offer.regularPriceCents, tariff.id);
            const ref = inputIndex++ === 0 ? firstInput : undefined;
            return (
              <div key={tariff.id} className="tariff-line">
                <label htmlFor={`${headingId}-${id}`}>
                  {t('tariffs.tariff', {
                    name: tariff.name,
                    price: formatCents(tariff.priceCents, locale),
                    remaining: tariff.remaining,
                  })}
                </label>
                <input
                  id={`${headingId}-${id}`}
                  ref={ref}
                  type="number"
                  min={0}
                  max={tariff.remaining}
                  step={1}
                  inputMode="numeric"
                  aria-label={t('tariffs.count', {
                    name: tariff.name,
                    price: formatCents(tariff.priceCents, locale),
                    label: offer.regularPriceLabel,
                  })}
                  value={counts[id] ?? 0}
                  onChange={(e) => {
                    const n = Math.max(
                      0,
                      Math.min(tariff.remaining, Math.trunc(Number(e.target.value) || 0)),
                    );
                    setCounts((c) => ({ ...c, [id]: n }));
                  }}
                />
              </div>
            );
          })}
        </fieldset>
      ))}
      {tariffs.offers && (
        <p className="total" data-testid="sale-total">
          {t('tariffs.total', { amount: formatCents(totalCents, locale) })}
        </p>
      )}
      {currentSale?.result && (
        <div
          className={`checkin-result ${currentSale.result.ok ? 'is-ok' : 'is-error'}`}
          role={currentSale.result.ok ? 'status' : 'alert'}
          data-testid="sale-result"
        >
          {currentSale.result.ok ? (
            <>
              {`${t(
                currentSale.result.value.state === 'confirmed' ? 'tariffs.registered' : 'tariffs.queued',
                {
                  count: currentSale.result.value.tickets,
                },
              )} ${pickText(currentSale.result.value.message, language)}`}{' '}
              <UndoButton
                actionId={currentSale.result.value.actionId}
                label={`${t('checkin.undo')}: ${activityName}`}
              />
            </>
          ) : (
            `${t('tariffs.refused')}: ${pickText(currentSale.result.problem.message, language)}`
          )}
        </div>
      )}
      <div className="tariff-actions">
        <button
          type="button"
          className="primary"
          disabled={lines.length === 0 || currentSale?.pending === true}
          onClick={() =>
            void register(
              tariffs.eventId,
              lines.map(({ regularPriceCents, tariffId, count }) => ({ regularPriceCents, tariffId, count })),
            )
          }
        >
          {t('tariffs.register')}
        </button>
        <button type="button" onClick={close}>
          {t('tariffs.close')}
        </button>
      </div>
    </section>
  );
}
