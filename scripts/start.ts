// `pnpm start`: the sandbox (a local UiTPAS API v4 with demo data), then the counter's terminal with the
// card simulator and any PC/SC reader present, serving the counter in browser mode on 127.0.0.1. Electron cannot run on this machine,
// so browser mode is what starts here; the URL (with its per-session token) is printed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  GROUP_PASSES,
  PASSHOLDERS,
  STOCK_CARDS,
  CLIENTS,
  ORGANIZERS,
  PKCE_CLIENT_ID,
  STAFF,
} from '../apps/uitpas-sandbox/src/seed-data.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const children: ChildProcess[] = [];

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`${args.join(' ')} stopped (code ${code}); stopping the rest.`);
      stop(1);
    }
  });
  return child;
}

/** Resolves with the first line of the child's output that matches. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
      else process.stdout.write(`${line}\n`);
    });
  });
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stop());
process.once('SIGTERM', () => stop());

if (process.argv[2] === 'kiosk') {
  await import('./start-kiosk.ts');
  // The kiosk's children keep this process alive until Ctrl+C.
  await new Promise<never>(() => {});
}

const build = spawn('pnpm', ['--filter', '@uitpas/counter', 'build'], { cwd: ROOT, stdio: 'inherit' });
if ((await new Promise((resolve) => build.once('exit', resolve))) !== 0) {
  console.error('The counter could not be built.');
  process.exit(1);
}

const sandbox = start(process.execPath, [
  '--import',
  'tsx',
  'apps/uitpas-sandbox/src/cli.node.ts',
  '--quiet',
]);
const ready = await waitForLine(sandbox, /^SANDBOX_READY (.*)$/);
const { baseUrl } = JSON.parse(ready[1] as string) as { baseUrl: string };

const cards = [
  { label: `${PASSHOLDERS.amira.firstName} (kansentarief)`, value: PASSHOLDERS.amira.chipNumber },
  { label: PASSHOLDERS.jonas.firstName, value: PASSHOLDERS.jonas.chipNumber },
  { label: `${PASSHOLDERS.kobe.firstName} (geblokkeerd)`, value: PASSHOLDERS.kobe.chipNumber },
  { label: 'Nieuwe kaart', value: STOCK_CARDS[0].chipNumber },
  { label: 'Groepspas', value: GROUP_PASSES.deSleutel.chipNumber },
];
/** Demo staff who sign in on this station with a PIN (the PINs are hashed on first start). */
const demoStaff = [
  { id: 'ilse', name: STAFF.eeklo.name, pin: '1234' },
  { id: 'pieter', name: STAFF.maldegem.name, pin: '5678' },
];
const counter = start(process.execPath, ['--import', 'tsx', 'apps/counter/src/browser-mode.node.ts'], {
  ...process.env,
  UITPAS_API_URL: baseUrl,
  UITPAS_CLIENT_ID: CLIENTS.counter.clientId,
  UITPAS_CLIENT_SECRET: CLIENTS.counter.clientSecret,
  UITPAS_ORGANIZER_ID: ORGANIZERS.ccEeklo.id,
  UITPAS_LEDGER: '.data/counter-ledger.sqlite',
  UITPAS_SIMULATOR: '1',
  UITPAS_SIMULATOR_CARDS: JSON.stringify(cards),
  UITPAS_STAFF: JSON.stringify(demoStaff),
  UITPAS_UITID_CLIENT_ID: PKCE_CLIENT_ID,
});
const url = await waitForLine(counter, /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
console.log(
  [
    '',
    `UiTPAS sandbox: ${baseUrl}`,
    `UiTPAS balie (browser mode): ${url[1]}`,
    'Sign in on the counter with a staff PIN:',
    ...demoStaff.map((s) => `  ${s.name}: PIN ${s.pin}`),
    'or with UiTiD (the sandbox login page):',
    ...Object.values(STAFF).map((s) => `  ${s.username} / ${s.password}`),
    'Stop with Ctrl+C.',
    '',
  ].join('\n'),
);
