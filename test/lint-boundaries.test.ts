// Proves the architecture's import boundaries are enforced: each fixture, linted as if it stood at a
// path where it is not allowed, must fail with the boundary rule; at an allowed path it must pass.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIds(fixture: string, asPath: string): Promise<string[]> {
  const code = readFileSync(new URL(`./lint-fixtures/${fixture}`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: `${root}${asPath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('domain may not do I/O', async () => {
    expect(await ruleIds('domain-reads-a-file.ts', 'packages/domain/src/config.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('domain-reads-a-file.ts', 'packages/domain/src/config.node.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it('Node code must say so in its file name', async () => {
    expect(await ruleIds('domain-reads-a-file.ts', 'packages/sync/src/config.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('domain-reads-a-file.ts', 'packages/sync/src/config.node.ts')).toEqual([]);
  });
  it('renderer code may not open the database or touch Electron', async () => {
    const ids = await ruleIds('renderer-opens-database.ts', 'apps/counter/src/renderer/store.ts');
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
  });
  it('the sandbox may only import the domain', async () => {
    expect(await ruleIds('sandbox-imports-sync.ts', 'apps/uitpas-sandbox/src/server.node.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('sandbox-imports-sync.ts', 'packages/terminal/src/ledger.node.ts')).toEqual([]);
  });
  it('skipped tests are refused', async () => {
    expect(await ruleIds('skipped.test.ts', 'packages/sync/src/x.test.ts')).toContain('no-restricted-syntax');
  });
});
