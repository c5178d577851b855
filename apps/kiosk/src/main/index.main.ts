// Electron entry of the kiosk. Paths point at the built renderer, preload and terminal bundle (rebuilt here
// when a source is newer).
import { fileURLToPath } from 'node:url';
import { ensureTerminalBundle } from '../../terminal-bundle.node.ts';
import { startKiosk } from './kiosk.main.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

void startKiosk({
  rendererDir: here('../../dist/renderer'),
  preload: here('../../dist/preload/bridge.preload.cjs'),
  // The bundled terminal starts in a fraction of the time tsx needs to compile it (P7).
  terminal: { entry: (await ensureTerminalBundle()).utilityProcess, execArgv: [] },
  kioskMode: process.env.UITPAS_KIOSK_WINDOWED !== '1',
});
