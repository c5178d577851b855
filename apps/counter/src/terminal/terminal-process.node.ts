// Entry of the terminal when Electron runs it as a utility process: the same terminal as browser mode,
// served over the MessagePorts main hands it.
import { serveParentPort, type ParentPort } from '@uitpas/terminal/parent-port';
import { createStationTerminal } from '@uitpas/terminal/station';

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort === undefined)
  throw new Error('The terminal process must run as an Electron utility process.');
const { terminal } = await createStationTerminal();
serveParentPort(terminal, parentPort);
