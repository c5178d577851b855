import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { useSession } from './context.tsx';
import { LockScreen } from './LockScreen.tsx';
import { OrganizerPicker } from './OrganizerPicker.tsx';
import { SessionSettingsScreen } from './SessionSettingsScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';

/** The counter's screens only for a signed-in staff member; otherwise sign-in or the lock screen. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session);
  const panel = useSession((s) => s.panel);
  const activity = useSession((s) => s.activity);

  // Typing and clicking keep the station unlocked; the terminal's timer locks it after the quiet period.
  useEffect(() => {
    const seen = () => activity();
    document.addEventListener('keydown', seen, true);
    document.addEventListener('pointerdown', seen, true);
    return () => {
      document.removeEventListener('keydown', seen, true);
      document.removeEventListener('pointerdown', seen, true);
    };
  }, [activity]);

  // Signed in, or another organizer chosen: the activities are the ones this person may now act on.
  const signedIn = session?.state === 'signed-in';
  const organizerId = useTerminal((s) => s.station?.organizer?.id);
  const range = useTerminal((s) => s.activities.range);
  const loadActivities = useTerminal((s) => s.loadActivities);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  useEffect(() => {
    if (signedIn) void loadActivities(rangeRef.current);
  }, [signedIn, organizerId, loadActivities]);

  if (session === undefined) return null;
  if (session.state === 'signed-out') return <SignInScreen />;
  if (session.state === 'locked') return <LockScreen />;
  if (panel === 'organizers') return <OrganizerPicker />;
  if (panel === 'settings') return <SessionSettingsScreen />;
  return <>{children}</>;
}

/** Who is signed in, with the organizer picker, settings, lock and sign-out at hand. */
export function SessionBar() {
  const { t } = useTranslation('session');
  const session = useSession((s) => s.session);
  const open = useSession((s) => s.open);
  const lock = useSession((s) => s.lock);
  const signOut = useSession((s) => s.signOut);
  if (session?.state !== 'signed-in') return null;
  const personal = session.method === 'pin' || session.method === 'uitid';
  return (
    <div className="session-bar" role="group" aria-label={t('bar.label')}>
      {session.staff && personal && (
        <span data-testid="signed-in-as">{t('bar.signedInAs', { name: session.staff.name })}</span>
      )}
      <button type="button" onClick={() => void open('organizers')}>
        {t('bar.organizer')}
      </button>
      <button type="button" onClick={() => void open('settings')}>
        {t('bar.settings')}
      </button>
      {personal && (
        <>
          <button type="button" onClick={() => void lock()}>
            {t('bar.lock')}
          </button>
          <button type="button" onClick={() => void signOut()}>
            {t('bar.signOut')}
          </button>
        </>
      )}
    </div>
  );
}
