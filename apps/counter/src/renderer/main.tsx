import '@uitpas/ui/styles.css';
import {
  createDeskStore,
  createI18n,
  createPassholderStore,
  createRewardsStore,
  createSessionStore,
  createTerminalStore,
  DeskProvider,
  PassholderProvider,
  RewardsProvider,
  SessionProvider,
  TerminalProvider,
} from '@uitpas/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.tsx';
import { terminalTransport } from './bridge.ts';

const root = createRoot(document.getElementById('root') as HTMLElement);
const transport = terminalTransport();
const i18n = createI18n('nl');

if (transport === undefined) {
  root.render(
    <p role="alert">
      Deze pagina heeft geen toegang tot de kassa-achtergrond. Open de link die de toepassing toonde bij het
      starten.
    </p>,
  );
} else {
  const { store, client } = createTerminalStore(transport);
  const desk = createDeskStore(client);
  const passholder = createPassholderStore(client, store);
  const session = createSessionStore(client);
  const rewards = createRewardsStore(client, store);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <TerminalProvider store={store}>
          <DeskProvider store={desk}>
            <SessionProvider store={session}>
              <PassholderProvider store={passholder}>
                <RewardsProvider store={rewards}>
                  <App />
                </RewardsProvider>
              </PassholderProvider>
            </SessionProvider>
          </DeskProvider>
        </TerminalProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
