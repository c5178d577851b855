// Electron entry of the counter. Paths point at the built renderer and preload, next to this file.
import { fileURLToPath } from 'node:url';
import { startCounter } from './counter.main.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

void startCounter({
  rendererDir: here('../../dist/renderer'),
  preload: here('../../dist/preload/bridge.preload.cjs'),
  terminal: { entry: here('../terminal/terminal-process.node.ts'), execArgv: ['--import', 'tsx'] },
});
