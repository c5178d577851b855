import { useTranslation } from 'react-i18next';
import { useTerminal } from './context.tsx';

/** Training mode is marked on every screen, so no one mistakes practice for the real thing. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const training = useTerminal((s) => s.station?.trainingMode ?? false);
  if (!training) return null;
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      {t('app.training')}
    </div>
  );
}
