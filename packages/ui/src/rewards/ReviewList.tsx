import type { Language, ReviewItem } from '@uitpas/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, pickText } from '../i18n/index.ts';
import { useTerminal } from '../components/context.tsx';
import { useRewards } from './context.tsx';

/** The count of actions waiting for staff, as a button that opens the review list (F8). */
export function ReviewBadge() {
  const { t } = useTranslation('rewards');
  const count = useTerminal((s) => s.sync?.needsReview ?? 0);
  const open = useRewards((s) => s.review.open);
  const openReview = useRewards((s) => s.openReview);
  return (
    <button
      type="button"
      className={`review-badge ${count > 0 ? 'is-warn' : ''}`}
      aria-expanded={open}
      aria-controls="review-list"
      data-testid="review-badge"
      onClick={() => void openReview(!open)}
    >
      {t('review.badge', { count })} <kbd>F8</kbd>
    </button>
  );
}

/** Rejected and uncertain actions with the API's message: retry (safely) or dismiss with a note. */
export function ReviewList() {
  const { t, i18n } = useTranslation('rewards');
  const language = (i18n.language as Language) ?? 'nl';
  const review = useRewards((s) => s.review);
  const openReview = useRewards((s) => s.openReview);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (review.open) headingRef.current?.focus();
  }, [review.open]);

  if (!review.open) return null;
  return (
    <section className="panel review" id="review-list" aria-labelledby={headingId} data-testid="review-list">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('review.heading')}
      </h2>
      <button type="button" onClick={() => void openReview(false)}>
        {t('review.close')}
      </button>
      {review.loading && review.items.length === 0 && <p role="status">{t('review.loading')}</p>}
      {review.problem && (
        <p className="problem is-error" role="alert">
          {pickText(review.problem.message, language)}
        </p>
      )}
      {!review.loading && review.items.length === 0 && !review.problem && <p>{t('review.empty')}</p>}
      <ul className="review-items">
        {review.items.map((item) => (
          <ReviewEntry
            key={item.actionId}
            item={item}
            language={language}
            notice={review.notices[item.actionId]}
          />
        ))}
      </ul>
      {Object.entries(review.notices)
        .filter(([id]) => !review.items.some((i) => i.actionId === id))
        .map(([id, text]) => (
          <p key={id} role="status" data-testid="review-notice">
            {pickText(text, language)}
          </p>
        ))}
    </section>
  );
}

function ReviewEntry({
  item,
  language,
  notice,
}: {
  item: ReviewItem;
  language: Language;
  notice: { nl: string; fr?: string; en?: string } | undefined;
}) {
  const { t } = useTranslation('rewards');
  const retry = useRewards((s) => s.retry);
  const dismiss = useRewards((s) => s.dismiss);
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  useEffect(() => {
    if (noteOpen) noteRef.current?.focus();
  }, [noteOpen]);
  const uncertain = item.state === 'uncertain';
  const when = new Date(item.createdAt).toLocaleString(LOCALES[language], {
    timeZone: 'Europe/Brussels',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className={`review-item is-${item.state}`}
      data-testid="review-item"
      data-state={item.state}
      data-action-id={item.actionId}
    >
      <p className="review-state">
        <strong>{uncertain ? t('review.uncertain') : t('review.rejected')}</strong> — {item.summary}
      </p>
      <p>
        {t('review.message')}: <span data-testid="review-message">{item.message}</span>
      </p>
      <p className="hint">
        {t('review.when')}: {when} · {t('review.attempts', { count: item.attempts })}
      </p>
      {uncertain && <p className="hint">{t('review.uncertainHint')}</p>}
      {notice && (
        <p role="status" data-testid="review-notice">
          {pickText(notice, language)}
        </p>
      )}
      <div className="desk-actions">
        <button type="button" disabled={busy} onClick={() => void run(() => retry(item.actionId))}>
          {uncertain ? t('review.check') : t('review.retry')}
        </button>
        {!uncertain && !noteOpen && (
          <button type="button" disabled={busy} onClick={() => setNoteOpen(true)}>
            {t('review.dismiss')}
          </button>
        )}
      </div>
      {noteOpen && (
        <form
          className="review-note"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              if (await dismiss(item.actionId, note)) setNoteOpen(false);
            });
          }}
        >
          <label htmlFor={noteId}>{t('review.note')}</label>
          <textarea
            id={noteId}
            ref={noteRef}
            value={note}
            required
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="desk-actions">
            <button type="submit" className="primary" disabled={busy || note.trim() === ''}>
              {t('review.confirmDismiss')}
            </button>
            <button type="button" onClick={() => setNoteOpen(false)}>
              {t('review.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
