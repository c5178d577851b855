// Lint rules that keep the architecture honest (see README "Boundaries"):
// - which workspace packages a folder may import (ARCHITECTURE.md, "Folders"),
// - which process a file may run in, by suffix: `*.main.ts` Electron main, `*.preload.ts` preload,
//   `*.node.ts` Node; a plain `.ts`/`.tsx` file runs anywhere and so imports neither Node nor Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];
const NATIVE = ['better-sqlite3', 'nfc-pcsc', '@pokusew/pcsclite', 'node-hid', 'ws'];
const WORKSPACE = ['domain', 'reader-driver', 'sync', 'terminal', 'ui', 'counter', 'kiosk', 'sandbox'].map(
  (n) => `@uitpas/${n}`,
);

/** Workspace packages each folder may import, from ARCHITECTURE.md. */
const ALLOWED = {
  'packages/domain': [],
  'packages/reader-driver': ['@uitpas/domain'],
  'packages/sync': ['@uitpas/domain'],
  'packages/terminal': ['@uitpas/domain', '@uitpas/reader-driver', '@uitpas/sync'],
  'packages/ui': ['@uitpas/domain'],
  'apps/counter': [
    '@uitpas/domain',
    '@uitpas/ui',
    '@uitpas/terminal',
    '@uitpas/reader-driver/keyboard-wedge',
  ],
  'apps/kiosk': ['@uitpas/domain', '@uitpas/ui', '@uitpas/terminal', '@uitpas/reader-driver/keyboard-wedge'],
  'apps/uitpas-sandbox': ['@uitpas/domain'],
};

/** What a file may not import because of the process it runs in (its suffix). */
function processBans(kind, folder) {
  const electron = ['electron', 'electron/*'];
  const nodeOnly = [...NODE_BUILTINS, ...NATIVE];
  // The terminal and the apps' main process are Node: they may import node-only workspace packages.
  const nodeWorkspace = ['@uitpas/sync', '@uitpas/terminal', '@uitpas/reader-driver'];
  if (folder === 'packages/domain') return [...nodeOnly, ...electron];
  switch (kind) {
    case 'main':
      return [];
    case 'preload':
      return [...nodeOnly];
    case 'node':
      return [...electron];
    case 'test':
      return [...electron];
    default:
      return [...nodeOnly, ...electron, ...(folder.startsWith('apps/') ? nodeWorkspace : [])];
  }
}

const KINDS = {
  main: ['**/*.main.ts'],
  preload: ['**/*.preload.ts'],
  node: ['**/*.node.ts', '**/*.node.tsx'],
  test: ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', '**/bench/**/*.ts', '**/scripts/**/*.ts'],
};
const ANY_SUFFIX = Object.values(KINDS).flat();

function boundaryConfigs() {
  const configs = [];
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    const forbiddenWorkspaceAll = WORKSPACE.filter(
      (p) => !allowed.includes(p) && p !== `@uitpas/${folder.split('/')[1]}`,
    );
    for (const kind of ['plain', ...Object.keys(KINDS)]) {
      // Tests elsewhere may start the sandbox (a real HTTP server on loopback) through its testing entry.
      const forbiddenWorkspace =
        kind === 'test'
          ? forbiddenWorkspaceAll.filter((p) => p !== '@uitpas/sandbox')
          : forbiddenWorkspaceAll;
      const files = kind === 'plain' ? [`${folder}/**/*.{ts,tsx}`] : KINDS[kind].map((g) => `${folder}/${g}`);
      const bans = processBans(kind, folder);
      const paths = [
        ...bans
          .filter((b) => !b.includes('*'))
          .map((name) => ({ name, message: messageFor(kind, folder, name) })),
        ...forbiddenWorkspace
          .filter((p) => !allowed.some((a) => a.startsWith(`${p}/`)))
          .map((name) => ({ name, message: `${folder} may not import ${name} (see ARCHITECTURE.md).` })),
      ];
      const patterns = [
        {
          group: [...bans.filter((b) => b.includes('*'))],
          message: messageFor(kind, folder, 'electron'),
        },
        {
          group: forbiddenWorkspace
            .map((p) => `${p}/*`)
            .filter((g) => !allowed.some((a) => a.startsWith(g.slice(0, -1)))),
          message: `${folder} may not import this workspace package (see ARCHITECTURE.md).`,
        },
      ].filter((p) => p.group.length > 0);
      configs.push({
        files,
        ...(kind === 'plain' ? { ignores: ANY_SUFFIX.map((g) => `${folder}/${g}`) } : {}),
        rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
      });
    }
  }
  return configs;
}

function messageFor(kind, folder, name) {
  if (folder === 'packages/domain') return `packages/domain does no I/O: '${name}' is not allowed here.`;
  if (kind === 'plain')
    return `'${name}' needs Node or Electron: name the file *.node.ts, *.main.ts or *.preload.ts, or keep it out of code that runs in a renderer.`;
  return `'${name}' cannot be imported from a *.${kind}.ts file.`;
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'api/**',
      'artifacts/**',
      '.tools/**',
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...boundaryConfigs(),
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(skip|only|todo)$/][callee.object.name=/^(it|test|describe)$/]",
          message: 'No skipped, focused or todo tests: finish the feature or leave the issue open.',
        },
      ],
    },
  },
);
