// Browser mode: the kiosk's terminal in Node (real readers through pcscd, the ledger, the API or the
// sandbox) serving the built kiosk page and the contract on 127.0.0.1. Used by `pnpm start kiosk`, by the
// end-to-end tests, and wherever Electron cannot run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBrowserHost, type BrowserHost } from '@uitpas/terminal/browser-host';
import { startKioskStation, type KioskStation, type KioskStationSettings } from '@uitpas/terminal/kiosk';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface KioskServer {
  url: string;
  host: BrowserHost;
  station: KioskStation;
  stop(): Promise<void>;
}

export async function startKioskServer(
  settings: Omit<KioskStationSettings, 'appVersion'> & { port?: number; token?: string },
): Promise<KioskServer> {
  const station = await startKioskStation({ appVersion: APP_VERSION, ...settings });
  const host = await startBrowserHost({
    terminal: station.terminal,
    staticDir: RENDERER_DIR,
    ...(settings.port === undefined ? {} : { port: settings.port }),
    ...(settings.token === undefined ? {} : { token: settings.token }),
  });
  return {
    url: host.url,
    host,
    station,
    stop: async () => {
      await host.close();
      await station.stop();
    },
  };
}
