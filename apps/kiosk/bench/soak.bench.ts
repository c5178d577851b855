// P6 and P7 for the kiosk (`pnpm bench soak`):
// - P7: terminal cold start to ready, in a fresh Node process (module loading included), goal <= 500 ms;
// - P6: RSS growth over 100k simulated taps through the terminal (reader hub -> ledger -> engine -> answer),
//   goal <= 10 MB, measured after a warm-up so one-time allocations do not count.
// The API is stubbed at the fetch boundary (bench/api-stub.ts) so the figures are the kiosk's own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TerminalEvent } from '@uitpas/domain';
import { startKioskStation, SIMULATED_READER } from '@uitpas/terminal/kiosk';
import { kioskApiStub } from './api-stub.ts';

const TAPS = Number(process.env.KIOSK_SOAK_TAPS ?? 100_000);
const WARMUP = Math.min(5000, Math.floor(TAPS / 10));
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  // RSS figures need a forced collection: run again with --expose-gc (pnpm bench starts files without it).
  const again = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 1);
}
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

// ---- P7: cold start in a fresh process, five times ----
const child = fileURLToPath(new URL('./cold-start.child.ts', import.meta.url));
const starts: number[] = [];
for (let i = 0; i < 5; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-cold-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, dir], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const m = /READY (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)/.exec(r.stdout);
  if (!m) throw new Error(`cold start failed: ${r.stderr}`);
  starts.push(Number(m[1]));
  if (i === 0) console.log(`  (of which creating the station: ${Number(m[2]).toFixed(0)} ms)`);
}
starts.sort((a, b) => a - b);
console.log(
  `P7 terminal cold start to ready (process start -> terminal ready, 5 runs): median ${starts[2]?.toFixed(0)} ms, ` +
    `max ${starts[4]?.toFixed(0)} ms (goal <= 500 ms)`,
);

// ---- P6: soak ----
// On tmpfs when there is one: three fsyncs per tap (synchronous=FULL) would measure the disk, not the kiosk.
const soakRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dataDir = mkdtempSync(join(soakRoot, 'uitpas-kiosk-soak-'));
const station = await startKioskStation({
  dataDir,
  apiBaseUrl: 'http://api.stub',
  appVersion: 'bench',
  readers: 'simulator',
  repeatIntervalMs: 0,
  fetch: kioskApiStub(),
});
const setup = await station.terminal.handle({
  name: 'kiosk.setup',
  input: { configurationCode: 'SOAK', name: 'Soak', pin: '1234', readerId: SIMULATED_READER },
});
if (!setup.ok) throw new Error('setup failed');

let answered = 0;
let waiting: (() => void) | undefined;
station.terminal.subscribe((e: TerminalEvent) => {
  if (e.type !== 'kiosk-tap') return;
  answered++;
  waiting?.();
});
const chip = (i: number) => `04${i.toString(16).toUpperCase().padStart(12, '0')}`;
async function tapMany(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const before = answered;
    const done = new Promise<void>((resolve) => (waiting = resolve));
    station.simulator?.tap(chip(i));
    if (answered === before) await done;
  }
}

await tapMany(0, WARMUP);
gc?.();
const baseline = process.memoryUsage().rss;
console.log(`  after warm-up: heap ${mb(process.memoryUsage().heapUsed)} MB`);
const started = performance.now();
await tapMany(WARMUP, TAPS);
const seconds = (performance.now() - started) / 1000;
// Every API request holds a 10 s timeout timer until it fires; at soak speed thousands are pending at
// once. Wait them out so the figure is what stays, as it would between real visitors.
await new Promise((resolve) => setTimeout(resolve, 12_000));
gc?.();
const after = process.memoryUsage().rss;
const heap = process.memoryUsage().heapUsed;
console.log(
  `P6 RSS over ${TAPS - WARMUP} taps after ${WARMUP} warm-up taps: ${mb(baseline)} MB -> ${mb(after)} MB, ` +
    `growth ${mb(after - baseline)} MB (goal <= 10 MB); heap ${mb(heap)} MB; ` +
    `${((TAPS - WARMUP) / seconds).toFixed(0)} taps/s` +
    '',
);
const usage = process.memoryUsage();
const size = (name: string) => (existsSync(join(dataDir, name)) ? statSync(join(dataDir, name)).size : 0);
console.log(
  `  heap total ${mb(usage.heapTotal)} MB; native: external ${mb(usage.external)} MB, array buffers ${mb(usage.arrayBuffers)} MB; ` +
    `ledger ${mb(size('kiosk.sqlite'))} MB + WAL ${mb(size('kiosk.sqlite-wal'))} MB + index ${mb(size('kiosk.sqlite-shm'))} MB`,
);
await station.stop();
rmSync(dataDir, { recursive: true, force: true });
