import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { useSession } from './context.tsx';
import { SessionProblem } from './SessionProblem.tsx';
import { StationSettings } from './StationSettings.tsx';

/** Signing in: with UiTiD (its own login page) or, on a station with client credentials, name and PIN. */
export function SignInScreen() {
  const { t } = useTranslation('session');
  const session = useSession((s) => s.session);
  const busy = useSession((s) => s.busy);
  const authorizeUrl = useSession((s) => s.authorizeUrl);
  const startUitid = useSession((s) => s.startUitid);
  const signInWithPin = useSession((s) => s.signInWithPin);
  const environment = useTerminal((s) => s.station?.environment);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { staff: useId(), pin: useId() };

  useEffect(() => heading.current?.focus(), []);
  if (!session) return null;
  const staffList = session.staffList;
  const chosen = staffId || (staffList.length === 1 ? (staffList[0]?.id ?? '') : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await signInWithPin(chosen, pin))) setPin('');
  };

  return (
    <main id="main" className="session-screen" aria-labelledby="session-signin-heading">
      <h2 id="session-signin-heading" tabIndex={-1} ref={heading}>
        {t('signIn.heading')}
      </h2>
      {environment && <p>{t('signIn.environment', { name: t(`environment.${environment}`) })}</p>}
      <SessionProblem />
      {session.methods.pin && (
        <section aria-labelledby="session-pin-heading" className="session-card">
          <h3 id="session-pin-heading">{t('signIn.pinHeading')}</h3>
          <form onSubmit={(e) => void submit(e)}>
            <label htmlFor={ids.staff}>{t('signIn.staff')}</label>
            <select id={ids.staff} value={chosen} required onChange={(e) => setStaffId(e.target.value)}>
              <option value="">{t('signIn.chooseStaff')}</option>
              {staffList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <label htmlFor={ids.pin}>{t('signIn.pin')}</label>
            <input
              id={ids.pin}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              required
              maxLength={8}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
            <button type="submit" className="primary" disabled={busy}>
              {t('signIn.pinButton')}
            </button>
          </form>
        </section>
      )}
      {session.methods.uitid && (
        <section aria-labelledby="session-uitid-heading" className="session-card">
          <h3 id="session-uitid-heading">{t('signIn.uitidHeading')}</h3>
          <button type="button" className="primary" disabled={busy} onClick={() => void startUitid()}>
            {t('signIn.uitidButton')}
          </button>
          {session.pendingUitid && authorizeUrl && (
            <p role="status">
              {t('signIn.uitidWaiting')}{' '}
              <a href={authorizeUrl} target="_blank" rel="noopener noreferrer">
                {t('signIn.uitidLink')}
              </a>
            </p>
          )}
        </section>
      )}
      {!session.methods.pin && !session.methods.uitid && <p role="alert">{t('signIn.noMethods')}</p>}
      <details className="session-card">
        <summary>{t('settings.open')}</summary>
        <StationSettings showProblem={false} />
      </details>
    </main>
  );
}
