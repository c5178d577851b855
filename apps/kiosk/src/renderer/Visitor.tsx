// What pass holders see: the attract screen, the answer to their tap with rewards, and the countdown.
import type { KioskReward, KioskState, KioskTap } from '@uitpas/domain';
import { Qr } from './Qr.tsx';
import { useKiosk } from './store.ts';
import { LANGUAGES, TEXTS, pick } from './texts.ts';

export function LanguageChips() {
  const language = useKiosk((s) => s.visitor.language);
  const setLanguage = useKiosk((s) => s.setLanguage);
  const t = TEXTS[language];
  return (
    <nav className="languages" aria-label={t.chooseLanguage}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className="chip"
          aria-pressed={language === l.code}
          onClick={() => setLanguage(l.code)}
        >
          {l.name}
        </button>
      ))}
    </nav>
  );
}

export function Attract({ kiosk }: { kiosk: KioskState }) {
  const t = TEXTS[useKiosk((s) => s.visitor.language)];
  const readerDown = kiosk.reader === undefined || kiosk.reader.state !== 'ready';
  return (
    <section className="attract" data-testid="attract">
      <div className="attract-main">
        <h1>{t.holdCard}</h1>
        <p className="reader-position">{kiosk.readerPosition ?? t.readerPositionDefault}</p>
        {readerDown && (
          <p className="notice warn" role="status" data-testid="reader-unavailable">
            {t.readerUnavailable}
          </p>
        )}
        {!kiosk.online && (
          <p className="notice" role="status" data-testid="offline">
            {t.offline}
          </p>
        )}
        {kiosk.event ? (
          <div className="activity" data-testid="activity">
            <p className="label">{t.currentActivity}</p>
            <p className="title">{kiosk.event.title}</p>
            <p className="points">{t.pointsPerVisit(kiosk.event.checkinPoints)}</p>
          </div>
        ) : (
          <p className="activity none" data-testid="no-activity">
            {t.noActivity}
          </p>
        )}
      </div>
      {kiosk.event && (
        <figure className="qr-box">
          <Qr value={kiosk.event.checkinCode} label={t.qrCaption} />
          <figcaption>{t.qrCaption}</figcaption>
        </figure>
      )}
    </section>
  );
}

function Rewards({ rewards, total }: { rewards: KioskReward[]; total: number | undefined }) {
  const t = TEXTS[useKiosk((s) => s.visitor.language)];
  if (rewards.length === 0) return null;
  return (
    <section className="rewards" aria-labelledby="rewards-title" data-testid="rewards">
      <h2 id="rewards-title">{t.rewardsTitle}</h2>
      <ul>
        {rewards.map((r) => (
          <li key={r.id}>
            <span className="reward-title">{r.title}</span>
            <span className="reward-points">{t.rewardPoints(r.points)}</span>
            {total !== undefined && (
              <span className={r.points <= total ? 'reward-state yes' : 'reward-state'}>
                {r.points <= total ? t.rewardReachable : t.rewardMissing(r.points - total)}
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="note">{t.rewardsNote}</p>
    </section>
  );
}

export function Answer({ tap }: { tap: KioskTap }) {
  const language = useKiosk((s) => s.visitor.language);
  const endVisit = useKiosk((s) => s.endVisit);
  const t = TEXTS[language];
  const good = tap.outcome === 'saved' || tap.outcome === 'queued';
  const toDesk = ['card-blocked', 'unknown-card', 'refused'].includes(tap.outcome);
  return (
    <section className={good ? 'answer good' : 'answer'} data-testid="answer" data-outcome={tap.outcome}>
      {tap.outcome === 'saved' && (
        <>
          <h1>{t.saved(tap.newPoints ?? 1)}</h1>
          {tap.totalPoints !== undefined && (
            <p className="total" data-testid="total">
              {t.total(tap.totalPoints)}
            </p>
          )}
        </>
      )}
      {tap.outcome === 'queued' && (
        <>
          <h1>{t.queued}</h1>
          <p className="total">{t.queuedDetail}</p>
        </>
      )}
      {!good && (
        <>
          <h1>{t.outcomes[tap.outcome as keyof typeof t.outcomes]}</h1>
          {tap.apiMessage && language === 'nl' && (
            <p className="api-message">{pick(tap.apiMessage, language)}</p>
          )}
          {toDesk && <p className="desk">{t.toDesk}</p>}
        </>
      )}
      {tap.outcome !== 'card-blocked' && tap.outcome !== 'unknown-card' && (
        <Rewards rewards={tap.rewards} total={tap.outcome === 'saved' ? tap.totalPoints : undefined} />
      )}
      <button type="button" className="primary" onClick={endVisit}>
        {t.done}
      </button>
    </section>
  );
}

export function IdleWarning({ secondsLeft }: { secondsLeft: number }) {
  const t = TEXTS[useKiosk((s) => s.visitor.language)];
  const touch = useKiosk((s) => s.touch);
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-count"
    >
      <div className="dialog" data-testid="idle-warning">
        <h2 id="idle-title">{t.stillThere}</h2>
        <p id="idle-count" aria-live="polite">
          {t.countdown(secondsLeft)}
        </p>
        <button type="button" className="primary" onClick={touch} autoFocus>
          {t.stay}
        </button>
      </div>
    </div>
  );
}
