// Browser mode: the terminal in this Node process serves the built renderer and the contract on
// 127.0.0.1. Used where Electron cannot run (here, CI) and by every end-to-end test.
import { fileURLToPath } from 'node:url';
import { startBrowserHost, type BrowserHost } from '@uitpas/terminal/browser-host';
import {
  createStationTerminal,
  stationSettingsFromEnv,
  type StationSettings,
} from '@uitpas/terminal/station';

export const RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export async function startBrowserMode(
  options: { port?: number; settings?: StationSettings } = {},
): Promise<{ host: BrowserHost; stop(): Promise<void> }> {
  const station = await createStationTerminal(options.settings ?? stationSettingsFromEnv());
  const host = await startBrowserHost({
    terminal: station.terminal,
    staticDir: RENDERER_DIR,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    host,
    stop: async () => {
      await host.close();
      await station.stop();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.COUNTER_PORT ?? 0);
  const { host, stop } = await startBrowserMode({ port: Number.isInteger(port) ? port : 0 });
  console.log(`UiTPAS balie (browser mode): ${host.url}`);
  const shutdown = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
