// `pnpm start kiosk`: the sandbox (a local UiTPAS API v4 with demo data), then the kiosk's terminal in
// browser mode with a simulated reader fed from this console (UITPAS_KIOSK_READERS=both adds PC/SC).
// Electron cannot run on this machine, so browser mode is what starts here. A fresh data directory opens
// on the setup screen; the printed configuration code sets it up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureTerminalBundle } from '../apps/kiosk/terminal-bundle.node.ts';
import { CLIENTS, KIOSKS, PASSHOLDERS } from '../apps/uitpas-sandbox/src/seed-data.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const children: ChildProcess[] = [];
let stopping = false;

function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin: 'ignore' | 'inherit' = 'ignore',
  viaTsx = true,
): ChildProcess {
  const child = spawn(process.execPath, viaTsx ? ['--import', 'tsx', ...args] : args, {
    cwd: ROOT,
    env,
    stdio: [stdin, 'pipe', 'inherit'],
  });
  children.push(child);
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`${args.join(' ')} stopped (code ${code}); stopping the rest.`);
      stop(1);
    }
    // `pnpm start` waits on this script forever: leave once every child is gone.
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit();
  });
  return child;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
      else process.stdout.write(`${line}\n`);
    });
  });
}

function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stop());
process.once('SIGTERM', () => stop());

const build = spawn('pnpm', ['--filter', '@uitpas/kiosk', 'build'], { cwd: ROOT, stdio: 'inherit' });
if ((await new Promise((resolve) => build.once('exit', resolve))) !== 0) {
  console.error('The kiosk could not be built.');
  process.exit(1);
}

const sandbox = start(['apps/uitpas-sandbox/src/cli.node.ts', '--quiet'], process.env);
const ready = await waitForLine(sandbox, /^SANDBOX_READY (.*)$/);
const { baseUrl } = JSON.parse(ready[1] as string) as { baseUrl: string };

// The kiosk's terminal runs from its bundle (rebuilt when a source is newer): it starts in a fraction of
// the time tsx needs to compile it.
const { cli } = await ensureTerminalBundle();
const kiosk = start(
  [cli],
  {
    ...process.env,
    UITPAS_API_URL: baseUrl,
    UITPAS_CLIENT_ID: CLIENTS.counter.clientId,
    UITPAS_KIOSK_DATA: process.env.UITPAS_KIOSK_DATA ?? '.data/kiosk',
    UITPAS_KIOSK_READERS: process.env.UITPAS_KIOSK_READERS ?? 'simulator',
  },
  'inherit',
  false,
);
const url = await waitForLine(kiosk, /^KIOSK_READY (\S+)$/);
console.log(
  [
    '',
    `UiTPAS sandbox: ${baseUrl}`,
    `UiTPAS zuil (browser mode): ${url[1]}`,
    `Configuration code for the setup screen: ${KIOSKS.maldegem.configurationCode}`,
    `Tap by typing a chip number here, e.g. ${PASSHOLDERS.amira.chipNumber} (${PASSHOLDERS.amira.firstName}) or ${PASSHOLDERS.kobe.chipNumber} (blocked card).`,
    'Stop with Ctrl+C.',
    '',
  ].join('\n'),
);
