import type { Language } from '@uitpas/domain';
import { useTranslation } from 'react-i18next';
import { pickText } from '../i18n/index.ts';
import { useSession } from './context.tsx';

/** The terminal's refusal of the last session action, in the screen's language. */
export function SessionProblem() {
  const { i18n } = useTranslation('session');
  const problem = useSession((s) => s.problem);
  return (
    <p role="alert" className={problem ? 'problem' : 'visually-empty'} data-testid="session-problem">
      {problem ? pickText(problem.message, i18n.language as Language) : ''}
    </p>
  );
}
