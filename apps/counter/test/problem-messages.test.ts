// Every UiTPAS problem type the counter's flows can receive, answered by the real sandbox (fault hook
// `problem`, without publiq's endUserMessage so the terminal must explain the type itself), through the
// terminal's contract on a real ledger: each gives the domain's own Dutch message for that type, never the
// generic one, and never a crash. The types per flow are the ones publiq's definition documents for the
// route that flow calls, plus the permission refusal any route can give.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fallbackMessage,
  genericProblemMessage,
  PROBLEM_TYPES,
  problemNameFromUri,
  type Command,
  type CommandName,
  type CommandOutput,
  type ContractResult,
  type ProblemTypeName,
} from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { createStationTerminal, type StationTerminal } from '@uitpas/terminal/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = JSON.parse(
  readFileSync(new URL('../../../api/uitpas-v4/uitpas.json', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, unknown>> };

/** The problem types publiq documents for one operation, plus `auth/forbidden` (any route, no permission). */
function documentedProblems(method: string, path: string): ProblemTypeName[] {
  const op = API.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path}`).toBeDefined();
  const names = [...JSON.stringify(op).matchAll(/https:\/\/api\.publiq\.be\/probs\/[a-z-]+\/[a-z0-9-]+/g)]
    .map((m) => problemNameFromUri(m[0]))
    .filter((n): n is ProblemTypeName => n !== undefined);
  return [...new Set([...names, 'auth/forbidden' as const])].sort();
}

/**
 * Problems the sync engine treats as passing trouble, not as an answer: a check-in or sale is kept and sent
 * again (nothing entered is lost), so the screen says it is queued instead of refused.
 */
const RETRIED: ProblemTypeName[] = ['uitpas/rate-limited', 'auth/unauthorized'];

let sandbox: SandboxHandle;
let dataDir: string;
let station: StationTerminal;

const handle = <N extends CommandName>(name: N, input: Extract<Command, { name: N }>['input']) =>
  station.terminal.handle({ name, input } as Command) as Promise<ContractResult<CommandOutput<N>>>;

async function ok<N extends CommandName>(
  name: N,
  input: Extract<Command, { name: N }>['input'],
): Promise<CommandOutput<N>> {
  const r = (await station.terminal.handle({ name, input } as Command)) as ContractResult<CommandOutput<N>>;
  if (!r.ok) throw new Error(`${name}: ${r.problem.message.nl}`);
  return r.value;
}

const inject = (route: string, problem: ProblemTypeName) =>
  sandbox.admin.addFault({ route, kind: 'problem', problem, endUserMessage: false, remaining: 1 });

function expectDomainMessage(name: ProblemTypeName, nl: string | undefined): void {
  expect(nl, name).toBe(fallbackMessage(name, 'nl'));
  expect(nl, name).not.toBe(genericProblemMessage('nl'));
}

let eventIds: Map<string, string>;
const CONCERT = 'Concert: Meetjeslandse Harmonie';
const WORKSHOP = 'Workshop keramiek';

async function identify(uitpasNumber: string): Promise<number> {
  const id = await ok('identify', { source: 'typed', value: uitpasNumber });
  expect(id.kind, uitpasNumber).toBe('passholder');
  return id.identificationId;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'counter-problems-'));
  sandbox = await startSandbox();
  const s = sandbox.seed;
  station = await createStationTerminal(
    {
      backend: 'api',
      apiBaseUrl: sandbox.baseUrl,
      tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: s.CLIENTS.counter.clientId,
      clientSecret: s.CLIENTS.counter.clientSecret,
      ledgerFile: join(dataDir, 'ledger.sqlite'),
      stationId: 'balie-problems',
      staffId: 'an',
      station: {
        environment: 'sandbox',
        language: 'nl',
        trainingMode: false,
        simulator: false,
        organizerId: s.ORGANIZERS.ccEeklo.id,
      },
    },
    () => {},
  );
  const { activities } = await ok('activities.list', { range: 'today' });
  eventIds = new Map(activities.map((a) => [a.name, a.id]));
  expect(eventIds.has(CONCERT) && eventIds.has(WORKSHOP)).toBe(true);
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the domain knows every problem type of the definition', () => {
  it('has each one, with a real Dutch, French and English message', () => {
    const inDefinition = new Set(
      [...JSON.stringify(API).matchAll(/https:\/\/api\.publiq\.be\/probs\/[a-z-]+\/[a-z0-9-]+/g)].map(
        (m) => m[0],
      ),
    );
    expect(inDefinition.size).toBeGreaterThan(50);
    for (const uri of inDefinition) expect(problemNameFromUri(uri), uri).toBeDefined();
    for (const name of PROBLEM_TYPES) {
      const [nl, fr, en] = (['nl', 'fr', 'en'] as const).map((lang) => fallbackMessage(name, lang));
      expect(new Set([nl, fr, en, genericProblemMessage('nl')]).size, name).toBe(4);
    }
  });
});

describe('every problem type of the counter flows gets the domain message for that type', () => {
  it.each(documentedProblems('GET', '/passes'))('identify (GET /passes): %s', async (name) => {
    await inject('GET /passes', name);
    const id = await ok('identify', { source: 'typed', value: sandbox.seed.PASSHOLDERS.jonas.uitpasNumber });
    expect(['unknown', 'blocked'], name).toContain(id.kind);
    expectDomainMessage(name, 'message' in id ? id.message.nl : undefined);
  });

  it.each(documentedProblems('POST', '/checkins'))('check-in (POST /checkins): %s', async (name) => {
    const identificationId = await identify(sandbox.seed.PASSHOLDERS.jonas.uitpasNumber);
    await inject('POST /checkins', name);
    const r = await handle('checkin', { identificationId, eventId: eventIds.get(CONCERT) as string });
    expect(r.ok, name).toBe(false);
    if (!r.ok) expectDomainMessage(name, r.problem.message.nl);
  });

  it.each(documentedProblems('GET', '/tariffs'))('tariffs (GET /tariffs): %s', async (name) => {
    const identificationId = await identify(sandbox.seed.PASSHOLDERS.amira.uitpasNumber);
    await inject('GET /tariffs', name);
    const r = await handle('tariffs.get', { identificationId, eventId: eventIds.get(CONCERT) as string });
    expect(r.ok, name).toBe(false);
    if (!r.ok) expectDomainMessage(name, r.problem.message.nl);
  });

  it.each(documentedProblems('POST', '/ticket-sales'))(
    'ticket sale (POST /ticket-sales): %s',
    async (name) => {
      const identificationId = await identify(sandbox.seed.PASSHOLDERS.amira.uitpasNumber);
      const eventId = eventIds.get(CONCERT) as string;
      const { offers } = await ok('tariffs.get', { identificationId, eventId });
      const offer = offers.find((o) => o.tariffs.length > 0);
      const tariff = offer?.tariffs[0];
      expect(tariff, 'a kansentarief to sell').toBeDefined();
      await inject('POST /ticket-sales', name);
      const r = await handle('ticket-sale.register', {
        identificationId,
        eventId,
        lines: [{ regularPriceCents: offer?.regularPriceCents ?? 0, tariffId: tariff?.id ?? '', count: 1 }],
      });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expectDomainMessage(name, r.problem.message.nl);
    },
  );

  it.each(documentedProblems('DELETE', '/checkins/{checkinId}'))(
    'undo a check-in (DELETE /checkins/{checkinId}): %s',
    async (name) => {
      const identificationId = await identify(sandbox.seed.PASSHOLDERS.fatima.uitpasNumber);
      const receipt = await ok('checkin', { identificationId, eventId: eventIds.get(WORKSHOP) as string });
      await inject('DELETE /checkins/{checkinId}', name);
      const r = await handle('undo', { identificationId, actionId: receipt.actionId });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expectDomainMessage(name, r.problem.message.nl);
    },
  );

  it.each(documentedProblems('DELETE', '/ticket-sales/{ticketSaleId}'))(
    'undo a ticket sale (DELETE /ticket-sales/{ticketSaleId}): %s',
    async (name) => {
      const identificationId = await identify(sandbox.seed.PASSHOLDERS.amira.uitpasNumber);
      const eventId = eventIds.get(WORKSHOP) as string;
      const { offers } = await ok('tariffs.get', { identificationId, eventId });
      const offer = offers.find((o) => o.tariffs.length > 0);
      const tariff = offer?.tariffs[0];
      expect(tariff, 'a kansentarief to sell').toBeDefined();
      const sale = await ok('ticket-sale.register', {
        identificationId,
        eventId,
        lines: [{ regularPriceCents: offer?.regularPriceCents ?? 0, tariffId: tariff?.id ?? '', count: 1 }],
      });
      await inject('DELETE /ticket-sales/{ticketSaleId}', name);
      const r = await handle('undo', { identificationId, actionId: sale.actionId });
      if (name === 'uitpas/ticket-sale-not-found') {
        // DELETE is idempotent: a sale UiTPAS no longer has is undone, which is what staff asked for.
        expect(r).toMatchObject({ ok: true, value: { state: 'confirmed' } });
        return;
      }
      expect(r.ok, name).toBe(false);
      if (!r.ok) expectDomainMessage(name, r.problem.message.nl);
    },
  );
});

describe('problems that are passing trouble keep the action', () => {
  it.each(RETRIED.map((name, i) => [name, (['lotte', 'noah'] as const)[i] ?? 'noah'] as const))(
    'a check-in answered with %s is kept and sent again',
    async (name, who) => {
      const person = sandbox.seed.PASSHOLDERS[who];
      const identificationId = await identify(person.uitpasNumber);
      await inject('POST /checkins', name);
      const r = await handle('checkin', { identificationId, eventId: eventIds.get(WORKSHOP) as string });
      expect(r.ok, name).toBe(true);
      await expect
        .poll(
          async () =>
            (await sandbox.admin.state()).checkins.filter(
              (c) => c.passholder_id === person.id && c.deleted_at === null,
            ).length,
          { timeout: 30_000 },
        )
        .toBe(1);
    },
  );
});
