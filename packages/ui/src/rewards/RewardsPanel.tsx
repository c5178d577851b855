import type { Language, RewardView } from '@uitpas/domain';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, pickText } from '../i18n/index.ts';
import { useTerminal } from '../components/context.tsx';
import { useRewards } from './context.tsx';

/** The element F6 focuses: the rewards button, or the list once it is open. */
export const REWARDS_PANEL_ID = 'rewards-panel';

/**
 * The welcome and points rewards the pass holder at the desk can redeem here, with why not when they
 * cannot; redeeming asks for confirmation with balance and cost, then shows the redeem code and info, and
 * offers undo.
 */
export function RewardsPanel() {
  const { t, i18n } = useTranslation('rewards');
  const language = (i18n.language as Language) ?? 'nl';
  const identification = useTerminal((s) => s.identification);
  const list = useRewards((s) => s.list);
  const load = useRewards((s) => s.loadRewards);
  const confirming = useRewards((s) => s.confirming);
  const askConfirm = useRewards((s) => s.askConfirm);
  const redeem = useRewards((s) => s.redeem);
  const redemption = useRewards((s) => s.redemption);
  const undo = useRewards((s) => s.undoRedemption);
  const headingId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const firstRedeem = useRef<HTMLButtonElement>(null);

  const identificationId = identification?.identificationId;
  const current = list?.identificationId === identificationId ? list : undefined;
  const receipt = redemption?.identificationId === identificationId ? redemption : undefined;

  // Focus goes where the next keystroke belongs: confirm, then the result (with its undo).
  useEffect(() => {
    if (confirming !== undefined) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (receipt?.result) resultRef.current?.focus();
  }, [receipt?.result]);
  const loaded = current?.value !== undefined && !current.loading;
  useEffect(() => {
    if (loaded && confirming === undefined && receipt?.result === undefined) firstRedeem.current?.focus();
  }, [loaded, confirming, receipt?.result]);

  if (identification?.kind !== 'passholder') return null;
  const value = current?.value;
  const chosen = value?.rewards.find((r) => r.id === confirming);
  const time = (iso: string) =>
    new Date(iso).toLocaleString(LOCALES[language], {
      timeZone: 'Europe/Brussels',
      dateStyle: 'short',
      timeStyle: 'short',
    });
  const cost = (r: RewardView) => (r.points === 0 ? t('panel.free') : t('panel.cost', { count: r.points }));
  let firstAssigned = false;

  return (
    <section
      className="panel rewards"
      id={REWARDS_PANEL_ID}
      aria-labelledby={headingId}
      data-testid="rewards"
      tabIndex={-1}
    >
      <h2 id={headingId}>{t('panel.heading')}</h2>
      <button
        type="button"
        onClick={() => void load()}
        disabled={current?.loading === true}
        data-shortcut="F6"
      >
        {value ? t('panel.refresh') : t('panel.open')} <kbd>F6</kbd>
      </button>
      {current?.loading && <p role="status">{t('panel.loading')}</p>}
      {current?.problem && (
        <p className="problem is-error" role="alert">
          {pickText(current.problem.message, language)}
        </p>
      )}
      {value && (
        <>
          <p className="rewards-balance" data-testid="rewards-balance">
            {t('panel.balance', { count: value.balance })}
          </p>
          {value.offline && (
            <p className="cached-notice" role="status" data-testid="rewards-offline">
              {t('panel.offline', { time: value.cachedAt ? time(value.cachedAt) : '' })}
            </p>
          )}
        </>
      )}
      {receipt?.result && (
        <div
          ref={resultRef}
          tabIndex={-1}
          className={`redeem-result ${receipt.result.ok ? 'is-ok' : 'is-error'}`}
          role={receipt.result.ok ? 'status' : 'alert'}
          data-testid="redeem-result"
        >
          {receipt.result.ok ? (
            <>
              <p>
                {t(receipt.result.value.state === 'confirmed' ? 'result.confirmed' : 'result.queued', {
                  title: receipt.result.value.title,
                })}{' '}
                {t('result.newBalance', { count: receipt.result.value.balance })}
              </p>
              {receipt.result.value.redeemCode && (
                <p className="redeem-code">
                  {t('result.code')}:{' '}
                  <strong data-testid="redeem-code">{receipt.result.value.redeemCode}</strong>
                </p>
              )}
              {receipt.result.value.redeemInfo?.text && (
                <p data-testid="redeem-info">
                  {t('result.info')}: {receipt.result.value.redeemInfo.text}
                  {receipt.result.value.redeemInfo.link && (
                    <>
                      {' '}
                      <a href={receipt.result.value.redeemInfo.link} target="_blank" rel="noreferrer">
                        {receipt.result.value.redeemInfo.label ?? receipt.result.value.redeemInfo.link}
                      </a>
                    </>
                  )}
                </p>
              )}
              {receipt.undo?.result ? (
                <p data-testid="redeem-undone" role={receipt.undo.result.ok ? 'status' : 'alert'}>
                  {receipt.undo.result.ok
                    ? `${t('result.undone')} ${pickText(receipt.undo.result.value.message, language)}`
                    : pickText(receipt.undo.result.problem.message, language)}
                </p>
              ) : (
                <button type="button" disabled={receipt.undo?.pending === true} onClick={() => void undo()}>
                  {t('result.undo', { title: receipt.result.value.title })}
                </button>
              )}
            </>
          ) : (
            `${t('result.refused')}: ${pickText(receipt.result.problem.message, language)}`
          )}
        </div>
      )}
      {chosen && value && (
        <div
          className="redeem-confirm"
          role="group"
          aria-labelledby={`${headingId}-confirm`}
          data-testid="redeem-confirm"
        >
          <h3 id={`${headingId}-confirm`}>{t('confirm.heading')}</h3>
          <dl className="facts">
            <dt>{t('confirm.reward')}</dt>
            <dd>{chosen.title}</dd>
            <dt>{t('confirm.balance')}</dt>
            <dd>{t('confirm.pointsValue', { count: value.balance })}</dd>
            <dt>{t('confirm.cost')}</dt>
            <dd>{cost(chosen)}</dd>
            <dt>{t('confirm.after')}</dt>
            <dd data-testid="balance-after">
              {t('confirm.pointsValue', { count: value.balance - chosen.points })}
            </dd>
          </dl>
          <p className="hint">{t('confirm.ask')}</p>
          <div className="desk-actions">
            <button ref={confirmRef} type="button" className="primary" onClick={() => void redeem(chosen.id)}>
              {t('confirm.yes')}
            </button>
            <button type="button" onClick={() => askConfirm(undefined)}>
              {t('confirm.no')}
            </button>
          </div>
        </div>
      )}
      {value &&
        (value.rewards.length === 0 ? (
          <p>{t('panel.empty')}</p>
        ) : (
          <ul className="reward-list">
            {value.rewards.map((reward) => {
              const first = reward.redeemable && !firstAssigned;
              if (first) firstAssigned = true;
              return (
                <li
                  key={reward.id}
                  data-testid="reward"
                  data-redeemable={reward.redeemable}
                  data-reward-id={reward.id}
                >
                  <div className="reward-info">
                    <span className="reward-title">{reward.title}</span>
                    <span className="reward-meta">
                      {reward.type === 'WELCOME' ? t('panel.welcome') : t('panel.points')} · {cost(reward)}
                    </span>
                    {reward.redeemable ? (
                      <span className="reward-state is-ok">{t('panel.redeemable')}</span>
                    ) : (
                      <span className="reward-state is-bad" data-testid="reward-reason">
                        {t('panel.notRedeemable')}
                        {reward.message ? `: ${pickText(reward.message, language)}` : ''}
                      </span>
                    )}
                  </div>
                  {reward.redeemable && (
                    <button
                      type="button"
                      className="primary"
                      ref={first ? firstRedeem : undefined}
                      aria-label={t('panel.redeemFor', { title: reward.title })}
                      disabled={receipt?.pending === true}
                      onClick={() => askConfirm(reward.id)}
                    >
                      {t('panel.redeem')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
