import {
  ActivitiesPanel,
  ConnectionNotice,
  CounterShortcuts,
  DeskNav,
  DeskScreen,
  EveryTapPanel,
  EveryTapResult,
  IdentificationView,
  IdentifyPanel,
  LanguageSwitch,
  PassholderDetails,
  PassholderSearch,
  SessionBar,
  SessionGate,
  ReviewBadge,
  ReviewList,
  RewardsPanel,
  ShortcutsHelp,
  StatusBar,
  TrainingBanner,
  useDesk,
  usePermissionCheck,
  useSession,
  useTerminal,
} from '@uitpas/ui';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardWedge } from './keyboard-wedge.ts';

export function App() {
  const { t, i18n } = useTranslation();
  const identify = useTerminal((s) => s.identify);
  const station = useTerminal((s) => s.station);
  const identification = useTerminal((s) => s.identification);
  const inputRef = useRef<HTMLInputElement>(null);
  const deskView = useDesk((s) => s.view);
  // Actions the organizer lacks a permission for are not offered (the terminal refuses them too).
  const can = usePermissionCheck();
  const signedIn = useSession((s) => s.session?.state === 'signed-in');

  useKeyboardWedge(useCallback((value: string) => void identify('scan', value), [identify]));

  useEffect(() => {
    if (station && station.language !== i18n.language) void i18n.changeLanguage(station.language);
  }, [station, i18n]);

  useEffect(() => {
    document.documentElement.lang =
      i18n.language === 'fr' ? 'fr-BE' : i18n.language === 'en' ? 'en' : 'nl-BE';
    document.title = t('app.title');
  }, [i18n.language, t]);

  // Nothing identified: the next keystroke is a number, so the identify field has focus.
  useEffect(() => {
    if (identification === undefined || identification.kind !== 'passholder') inputRef.current?.focus();
  }, [identification, signedIn]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <TrainingBanner />
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          {station?.organizer && <span className="organizer">{station.organizer.name}</span>}
        </div>
        <SessionBar />
        <ReviewBadge />
        <LanguageSwitch />
      </header>
      <ConnectionNotice />
      <SessionGate>
        <DeskNav />
        <CounterShortcuts identifyField={inputRef} />
        <ReviewList />
        {deskView === 'counter' ? (
          <main id="main" className="layout">
            <div className="column">
              <IdentifyPanel inputRef={inputRef} />
              <EveryTapPanel />
              {can('PASSHOLDERS_SEARCH') && <PassholderSearch />}
              <ShortcutsHelp />
            </div>
            <div className="column">
              <EveryTapResult />
              <IdentificationView />
              {can('REWARDS_REDEEM') && <RewardsPanel />}
              <PassholderDetails />
              <ActivitiesPanel />
            </div>
          </main>
        ) : (
          <DeskScreen />
        )}
      </SessionGate>
      <StatusBar />
    </div>
  );
}
