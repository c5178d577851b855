import { useTranslation } from 'react-i18next';
import { useTerminal } from './context.tsx';

/** Online/offline, queue depth (with progress while draining) and reader health, always visible. */
export function StatusBar() {
  const { t } = useTranslation();
  const sync = useTerminal((s) => s.sync);
  const readers = useTerminal((s) => s.readers);
  const connection = useTerminal((s) => s.connection);
  const environment = useTerminal((s) => s.station?.environment);
  const online = connection === 'open' && (sync?.online ?? false);
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span className={`status-pill ${online ? 'is-ok' : 'is-bad'}`} role="status">
        {online ? t('status.online') : t('status.offline')}
      </span>
      {sync && (
        <span className="status-item" data-testid="queue-depth">
          {t('status.queue', { count: sync.queueDepth })}
          {sync.draining ? ` — ${t('status.draining')}` : ''}
        </span>
      )}
      {sync && sync.needsReview > 0 && (
        <span className="status-item is-warn">{t('status.review', { count: sync.needsReview })}</span>
      )}
      {environment && (
        <span className="status-item" data-testid="environment">
          {t('environment.label', { ns: 'session' })}: {t(`environment.${environment}`, { ns: 'session' })}
        </span>
      )}
      <span className="status-item">
        {t('status.readers')}:{' '}
        {readers.length === 0
          ? t('status.noReaders')
          : readers.map((r) => `${r.name} (${t(`status.reader.${r.state}`)})`).join(', ')}
      </span>
    </footer>
  );
}
