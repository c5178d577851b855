// Runs the crash child many times, killing it with SIGKILL at random moments, and checks the ledger
// after each kill. Used by crash.test.ts.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles the child once, next to the package's node_modules so better-sqlite3 resolves. */
export async function bundleChild(): Promise<string> {
  const outdir = join(here, '..', 'node_modules', '.cache', 'uitpas-sync');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'crash-child.mjs');
  await build({
    entryPoints: [join(here, 'crash-child.node.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    minify: true,
    logLevel: 'error',
  });
  return outfile;
}

export interface RoundResult {
  committed: string[];
  stderr: string;
}

/** Writes the child's plan to a file (too large for a command line). */
export function writePlan(dir: string, plan: unknown, name = 'plan.json'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/** Starts the child, lets it work for `killAfterMs` after it is ready, then SIGKILLs it. */
/**
 * Runs the child and SIGKILLs it `killAfterMs` after it said `ready` or, with `after: 'first-commit'`, after it
 * reported its first committed action (so a slow machine still kills in the middle of a stream of commits).
 */
export function runRound(
  childFile: string,
  planFile: string,
  killAfterMs: number,
  after: 'ready' | 'first-commit' = 'ready',
): Promise<RoundResult> {
  const trigger = after === 'ready' ? 'ready\n' : 'committed ';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, planFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (timer === undefined && out.includes(trigger))
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child exited by itself: ${stderr}`));
      // Only complete lines: a line cut by the kill was never fully reported.
      const committed = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('committed '))
        .map((l) => l.slice('committed '.length));
      resolve({ committed, stderr });
    });
  });
}
