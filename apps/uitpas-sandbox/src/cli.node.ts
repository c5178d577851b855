// `pnpm sandbox`: starts the UiTPAS sandbox on loopback and prints what a trainer or developer needs.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSandboxServer } from './app.node.ts';
import { CLIENTS, KIOSKS, PKCE_CLIENT_ID, STAFF } from './seed-data.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function usage(message: string): never {
  process.stderr.write(
    `${message}\nUsage: sandbox [--port 4800] [--host 127.0.0.1] [--db <file> | --memory] [--reset] [--admin-port <n>] [--test-mode] [--token-ttl <seconds>] [--quiet]\n`,
  );
  process.exit(2);
}

function port(value: string | undefined, name: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) usage(`${name} must be a port number (0 = any free port)`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        memory: { type: 'boolean' },
        reset: { type: 'boolean' },
        'admin-port': { type: 'string' },
        'test-mode': { type: 'boolean' },
        'token-ttl': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();

if (values.memory && values.db) usage('Use either --db or --memory');
const ttl = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']);
if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
  usage('--token-ttl must be a positive number of seconds');

const quiet = values.quiet === true;
const sandbox = await startSandboxServer({
  port: port(values.port, '--port', 4800),
  host: values.host ?? '127.0.0.1',
  dbFile: values.memory ? null : (values.db ?? `${REPO_ROOT}.data/sandbox.sqlite`),
  reset: values.reset === true,
  adminPort: port(values['admin-port'], '--admin-port'),
  testMode: values['test-mode'] === true,
  ...(ttl !== undefined ? { clientTokenTtlSeconds: ttl, userTokenTtlSeconds: ttl } : {}),
  log: quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`The sandbox could not start: ${(error as Error).message}\n`);
  process.exit(1);
});

const counter = CLIENTS.counter;
process.stdout.write(
  [
    '',
    'UiTPAS sandbox (lokale UiTPAS API v4, enkel voor test, demo en opleiding)',
    `  API            ${sandbox.baseUrl}`,
    `  Token          ${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    `  Aanmelden      ${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/auth (client ${PKCE_CLIENT_ID}, PKCE)`,
    `  Database       ${sandbox.app.options.dbFile ?? 'in memory'}`,
    `  Balie-client   ${counter.clientId} / ${counter.clientSecret}`,
    ...Object.values(STAFF).map((s) => `  Medewerker     ${s.username} / ${s.password}`),
    ...Object.values(KIOSKS).map((k) => `  Zuilcode       ${k.configurationCode} (${k.name})`),
    ...(sandbox.adminUrl ? [`  Testhooks      ${sandbox.adminUrl}`] : []),
    '',
    `SANDBOX_READY ${JSON.stringify({ baseUrl: sandbox.baseUrl, adminUrl: sandbox.adminUrl })}`,
    '',
  ].join('\n'),
);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
