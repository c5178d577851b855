// The Electron packaging configuration of both apps against what they actually need. electron-builder and
// Electron cannot be downloaded here, so this runs each app's real `build` script and checks the result:
// every entry the package starts from exists, the bundles load only Node built-ins, Electron and the native
// modules, and each native module is rebuilt for Electron and unpacked from the asar.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_ENTRIES, NATIVE_LOADERS, NATIVE_MODULES } from '../../../scripts/electron-build.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APPS = [
  { name: 'counter', renderer: 'vite.config.ts' },
  { name: 'kiosk', renderer: 'vite.config.node.ts' },
] as const;
/** The Electron-only builds. The renderer build is left to the browser tests, which serve it meanwhile. */
const ELECTRON_BUILDS = ['vite.preload.config.node.ts', 'vite.main.config.node.ts'];

interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  extraMetadata: { main: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  deb: { depends: string[] };
  win: { target: string[] };
}

const read = (path: string) => readFileSync(path, 'utf8');
const configOf = (app: string) =>
  JSON.parse(read(join(ROOT, 'apps', app, 'electron-builder.json'))) as BuilderConfig;

/** The module specifiers a bundle imports or requires, reduced to package names. */
function importedPackages(code: string): Set<string> {
  const specifiers = [
    ...code.matchAll(/^\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...code.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  return new Set(
    specifiers
      .filter((s) => !s.startsWith('.'))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] as string))),
  );
}

const BUILTIN = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

beforeAll(async () => {
  // Sequential: parallel Vite builds would only fight over the two cores.
  for (const app of APPS) {
    for (const config of ELECTRON_BUILDS) {
      await promisify(execFile)('pnpm', ['exec', 'vite', 'build', '--config', config], {
        cwd: join(ROOT, 'apps', app.name),
        timeout: 120_000,
      });
    }
  }
}, 300_000);

describe.each(APPS)('the $name package', ({ name, renderer }) => {
  const dir = join(ROOT, 'apps', name);
  const config = configOf(name);
  const pkg = JSON.parse(read(join(dir, 'package.json'))) as {
    devDependencies: Record<string, string>;
    scripts: { build: string };
  };

  it('targets AppImage and deb on Linux and an NSIS installer on Windows, for our Electron version', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['pcscd', 'libpcsclite1', 'libusb-1.0-0']));
  });

  it('starts from entry files that the build produced, all inside the packaged files', () => {
    const entries = [
      config.extraMetadata.main,
      ...Object.keys(ELECTRON_ENTRIES).map((out) => `dist/${out}.js`),
      'dist/preload/bridge.preload.cjs',
    ];
    expect(config.files).toContain('dist/**/*');
    for (const entry of entries) expect(existsSync(join(dir, entry)), entry).toBe(true);
    // The main bundle finds the renderer, the preload and the terminal where the build put them.
    const main = read(join(dir, config.extraMetadata.main));
    for (const path of [
      '../../dist/renderer',
      '../../dist/preload/bridge.preload.cjs',
      '../terminal/terminal-process.js',
    ])
      expect(main, path).toContain(path);
  });

  it('has one build script for the renderer, the preload, main and the terminal', async () => {
    for (const config of [renderer, ...ELECTRON_BUILDS]) expect(pkg.scripts.build).toContain(config);
    const { default: rendererConfig } = (await import(join(dir, renderer))) as {
      default: { build: { outDir: string } };
    };
    expect(rendererConfig.build.outDir).toBe(join(dir, 'dist/renderer'));
  });

  it('bundles everything except Node built-ins, Electron and the native modules', () => {
    const allowed = new Set<string>(['electron', ...NATIVE_MODULES, ...NATIVE_LOADERS]);
    for (const out of Object.keys(ELECTRON_ENTRIES)) {
      const imported = [...importedPackages(read(join(dir, 'dist', `${out}.js`)))];
      expect(
        imported.filter((p) => !BUILTIN.has(p) && !allowed.has(p)),
        out,
      ).toEqual([]);
    }
    const preload = read(join(dir, 'dist/preload/bridge.preload.cjs'));
    expect([...importedPackages(preload)]).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);
  });

  it('rebuilds every native module for Electron and unpacks it from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    for (const native of NATIVE_MODULES) expect(config.asarUnpack).toContain(`node_modules/${native}/**`);
  });
});

describe('the native modules', () => {
  it('are exactly the installed packages that compile an add-on', () => {
    const store = join(ROOT, 'node_modules/.pnpm');
    const compiled = new Set<string>();
    for (const entry of readdirSync(store)) {
      const modules = join(store, entry, 'node_modules');
      if (!existsSync(modules)) continue;
      for (const name of readdirSync(modules)) {
        const names = name.startsWith('@')
          ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`)
          : [name];
        for (const n of names) if (existsSync(join(modules, n, 'binding.gyp'))) compiled.add(n);
      }
    }
    expect([...compiled].sort()).toEqual([...NATIVE_MODULES].sort());
  });
});
