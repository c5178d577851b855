// P6 and P7 for the kiosk (`pnpm bench soak`):
// - P7: terminal cold start to ready, in a fresh Node process (module loading included), goal <= 500 ms, from
//   the bundle the kiosk ships (terminal-bundle.node.ts), against the same start through tsx;
// - P6: RSS growth over 100k simulated taps through the terminal (reader hub -> ledger -> engine -> answer),
//   goal <= 10 MB, measured after a warm-up so one-time allocations do not count.
// The API is stubbed at the fetch boundary (bench/api-stub.ts) so the figures are the kiosk's own.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TerminalEvent } from '@uitpas/domain';
import { startKioskStation, SIMULATED_READER } from '@uitpas/terminal/kiosk';
import { bundleForNode, ensureTerminalBundle } from '../terminal-bundle.node.ts';
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

// ---- P7: cold start in a fresh process, from the bundle the kiosk ships (the baseline: through tsx) ----
const child = fileURLToPath(new URL('./cold-start.child.ts', import.meta.url));
const bundleDir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-bundle-'));
await bundleForNode({ 'cold-start': child }, bundleDir);
const RUNS = 5;
function coldStarts(args: string[]): { ready: number[]; station: number } {
  const ready: number[] = [];
  let station = 0;
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-cold-'));
    const r = spawnSync(process.execPath, [...args, dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    const m = /READY (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)/.exec(r.stdout);
    if (!m) throw new Error(`cold start failed: ${r.stderr}`);
    ready.push(Number(m[1]));
    station += Number(m[2]) / RUNS;
  }
  ready.sort((a, b) => a - b);
  return { ready, station };
}
// Alternate so a burst of load on the machine hits both alike.
const bundled = coldStarts([join(bundleDir, 'cold-start.mjs')]);
const viaTsx = coldStarts(['--import', 'tsx', child]);
rmSync(bundleDir, { recursive: true, force: true });
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `P7 terminal cold start to ready (fresh node process -> first state, ${RUNS} runs): bundled median ` +
    `${median(bundled.ready).toFixed(0)} ms, max ${bundled.ready.at(-1)?.toFixed(0)} ms (goal <= 500 ms); ` +
    `baseline through tsx median ${median(viaTsx.ready).toFixed(0)} ms: ` +
    `${(median(bundled.ready) / median(viaTsx.ready)).toFixed(2)}x`,
);
console.log(`  of which creating the station: ${bundled.station.toFixed(0)} ms (bundled, mean)`);
{
  // The shipped browser-mode entry, to the line that says the page can connect.
  const dir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-cli-'));
  const { cli } = await ensureTerminalBundle();
  const begin = performance.now();
  const proc = spawn(process.execPath, [cli], {
    env: {
      ...process.env,
      UITPAS_KIOSK_DATA: dir,
      UITPAS_API_URL: 'http://127.0.0.1:9',
      UITPAS_KIOSK_READERS: 'simulator',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => line.startsWith('KIOSK_READY') && resolve());
    proc.once('exit', () => reject(new Error('the kiosk CLI stopped before it was ready')));
  });
  console.log(
    `  shipped CLI (dist/terminal/cli.mjs) to KIOSK_READY: ${(performance.now() - begin).toFixed(0)} ms`,
  );
  proc.kill('SIGTERM');
  await new Promise((resolve) => proc.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}

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
    // A real tap arrives as its own I/O event. Without returning to the event loop the whole soak would be
    // one task, and V8 keeps every WeakRef target (undici ties one to each request's signal) until the
    // task ends: a bench-only growth of ~1 KB per tap that no kiosk has.
    await new Promise((resolve) => setImmediate(resolve));
    const before = answered;
    const done = new Promise<void>((resolve) => (waiting = resolve));
    station.simulator?.tap(chip(i));
    if (answered === before) await done;
  }
}

const usage = () => {
  gc?.();
  return process.memoryUsage();
};
await tapMany(0, WARMUP);
const base = usage();
const started = performance.now();
const samples: number[] = [];
const step = Math.max(1, Math.floor((TAPS - WARMUP) / 5));
for (let from = WARMUP; from < TAPS; from += step) {
  await tapMany(from, Math.min(TAPS, from + step));
  samples.push(usage().rss);
}
const seconds = (performance.now() - started) / 1000;
const end = usage();
const growth = end.rss - base.rss;
console.log(
  `P6 RSS over ${TAPS - WARMUP} taps after ${WARMUP} warm-up taps: ${mb(base.rss)} MB -> ${mb(end.rss)} MB, ` +
    `growth ${mb(growth)} MB (goal <= 10 MB), ${(end.rss / base.rss).toFixed(3)}x the RSS after warm-up; ` +
    `${((TAPS - WARMUP) / seconds).toFixed(0)} taps/s`,
);
console.log(`  RSS at each fifth: ${samples.map(mb).join(', ')} MB`);
const size = (name: string) => (existsSync(join(dataDir, name)) ? statSync(join(dataDir, name)).size : 0);
const delta = (k: keyof NodeJS.MemoryUsage) => `${mb(base[k])} -> ${mb(end[k])}`;
console.log(
  `  heap used ${delta('heapUsed')} MB, heap total ${delta('heapTotal')} MB; native: external ${delta('external')} MB, ` +
    `array buffers ${delta('arrayBuffers')} MB; ledger file ${mb(size('kiosk.sqlite'))} MB + WAL ${mb(size('kiosk.sqlite-wal'))} MB`,
);
await station.stop();
rmSync(dataDir, { recursive: true, force: true });
