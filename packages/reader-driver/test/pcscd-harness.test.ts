// The harness must never leave a pcscd behind, even when the test process holding it is killed outright.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pcscdReachable } from '../src/pcscd.node.ts';
import { LOCK_PATH, acquirePcscd } from '../src/testing/pcscd-harness.node.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const holder = fileURLToPath(new URL('./support/hold-pcscd.ts', import.meta.url));

function isPcscd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pcscd';
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first line the holder prints once it has pcscd. */
function holderReady(child: ChildProcess): Promise<{ pid: number | null; startedByUs: boolean }> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? '{}'));
    });
    child.once('exit', () => reject(new Error('holder exited early')));
  });
}

describe('pcscd harness', () => {
  it('stops the pcscd of a test process killed with SIGKILL, and the next test takes over its lock', async () => {
    // Node itself, not the tsx CLI (which runs the script in a grandchild): the lock must name this PID.
    const child = spawn(process.execPath, ['--import', 'tsx', holder], {
      cwd: pkg,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const info = await holderReady(child);
      // Only meaningful when the harness started pcscd (no system pcscd on this machine).
      expect(info.startedByUs).toBe(true);
      const pid = info.pid ?? -1;
      expect(isPcscd(pid)).toBe(true);
      expect(JSON.parse(readFileSync(LOCK_PATH, 'utf8'))).toMatchObject({ pid: child.pid, pcscdPid: pid });

      child.kill('SIGKILL');
      await exited;
      await until(() => !isPcscd(pid));
      expect(await pcscdReachable()).toBe(false);

      // The dead owner's lock is stale: the next test gets pcscd without waiting for a timeout.
      const lease = await acquirePcscd({ lockTimeoutMs: 10_000 });
      try {
        expect(lease.startedByUs).toBe(true);
        expect(await pcscdReachable()).toBe(true);
      } finally {
        await lease.release();
      }
      expect(existsSync(LOCK_PATH)).toBe(false);
      expect(await pcscdReachable()).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 320_000);
});
