import type { Language } from '@uitpas/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import type { ActivityRange } from '../store.ts';
import { useTerminal } from './context.tsx';
import { TariffPanel } from './TariffPanel.tsx';
import { UndoButton } from './UndoButton.tsx';
import { usePermissionCheck } from '../session/context.tsx';

const RANGES: ActivityRange[] = ['today', '7d', '30d'];

/** The organizer's activities and check-in. Focus moves to the first check-in once a pass holder is known. */
export function ActivitiesPanel() {
  const { t, i18n } = useTranslation();
  const language = (i18n.language as Language) ?? 'nl';
  const activities = useTerminal((s) => s.activities);
  const load = useTerminal((s) => s.loadActivities);
  const identification = useTerminal((s) => s.identification);
  const checkin = useTerminal((s) => s.checkin);
  const checkIn = useTerminal((s) => s.checkIn);
  const can = usePermissionCheck();
  const loadTariffs = useTerminal((s) => s.loadTariffs);
  const tariffsFor = useTerminal((s) => s.tariffs?.eventId);
  const firstCheckin = useRef<HTMLButtonElement>(null);
  const canCheckIn = identification?.kind === 'passholder';
  // Group passes buy tickets at kansentarief but cannot check in (DOMAIN.md §14).
  const canBuyTickets = canCheckIn || identification?.kind === 'group-pass';
  const identificationId = identification?.identificationId;

  useEffect(() => {
    if (canCheckIn) firstCheckin.current?.focus();
  }, [canCheckIn, identificationId]);

  const current = checkin && checkin.identificationId === identificationId ? checkin : undefined;
  const activityName = (id: string) => activities.items.find((a) => a.id === id)?.name ?? id;

  return (
    <section className="panel activities" aria-labelledby="activities-heading">
      <h2 id="activities-heading">{t('activities.heading')}</h2>
      <div className="range" role="group" aria-label={t('activities.rangeLabel')}>
        {RANGES.map((range) => (
          <button
            key={range}
            type="button"
            aria-pressed={activities.range === range}
            onClick={() => void load(range)}
          >
            {t(`activities.range.${range}`)}
          </button>
        ))}
      </div>
      {current?.result && (
        <div
          className={`checkin-result ${current.result.ok ? 'is-ok' : 'is-error'}`}
          role={current.result.ok ? 'status' : 'alert'}
          data-testid="checkin-result"
        >
          {current.result.ok ? (
            <>
              {current.result.value.state === 'confirmed'
                ? `${t('checkin.confirmed', { name: activityName(current.eventId) })} ${pickText(current.result.value.message, language)}`
                : t('checkin.queued', { name: activityName(current.eventId) })}{' '}
              <UndoButton
                actionId={current.result.value.actionId}
                label={`${t('checkin.undo')}: ${activityName(current.eventId)}`}
              />
            </>
          ) : (
            `${t('checkin.refused')}: ${pickText(current.result.problem.message, language)}`
          )}
        </div>
      )}
      {activities.problem && (
        <p className="problem is-error" role="alert">
          {pickText(activities.problem.message, language)}
        </p>
      )}
      {!canCheckIn && <p className="hint">{t('activities.needPassholder')}</p>}
      {tariffsFor !== undefined && <TariffPanel activityName={activityName(tariffsFor)} />}
      {activities.loading ? (
        <p role="status">{t('activities.loading')}</p>
      ) : activities.items.length === 0 ? (
        <p>{t('activities.empty')}</p>
      ) : (
        <ul className="activity-list">
          {activities.items.map((activity, index) => (
            <li key={activity.id}>
              <div className="activity-info">
                <span className="activity-name">{activity.name}</span>
                {activity.startDate && (
                  <span className="activity-date">
                    {new Date(activity.startDate).toLocaleString(
                      language === 'fr' ? 'fr-BE' : language === 'en' ? 'en-GB' : 'nl-BE',
                      {
                        timeZone: 'Europe/Brussels',
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      },
                    )}
                  </span>
                )}
              </div>
              <div className="activity-actions">
                {can('CHECKINS_WRITE') && (
                  <button
                    type="button"
                    className="primary"
                    ref={index === 0 ? firstCheckin : undefined}
                    disabled={!canCheckIn || current?.pending === true}
                    aria-label={t('activities.checkinFor', { name: activity.name })}
                    onClick={() => void checkIn(activity.id)}
                  >
                    {t('activities.checkin')}
                  </button>
                )}
                {can('TICKETSALES_REGISTER') && activity.prices?.some((p) => p.regularPriceCents > 0) && (
                  <button
                    type="button"
                    disabled={!canBuyTickets}
                    aria-label={t('tariffs.openFor', { name: activity.name })}
                    aria-expanded={tariffsFor === activity.id}
                    onClick={() => void loadTariffs(activity.id)}
                  >
                    {t('tariffs.open')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
