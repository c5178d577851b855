// Electron entry of the kiosk. Paths point at the built renderer and preload, next to this file.
import { fileURLToPath } from 'node:url';
import { startKiosk } from './kiosk.main.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

void startKiosk({
  rendererDir: here('../../dist/renderer'),
  preload: here('../../dist/preload/bridge.preload.cjs'),
  terminal: { entry: here('../terminal/terminal-process.node.ts'), execArgv: ['--import', 'tsx'] },
  kioskMode: process.env.UITPAS_KIOSK_WINDOWED !== '1',
});
