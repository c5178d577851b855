// Gives a test exclusive use of a running pcscd with the vpcd readers. Tests in other vitest workers (and
// other packages' end-to-end tests) take turns through a lock file; a pcscd this harness starts is stopped
// by PID when the lease is released or the process exits, never left running.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcscdReachable } from '../pcscd.node.ts';
import { VPCD_PORTS } from './virtual-card.node.ts';

export const LOCK_PATH = join(tmpdir(), 'uitpas-pcscd.lock');

export interface PcscdLeaseOptions {
  /** How long to wait for another test to release pcscd. */
  lockTimeoutMs?: number;
  /** How long pcscd may take to come up. */
  startTimeoutMs?: number;
}

export interface PcscdLease {
  /** This lease started pcscd (and may stop and start it again). */
  readonly startedByUs: boolean;
  readonly pid: number | null;
  /** Stops the pcscd this lease started (SIGTERM, then SIGKILL) and waits until it is gone. */
  stopPcscd(): Promise<void>;
  /**
   * Starts pcscd again after `stopPcscd` and waits for its socket and the vpcd ports. `readerConfDir`
   * replaces /etc/reader.conf.d, e.g. to bring the vpcd readers back under another name (a swapped reader).
   */
  startPcscd(options?: { readerConfDir?: string }): Promise<void>;
  /** Stops a pcscd we started and releases the lock. Safe to call twice. */
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  pcscdPid?: number;
}

/** Leases held by this module instance; the lock file is shared between them. */
let holders = 0;
let ownedPcscd: OwnedPcscd | null = null;
let exitHookInstalled = false;

export async function acquirePcscd(options: PcscdLeaseOptions = {}): Promise<PcscdLease> {
  const lockTimeout = options.lockTimeoutMs ?? 300_000;
  const startTimeout = options.startTimeoutMs ?? 15_000;
  if (holders === 0) await takeLock(lockTimeout);
  holders++;
  installExitHook();
  let released = false;
  let startedByUs = false;
  try {
    if (!(await pcscdReachable())) {
      await startOwnPcscd(startTimeout);
      startedByUs = true;
    } else {
      await waitFor(() => vpcdListening(), startTimeout, 'the vpcd ports 35963/35964');
    }
  } catch (err) {
    holders--;
    if (holders === 0) dropLock();
    throw err;
  }
  return {
    startedByUs,
    get pid() {
      return ownedPcscd?.pid ?? null;
    },
    async stopPcscd() {
      if (!startedByUs) throw new Error('pcscd was not started by this harness; it will not stop it');
      await stopOwnPcscd();
    },
    async startPcscd(start = {}) {
      if (!startedByUs) throw new Error('pcscd was not started by this harness');
      if (ownedPcscd === null) await startOwnPcscd(startTimeout, start.readerConfDir);
    },
    async release() {
      if (released) return;
      released = true;
      holders--;
      if (holders > 0) return;
      await stopOwnPcscd();
      dropLock();
    },
  };
}

/** Both vpcd ports are listening. Read from /proc: connecting would insert a card. */
export async function vpcdListening(): Promise<boolean> {
  const wanted = [VPCD_PORTS.reader0, VPCD_PORTS.reader1].map((p) =>
    p.toString(16).toUpperCase().padStart(4, '0'),
  );
  const listening = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const port = cols[1]?.split(':')[1];
      if (port !== undefined && cols[3] === '0A') listening.add(port);
    }
  }
  return wanted.every((p) => listening.has(p));
}

/**
 * pcscd runs under a small shell that stops it as soon as our end of its stdin pipe closes. The pipe also
 * closes when this process is killed outright (SIGKILL, a crashed test worker), where no exit hook runs.
 */
const GUARD = 'pcscd --foreground "$@" & pid=$!; echo $pid; read _; kill $pid 2>/dev/null; wait $pid';

interface OwnedPcscd {
  guard: ChildProcess;
  pid: number;
  exited: Promise<void>;
}

async function startOwnPcscd(timeoutMs: number, readerConfDir?: string): Promise<void> {
  const args = readerConfDir === undefined ? [] : ['--config', readerConfDir];
  const guard = spawn('sh', ['-c', GUARD, 'pcscd-guard', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  guard.once('error', () => {});
  guard.stdin?.on('error', () => {});
  let stderr = '';
  guard.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => guard.once('exit', () => resolve()));
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    guard.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(Number(line));
    });
    guard.once('exit', () => reject(new Error(`pcscd could not be started: ${stderr.trim()}`)));
  });
  ownedPcscd = { guard, pid, exited };
  recordPcscdPid(pid);
  try {
    await waitFor(
      async () => {
        if (!alive(pid)) throw new Error(`pcscd exited at start: ${stderr.trim() || 'no message'}`);
        return (await pcscdReachable()) && (await vpcdListening());
      },
      timeoutMs,
      'pcscd with the vpcd readers',
    );
  } catch (err) {
    await stopOwnPcscd();
    throw err;
  }
}

async function stopOwnPcscd(): Promise<void> {
  const owned = ownedPcscd;
  if (owned === null) return;
  ownedPcscd = null;
  owned.guard.stdin?.end();
  const timer = setTimeout(() => {
    if (isPcscd(owned.pid)) process.kill(owned.pid, 'SIGKILL');
  }, 5000);
  await owned.exited;
  clearTimeout(timer);
  recordPcscdPid(undefined);
}

async function takeLock(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(LOCK_PATH, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid } satisfies LockOwner));
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    recoverStaleLock();
    if (Date.now() > deadline) {
      throw new Error(`pcscd is still in use by another test (lock ${LOCK_PATH}, owner ${readOwner()?.pid})`);
    }
    await sleep(200);
  }
}

/** A lock whose owner died is stale; so is one of our own PID that no lease here holds (a test that never released). */
function recoverStaleLock(): void {
  const owner = readOwner();
  if (owner === undefined) {
    // Unreadable: it may be being written right now; only an old one is stale.
    try {
      if (Date.now() - statSync(LOCK_PATH).mtimeMs < 5000) return;
    } catch {
      return;
    }
  } else if (owner.pid !== process.pid && alive(owner.pid)) {
    return;
  }
  if (owner?.pcscdPid !== undefined && isPcscd(owner.pcscdPid)) {
    try {
      process.kill(owner.pcscdPid, 'SIGTERM');
    } catch {
      // It is gone already.
    }
  }
  try {
    unlinkSync(LOCK_PATH);
  } catch {
    // Another process recovered it first.
  }
}

function readOwner(): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(LOCK_PATH, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

function recordPcscdPid(pcscdPid: number | undefined): void {
  const owner = readOwner();
  if (owner?.pid !== process.pid) return;
  const next: LockOwner = pcscdPid === undefined ? { pid: process.pid } : { pid: process.pid, pcscdPid };
  const fd = openSync(LOCK_PATH, 'w');
  writeSync(fd, JSON.stringify(next));
  closeSync(fd);
}

function dropLock(): void {
  if (readOwner()?.pid !== process.pid) return;
  try {
    unlinkSync(LOCK_PATH);
  } catch {
    // Already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    // No time to wait here: signal pcscd directly; its guard shell exits when our pipe closes.
    if (ownedPcscd !== null && isPcscd(ownedPcscd.pid)) process.kill(ownedPcscd.pid, 'SIGTERM');
    if (holders > 0) dropLock();
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPcscd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pcscd';
  } catch {
    return false;
  }
}

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
