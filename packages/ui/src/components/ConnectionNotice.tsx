import { useTranslation } from 'react-i18next';
import { useTerminal } from './context.tsx';

export function ConnectionNotice() {
  const { t } = useTranslation();
  const connection = useTerminal((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div className="connection-notice" role="alert">
      {connection === 'connecting' ? t('connection.connecting') : t('connection.closed')}
    </div>
  );
}
