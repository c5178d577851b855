import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { useSession } from './context.tsx';
import { SessionProblem } from './SessionProblem.tsx';

/** The organizers of `GET /permissions`, the ones used last on this station first. */
export function OrganizerPicker() {
  const { t } = useTranslation('session');
  const organizers = useSession((s) => s.organizers);
  const choose = useSession((s) => s.chooseOrganizer);
  const open = useSession((s) => s.open);
  const current = useTerminal((s) => s.station?.organizer?.id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <main id="main" className="session-screen" aria-labelledby="session-organizers-heading">
      <h2 id="session-organizers-heading" tabIndex={-1} ref={heading}>
        {t('organizers.heading')}
      </h2>
      <p>{t('organizers.intro')}</p>
      <SessionProblem />
      {organizers === undefined ? (
        <p role="status">{t('organizers.loading')}</p>
      ) : (
        <ul className="organizer-list" aria-label={t('organizers.heading')}>
          {organizers.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                aria-current={o.id === current ? 'true' : undefined}
                onClick={() => void choose(o.id)}
              >
                {o.name}
                {o.id === current && <span className="tag"> ({t('organizers.current')})</span>}
                {o.lastUsed && o.id !== current && <span className="tag"> ({t('organizers.lastUsed')})</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => void open(undefined)}>
        {t('organizers.back')}
      </button>
    </main>
  );
}
