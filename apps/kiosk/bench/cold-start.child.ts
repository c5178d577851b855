// One cold start for soak.bench.ts (bundled like the shipped terminal, or through tsx): a fresh process
// creates a kiosk station, asks its terminal for the first state and reports, in ms since the
// process started, when that state came (and how long creating the station itself took).
import { startKioskStation } from '@uitpas/terminal/kiosk';

const dataDir = process.argv[2] as string;
const begin = performance.now();
const station = await startKioskStation({
  dataDir,
  apiBaseUrl: 'http://127.0.0.1:9',
  appVersion: 'bench',
  readers: 'simulator',
});
const state = await station.terminal.handle({ name: 'kiosk.state', input: {} });
const ready = performance.now();
if (!state.ok) process.exit(1);
console.log(`READY ${ready} ${ready - begin}`);
await station.stop();
