// `pnpm --filter @uitpas/kiosk start`: the kiosk in browser mode (where Electron cannot run). Settings come
// from the environment (see README); prints the page URL with its session token. With a simulated reader
// (UITPAS_KIOSK_READERS=simulator|both), a chip number typed on stdin is a tap.
import { createInterface } from 'node:readline';
import { kioskSettingsFromEnv } from '../terminal/settings.node.ts';
import { startKioskServer } from './serve.node.ts';

const port = Number(process.env.UITPAS_KIOSK_PORT ?? 0);
const server = await startKioskServer({
  ...kioskSettingsFromEnv(),
  ...(Number.isInteger(port) && port > 0 ? { port } : {}),
  log: (line) => console.error(`[kiosk] ${line}`),
});
console.log(`KIOSK_READY ${server.url}`);

const simulator = server.station.simulator;
if (simulator !== undefined) {
  console.log('Simulated reader: type a chip number (e.g. 04A1B2C3D4E5F6) and Enter to tap.');
  createInterface({ input: process.stdin }).on('line', (line) => {
    const chip = line.trim().toUpperCase();
    if (chip !== '') simulator.tap(chip);
  });
}

const stop = () => void server.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
