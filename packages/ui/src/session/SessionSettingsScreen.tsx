import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './context.tsx';
import { StationSettings } from './StationSettings.tsx';

export function SessionSettingsScreen() {
  const { t } = useTranslation('session');
  const open = useSession((s) => s.open);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="session-screen" aria-labelledby="session-settings-heading">
      <h2 id="session-settings-heading" tabIndex={-1} ref={heading}>
        {t('settings.heading')}
      </h2>
      <StationSettings />
      <button type="button" onClick={() => void open(undefined)}>
        {t('settings.back')}
      </button>
    </main>
  );
}
