// `pnpm bench`: runs every benchmark file (packages/*/bench/*.bench.ts, apps/*/bench/*.bench.ts) in its own
// Node process, one after the other so they do not disturb each other, and prints their figures.
// Each benchmark measures its own baseline in the same run and reports ratios against it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const files: string[] = [];
for (const group of ['packages', 'apps']) {
  for (const pkg of readdirSync(join(root, group))) {
    const dir = join(root, group, pkg, 'bench');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
        files.push(join(dir, f));
    }
  }
}
if (files.length === 0) {
  console.log('No benchmarks found.');
  process.exit(0);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.slice(root.length)} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
