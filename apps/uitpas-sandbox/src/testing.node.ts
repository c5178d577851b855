// `@uitpas/sandbox/testing`: start the sandbox from tests. `startSandbox` runs it as a child process so a
// test can stop it (an outage) and restart it on the same port and database file; `startSandboxInProcess`
// is the fast variant for tests that need neither.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxServer, type RunningSandbox } from './app.node.ts';
import type { SandboxState } from './admin.node.ts';
import type { FaultInput, FaultRule } from './faults.ts';
import * as seed from './seed-data.ts';

export * from './seed-data.ts';
export type { SandboxState } from './admin.node.ts';
export type { FaultInput, FaultKind, FaultRule } from './faults.ts';

export const seedData = seed;

export interface StartOptions {
  /** Fixed API port; default 0 (any free port, kept across restarts). */
  port?: number;
  /** SQLite file; default a fresh file in a temporary directory (removed by stop()). `null` = in memory. */
  dbFile?: string | null;
  /** Validate every response against the official definition (default true in tests). */
  testMode?: boolean;
  /** Token lifetime in seconds, for tests of expiry. */
  tokenTtlSeconds?: number;
  /** Forward the sandbox's request log to stderr. */
  verbose?: boolean;
}

export class AdminClient {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  state(): Promise<SandboxState> {
    return this.call('GET', '/state');
  }

  /** Sets the sandbox clock; it keeps ticking from there unless frozen. */
  setClock(now: Date | string, frozen = false): Promise<{ now: string }> {
    return this.call('PUT', '/clock', { now: typeof now === 'string' ? now : now.toISOString(), frozen });
  }

  advanceClock(seconds: number): Promise<{ now: string }> {
    return this.call('POST', '/clock/advance', { seconds });
  }

  resetClock(): Promise<{ now: string }> {
    return this.call('DELETE', '/clock');
  }

  /** Injects a fault on a route (`POST /checkins`, `/realms/uitid/protocol/openid-connect/token`, `GET /events` or `*`). */
  addFault(fault: FaultInput): Promise<FaultRule> {
    return this.call('POST', '/faults', fault);
  }

  faults(): Promise<FaultRule[]> {
    return this.call('GET', '/faults');
  }

  clearFaults(): Promise<void> {
    return this.call('DELETE', '/faults');
  }

  removeFault(id: number): Promise<void> {
    return this.call('DELETE', `/faults/${id}`);
  }

  setPoints(passholderId: string, points: number): Promise<void> {
    return this.call('PUT', `/passholders/${encodeURIComponent(passholderId)}/points`, { points });
  }

  /** Re-seeds the database (relative to the sandbox clock) and clears faults. */
  reset(): Promise<SandboxState> {
    return this.call('POST', '/reset');
  }
}

export interface SandboxHandle {
  baseUrl: string;
  adminUrl: string;
  admin: AdminClient;
  seed: typeof seed;
  /** Stops the sandbox (an outage); the handle can be restarted. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and removes the temporary database. */
  dispose(): Promise<void>;
}

const CLI = fileURLToPath(new URL('./cli.node.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

export async function startSandbox(options: StartOptions = {}): Promise<SandboxHandle> {
  const tempDir = options.dbFile === undefined ? mkdtempSync(join(tmpdir(), 'uitpas-sandbox-')) : null;
  const dbFile = options.dbFile === undefined ? join(tempDir as string, 'sandbox.sqlite') : options.dbFile;
  let port = options.port ?? 0;
  let adminPort = 0;
  let child: ChildProcess | null = null;
  let urls = { baseUrl: '', adminUrl: '' };
  let first = true;

  const launch = async (): Promise<void> => {
    const args = [TSX_CLI, CLI, '--port', String(port), '--admin-port', String(adminPort), '--quiet'];
    if (dbFile === null) args.push('--memory');
    else args.push('--db', dbFile);
    if (first) args.push('--reset');
    if (options.testMode ?? true) args.push('--test-mode');
    if (options.tokenTtlSeconds !== undefined) args.push('--token-ttl', String(options.tokenTtlSeconds));
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', options.verbose ? 'inherit' : 'pipe'],
    });
    child = proc;
    // A test that forgets dispose() must not leave a sandbox running after the test process.
    const killOnExit = () => proc.kill();
    process.once('exit', killOnExit);
    proc.once('exit', () => process.off('exit', killOnExit));
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    urls = await new Promise((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /SANDBOX_READY (\{.*\})/.exec(out);
        if (m) resolve(JSON.parse(m[1] as string) as { baseUrl: string; adminUrl: string });
      });
      proc.once('exit', (code) =>
        reject(new Error(`sandbox exited with ${code} before it was ready: ${stderr}`)),
      );
    });
    first = false;
    port = Number(new URL(urls.baseUrl).port);
    adminPort = Number(new URL(urls.adminUrl).port);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    child = null;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };

  await launch();
  const handle: SandboxHandle = {
    get baseUrl() {
      return urls.baseUrl;
    },
    get adminUrl() {
      return urls.adminUrl;
    },
    admin: new AdminClient(urls.adminUrl),
    seed,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface InProcessSandbox extends SandboxHandle {
  running: () => RunningSandbox;
}

/** The same sandbox in this process, in memory by default: fast, but stop() loses in-memory state. */
export async function startSandboxInProcess(options: StartOptions = {}): Promise<InProcessSandbox> {
  let port = options.port ?? 0;
  let adminPort = 0;
  let first = true;
  const start = () =>
    startSandboxServer({
      port,
      adminPort,
      dbFile: options.dbFile ?? null,
      reset: first,
      testMode: options.testMode ?? true,
      ...(options.tokenTtlSeconds !== undefined
        ? { clientTokenTtlSeconds: options.tokenTtlSeconds, userTokenTtlSeconds: options.tokenTtlSeconds }
        : {}),
      log: options.verbose ? (l) => process.stderr.write(`${l}\n`) : () => undefined,
    });
  let current: RunningSandbox | null = await start();
  first = false;
  port = Number(new URL(current.baseUrl).port);
  adminPort = Number(new URL(current.adminUrl as string).port);
  const admin = new AdminClient(current.adminUrl as string);
  const stop = async () => {
    await current?.stop();
    current = null;
  };
  return {
    baseUrl: current.baseUrl,
    adminUrl: current.adminUrl as string,
    admin,
    seed,
    stop,
    restart: async () => {
      await stop();
      current = await start();
    },
    dispose: stop,
    running: () => {
      if (!current) throw new Error('sandbox is stopped');
      return current;
    },
  };
}
