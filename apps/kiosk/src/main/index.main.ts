// Electron entry of the kiosk. Paths point at the built renderer and preload, and at the terminal: from
// source through tsx in development, from its bundle in dist/ when packaged (no compile at start, P7).
import { fileURLToPath } from 'node:url';
import { startKiosk } from './kiosk.main.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Run from source with tsx in development; from the bundles in dist/ (vite.main.config.node.ts) when packaged. */
const fromSource = import.meta.url.endsWith('.ts');

void startKiosk({
  rendererDir: here('../../dist/renderer'),
  preload: here('../../dist/preload/bridge.preload.cjs'),
  terminal: fromSource
    ? { entry: here('../terminal/terminal-process.node.ts'), execArgv: ['--import', 'tsx'] }
    : { entry: here('../terminal/terminal-process.js') },
  kioskMode: process.env.UITPAS_KIOSK_WINDOWED !== '1',
});
