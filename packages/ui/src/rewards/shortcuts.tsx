import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import type { TerminalState } from '../store.ts';
import type { RewardsState } from './rewards-store.ts';
import { useRewards } from './context.tsx';
import { REWARDS_PANEL_ID } from './RewardsPanel.tsx';

export const SHORTCUTS = [
  { key: 'F2', action: 'identify' },
  { key: 'F3', action: 'checkin' },
  { key: 'F4', action: 'tariff' },
  { key: 'F6', action: 'rewards' },
  { key: 'F8', action: 'review' },
  { key: 'Esc', action: 'next' },
] as const;

/**
 * The counter's keyboard shortcuts. Function keys never type anything, so they work from any field; Esc
 * is left to form fields and to a pending confirmation (where it cancels) before it means "next customer".
 */
export function useCounterShortcuts(identifyField: RefObject<HTMLInputElement | null>) {
  const terminal = useTerminal((s) => s);
  const rewards = useRewards((s) => s);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const handled = handle(event, terminal, rewards, identifyField);
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [terminal, rewards, identifyField]);
}

function handle(
  event: KeyboardEvent,
  terminal: TerminalState,
  rewards: RewardsState,
  identifyField: RefObject<HTMLInputElement | null>,
): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  const passholder = terminal.identification?.kind === 'passholder';
  const activities = terminal.activities.items;
  switch (event.key) {
    case 'F2':
      identifyField.current?.focus();
      identifyField.current?.select();
      return true;
    case 'F3': {
      const eventId = rewards.everyTap.eventId ?? activities[0]?.id;
      if (passholder && eventId !== undefined) void terminal.checkIn(eventId);
      return true;
    }
    case 'F4': {
      const paid = activities.find((a) => a.prices?.some((p) => p.regularPriceCents > 0));
      if (passholder && paid) void terminal.loadTariffs(paid.id);
      return true;
    }
    case 'F6':
      if (passholder) {
        document.getElementById(REWARDS_PANEL_ID)?.focus();
        void rewards.loadRewards();
      }
      return true;
    case 'F8':
      void rewards.openReview(!rewards.review.open);
      return true;
    case 'Escape': {
      const target = event.target as HTMLElement | null;
      // Esc in a form field belongs to that field; only the identify field is the desk's own.
      const field =
        target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT' || target?.tagName === 'INPUT';
      if (field && target !== identifyField.current) return false;
      if (rewards.confirming !== undefined) {
        rewards.askConfirm(undefined);
        return true;
      }
      if (terminal.identification === undefined) return false;
      void terminal.clearIdentification();
      identifyField.current?.focus();
      return true;
    }
    default:
      return false;
  }
}

/** The shortcuts, always on screen. */
export function ShortcutsHelp() {
  const { t } = useTranslation('rewards');
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcuts.heading')}</h2>
      <dl className="shortcut-list" data-testid="shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{t(`shortcuts.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Mounts the shortcuts without re-rendering the whole screen on every state change. */
export function CounterShortcuts({ identifyField }: { identifyField: RefObject<HTMLInputElement | null> }) {
  useCounterShortcuts(identifyField);
  return null;
}
