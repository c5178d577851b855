import { apiEnvironmentSchema, type ApiEnvironment } from '@uitpas/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { useSession } from './context.tsx';
import { SessionProblem } from './SessionProblem.tsx';

const ENVIRONMENTS: ApiEnvironment[] = apiEnvironmentSchema.options;

/** The station's settings: API environment, training mode and, when signed in, staff with a PIN. */
export function StationSettings({ showProblem = true }: { showProblem?: boolean }) {
  const { t } = useTranslation('session');
  const station = useTerminal((s) => s.station);
  const session = useSession((s) => s.session);
  const configure = useSession((s) => s.configure);
  const busy = useSession((s) => s.busy);
  const [environment, setEnvironment] = useState<ApiEnvironment | ''>('');
  const ids = { environment: useId(), training: useId() };
  if (!station) return null;
  const target = environment || station.environment;

  const switchEnvironment = async (event: FormEvent) => {
    event.preventDefault();
    if (target !== station.environment) await configure({ environment: target });
  };

  return (
    <div className="station-settings">
      {showProblem && <SessionProblem />}
      <form onSubmit={(e) => void switchEnvironment(e)}>
        <label htmlFor={ids.environment}>{t('settings.environment')}</label>
        <select
          id={ids.environment}
          value={target}
          aria-describedby={`${ids.environment}-hint`}
          onChange={(e) => setEnvironment(e.target.value as ApiEnvironment)}
        >
          {ENVIRONMENTS.map((e) => (
            <option key={e} value={e}>
              {t(`environment.${e}`)}
            </option>
          ))}
        </select>
        <p id={`${ids.environment}-hint`} className="hint">
          {t('settings.switchHint')}
        </p>
        <button type="submit" disabled={busy || target === station.environment}>
          {t('settings.switch')}
        </button>
      </form>
      <div className="field-row">
        <input
          id={ids.training}
          type="checkbox"
          checked={station.trainingMode}
          aria-describedby={`${ids.training}-hint`}
          onChange={(e) => void configure({ trainingMode: e.target.checked })}
        />
        <label htmlFor={ids.training}>{t('settings.training')}</label>
        <p id={`${ids.training}-hint`} className="hint">
          {t('settings.trainingHint')}
        </p>
      </div>
      {session?.state === 'signed-in' && session.method !== undefined && <StaffManager />}
    </div>
  );
}

function StaffManager() {
  const { t } = useTranslation('session');
  const staff = useSession((s) => s.session?.staffList ?? []);
  const notice = useSession((s) => s.notice);
  const addStaff = useSession((s) => s.addStaff);
  const removeStaff = useSession((s) => s.removeStaff);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const ids = { name: useId(), pin: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await addStaff(name, pin)) {
      setName('');
      setPin('');
    }
  };

  return (
    <section aria-labelledby="session-staff-heading">
      <h3 id="session-staff-heading">{t('settings.staffHeading')}</h3>
      <ul>
        {staff.map((s) => (
          <li key={s.id}>
            {s.name}{' '}
            <button
              type="button"
              aria-label={t('settings.remove', { name: s.name })}
              onClick={() => void removeStaff(s.id)}
            >
              {t('settings.removeShort')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} aria-labelledby="session-staff-add-heading">
        <h4 id="session-staff-add-heading">{t('settings.addHeading')}</h4>
        <label htmlFor={ids.name}>{t('settings.name')}</label>
        <input id={ids.name} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={ids.pin}>{t('settings.newPin')}</label>
        <input
          id={ids.pin}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          pattern="\d{4,8}"
          required
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
        <button type="submit">{t('settings.add')}</button>
        {notice === 'staff-added' && <p role="status">{t('settings.added')}</p>}
      </form>
    </section>
  );
}
