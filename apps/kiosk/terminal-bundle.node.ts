// Bundles the kiosk's terminal (browser-mode CLI and Electron utility-process entry, with the workspace
// packages they use) into plain ESM for Node, so a kiosk starts without compiling TypeScript at every start
// (P7: cold start to ready <= 500 ms; through tsx it takes seconds). Native modules stay outside the bundle
// and are loaded from where the workspace installed them. `ensureTerminalBundle` rebuilds only when a
// source file the bundle was made from is newer than the bundle, or it is missing.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const APP_DIR = fileURLToPath(new URL('.', import.meta.url));
/** Same depth as src/browser and src/terminal, so `new URL('../../dist/renderer', import.meta.url)` holds. */
export const TERMINAL_BUNDLE_DIR = join(APP_DIR, 'dist', 'terminal');
export const TERMINAL_BUNDLE = {
  cli: join(TERMINAL_BUNDLE_DIR, 'cli.mjs'),
  utilityProcess: join(TERMINAL_BUNDLE_DIR, 'terminal-process.mjs'),
};
const META = join(TERMINAL_BUNDLE_DIR, 'meta.json');
const NATIVE = /^(better-sqlite3|nfc-pcsc|@pokusew\/pcsclite|node-hid|electron)$/;

/** Native modules: resolved from the package that imports them, to an absolute path left outside. */
const nativeOutside: Plugin = {
  name: 'native-outside',
  setup(b) {
    b.onResolve({ filter: NATIVE }, (args) => {
      if (args.path === 'electron') return { path: args.path, external: true };
      return { path: createRequire(args.importer).resolve(args.path), external: true };
    });
  },
};

function stale(): boolean {
  if (!existsSync(META) || !Object.values(TERMINAL_BUNDLE).every((f) => existsSync(f))) return true;
  const built = Math.min(...Object.values(TERMINAL_BUNDLE).map((f) => statSync(f).mtimeMs));
  const { inputs } = JSON.parse(readFileSync(META, 'utf8')) as { inputs: string[] };
  return inputs.some((input) => {
    const path = join(APP_DIR, input);
    return !existsSync(path) || statSync(path).mtimeMs > built;
  });
}

/** Bundles entry points the way the shipped terminal is bundled (also used by the cold-start benchmark). */
export async function bundleForNode(entryPoints: Record<string, string>, outdir: string): Promise<string[]> {
  const result = await build({
    entryPoints,
    outdir,
    absWorkingDir: APP_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minify: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [nativeOutside],
    // Bundled CommonJS dependencies (ws) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);",
    },
  });
  return Object.keys(result.metafile.inputs);
}

export async function buildTerminalBundle(): Promise<void> {
  const inputs = await bundleForNode(
    {
      cli: join(APP_DIR, 'src/browser/cli.node.ts'),
      'terminal-process': join(APP_DIR, 'src/terminal/terminal-process.node.ts'),
    },
    TERMINAL_BUNDLE_DIR,
  );
  writeFileSync(META, JSON.stringify({ inputs }));
}

/** Builds the bundle when it is missing or older than its sources; returns the entry files. */
export async function ensureTerminalBundle(): Promise<typeof TERMINAL_BUNDLE> {
  if (stale()) await buildTerminalBundle();
  return TERMINAL_BUNDLE;
}

// `tsx terminal-bundle.node.ts` builds when stale; `--force` always builds (the app's `build`).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await (process.argv.includes('--force') ? buildTerminalBundle() : ensureTerminalBundle());
  console.log(`kiosk terminal bundled into ${TERMINAL_BUNDLE_DIR}`);
}
