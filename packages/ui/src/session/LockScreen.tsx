import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './context.tsx';
import { SessionProblem } from './SessionProblem.tsx';

/** A locked station shows nobody's data: only who locked it and how to get back in. */
export function LockScreen() {
  const { t } = useTranslation('session');
  const session = useSession((s) => s.session);
  const busy = useSession((s) => s.busy);
  const unlock = useSession((s) => s.unlock);
  const startUitid = useSession((s) => s.startUitid);
  const signOut = useSession((s) => s.signOut);
  const [pin, setPin] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pinId = useId();

  useEffect(() => (field.current ?? heading.current)?.focus(), []);
  if (!session?.staff) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await unlock(pin))) {
      setPin('');
      field.current?.focus();
    }
  };

  return (
    <main id="main" className="session-screen" aria-labelledby="session-lock-heading">
      <h2 id="session-lock-heading" tabIndex={-1} ref={heading}>
        {t('lock.heading')}
      </h2>
      <p>{t('lock.who', { name: session.staff.name })}</p>
      <SessionProblem />
      {session.method === 'uitid' ? (
        <button type="button" className="primary" disabled={busy} onClick={() => void startUitid()}>
          {t('lock.uitid')}
        </button>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="session-card">
          <label htmlFor={pinId}>{t('signIn.pin')}</label>
          <input
            id={pinId}
            ref={field}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            required
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('lock.unlock')}
          </button>
        </form>
      )}
      <button type="button" onClick={() => void signOut()}>
        {t('lock.signOut')}
      </button>
    </main>
  );
}
