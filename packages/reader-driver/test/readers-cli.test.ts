// `pnpm readers` as IT staff run it, against the real pcscd.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquirePcscd, type PcscdLease } from '../src/testing/pcscd-harness.node.ts';
import { VirtualCard } from '../src/testing/virtual-card.node.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Runs the CLI to its end, or while `during` acts and then stops it with Ctrl+C; resolves with its output. */
function cli(args: string[], during?: (output: () => string) => Promise<void>): Promise<string> {
  const child = spawn(tsx, ['src/cli/readers.node.ts', ...args], {
    cwd: pkg,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return (async () => {
    if (during === undefined) {
      await exited;
      return out;
    }
    try {
      await during(() => out);
    } finally {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    }
    return out;
  })();
}

async function until(check: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let lease: PcscdLease;
beforeAll(async () => {
  lease = await acquirePcscd();
}, 320_000);
afterAll(async () => {
  await lease?.release();
});

describe('pnpm readers', () => {
  it('--list shows pcscd and both vpcd readers as present', async () => {
    const out = await cli(['--list', '--include', '^Virtual PCD']);
    expect(out).toMatch(/pcscd\s+nfc\s+aanwezig/);
    expect(out).toMatch(/Virtual PCD 00 00\s+nfc\s+aanwezig/);
    expect(out).toMatch(/Virtual PCD 00 01\s+nfc\s+aanwezig/);
  }, 20_000);

  it('prints every tap live, as JSON lines with --json', async () => {
    const card = new VirtualCard({ uid: '04784cdaee3880' });
    const out = await cli(['--json'], async (output) => {
      await until(() => output().includes('"readerId":"Virtual PCD 00 00"'));
      await card.insert();
      await until(() => output().includes('"type":"read"'));
      card.remove();
    });
    const reads = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { type: string; value?: string; readerId?: string })
      .filter((e) => e.type === 'read');
    expect(reads).toMatchObject([{ value: '04784CDAEE3880', readerId: 'Virtual PCD 00 00' }]);
  }, 20_000);
});
