import type { Language } from '@uitpas/domain';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { useTerminal } from './context.tsx';

/** Undo for one action of the pass holder at the desk; shows the outcome in place. */
export function UndoButton({ actionId, label }: { actionId: string; label: string }) {
  const { t, i18n } = useTranslation();
  const language = (i18n.language as Language) ?? 'nl';
  const undo = useTerminal((s) => s.undo);
  const undoAction = useTerminal((s) => s.undoAction);
  const mine = undo?.actionId === actionId ? undo : undefined;
  if (mine?.result?.ok) {
    return (
      <span className="undone" role="status" data-testid="undone">
        {t('checkin.undone')}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="undo"
        aria-label={label}
        disabled={mine?.pending === true}
        onClick={() => void undoAction(actionId)}
      >
        {t('checkin.undo')}
      </button>
      {mine?.result && !mine.result.ok && (
        <span className="problem is-error" role="alert">
          {pickText(mine.result.problem.message, language)}
        </span>
      )}
    </>
  );
}
