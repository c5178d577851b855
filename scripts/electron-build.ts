// What both Electron apps need at build time: the native modules (kept out of the bundles, rebuilt for
// Electron's ABI by electron-builder and unpacked from the asar) and the Vite build of the main process and
// the terminal utility process into plain ESM files next to the renderer and preload bundles.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
// vitest re-exports Vite's config type; a type-only import keeps this file free of a runtime Vite import.
import type { ViteUserConfig as UserConfig } from 'vitest/config';

/** Node add-ons in the apps' dependency tree (each has a binding.gyp): compiled per Electron ABI. */
export const NATIVE_MODULES = ['better-sqlite3', '@pokusew/pcsclite', 'node-hid'] as const;

/** Pure-JS packages that load an add-on relative to their own files: bundling them would break that. */
export const NATIVE_LOADERS = ['nfc-pcsc'] as const;

/** Bundled entries, relative to the app folder, and the files they become. */
export const ELECTRON_ENTRIES = {
  'main/index': 'src/main/index.main.ts',
  'terminal/terminal-process': 'src/terminal/terminal-process.node.ts',
} as const;

const EXTERNAL = new Set<string>([
  'electron',
  ...NATIVE_MODULES,
  ...NATIVE_LOADERS,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
]);

export function isExternal(id: string): boolean {
  if (EXTERNAL.has(id)) return true;
  const pkg = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? id);
  return EXTERNAL.has(pkg);
}

/** The Vite configuration that bundles an app's main and terminal process into `dist/`. */
export function electronMainConfig(appDir: URL): UserConfig {
  const at = (path: string) => fileURLToPath(new URL(path, appDir));
  return {
    // Everything is bundled except what must stay a real file in node_modules.
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: true,
      outDir: at('dist'),
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      target: 'node22',
      rollupOptions: {
        input: Object.fromEntries(Object.entries(ELECTRON_ENTRIES).map(([out, src]) => [out, at(src)])),
        external: isExternal,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}
