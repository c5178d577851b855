import type { Language } from '@uitpas/domain';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.ts';
import { useTerminal } from './context.tsx';

/** Each language is named in its own language (W3C i18n guidance). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLanguage = useTerminal((s) => s.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language: Language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => {
            void i18n.changeLanguage(language);
            void setLanguage(language);
          }}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
