// Electron entry of the counter. Paths point at the built renderer and preload, next to this file.
import { fileURLToPath } from 'node:url';
import { startCounter } from './counter.main.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Run from source with tsx in development; from the bundles in dist/ (vite.main.config.node.ts) when packaged. */
const fromSource = import.meta.url.endsWith('.ts');

void startCounter({
  rendererDir: here('../../dist/renderer'),
  preload: here('../../dist/preload/bridge.preload.cjs'),
  terminal: fromSource
    ? { entry: here('../terminal/terminal-process.node.ts'), execArgv: ['--import', 'tsx'] }
    : { entry: here('../terminal/terminal-process.js') },
});
