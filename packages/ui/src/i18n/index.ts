// i18next with the three catalogues bundled (no loading over the network: the CSP forbids it anyway).
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, UserText } from '@uitpas/domain';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import { deskEn, deskFr, deskNl } from '../desk/i18n.ts';
import { passholderEn, passholderFr, passholderNl } from '../passholder/i18n.ts';
import { sessionEn, sessionFr, sessionNl } from '../session/i18n.ts';
import { rewardsEn, rewardsFr, rewardsNl } from '../rewards/i18n.ts';

export { nl, fr, en };
export type { Catalogue } from './nl.ts';

export const LANGUAGES: Language[] = ['nl', 'fr', 'en'];
export const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

export function createI18n(language: Language = 'nl'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'nl',
    supportedLngs: LANGUAGES,
    resources: {
      nl: { translation: nl, desk: deskNl, passholder: passholderNl, session: sessionNl, rewards: rewardsNl },
      fr: { translation: fr, desk: deskFr, passholder: passholderFr, session: sessionFr, rewards: rewardsFr },
      en: { translation: en, desk: deskEn, passholder: passholderEn, session: sessionEn, rewards: rewardsEn },
    },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** A message from the terminal in the screen's language, Dutch when it has no translation. */
export function pickText(text: UserText, language: Language): string {
  return text[language] ?? text.nl;
}
