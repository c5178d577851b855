// Entry of the kiosk's terminal when Electron runs it as a utility process: the same terminal as browser
// mode, served over the MessagePorts main hands it. If it dies, main starts it again.
import { serveParentPort, type ParentPort } from '@uitpas/terminal/parent-port';
import { startKioskStation } from '@uitpas/terminal/kiosk';
import { APP_VERSION } from '../browser/serve.node.ts';
import { kioskSettingsFromEnv } from './settings.node.ts';

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort === undefined)
  throw new Error('The terminal process must run as an Electron utility process.');
const station = await startKioskStation({ ...kioskSettingsFromEnv(), appVersion: APP_VERSION });
serveParentPort(station.terminal, parentPort);
