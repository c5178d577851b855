// Composes a station's terminal from its configuration: which backend, which readers, which station
// settings. Both apps and both hosts start their terminal through here.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StationConfig } from '@uitpas/domain';
import { ReaderHub, SimulatedSource } from '@uitpas/reader-driver';
import { createUitpasClient, openLedger, SyncEngine } from '@uitpas/sync';
import { createApiAdapters } from './api-adapters.node.ts';
import { createApiDesk } from './desk/api-desk.node.ts';
import { createApiRewards } from './rewards/api-rewards.node.ts';
import { cardReadsFromHub } from './readers.ts';
import { createTerminal, type Terminal } from './terminal.ts';
import { createStandInAdapters, STAND_IN } from './testing/stand-in-adapters.ts';

export type StationStation = Omit<StationConfig, 'organizer'> & { organizerId?: string };

export type StationSettings =
  | {
      /** Fixed in-memory passes, for transport tests only: clearly not the API. */
      backend: 'stand-in';
      station: StationStation;
    }
  | {
      /** The real path: UiTPAS API v4 (publiq or the sandbox), ledger first, sync engine. */
      backend: 'api';
      station: StationStation;
      apiBaseUrl: string;
      tokenUrl: string;
      clientId: string;
      /** Held by the terminal only; never sent to a renderer or written to a log. */
      clientSecret: string;
      ledgerFile: string;
      stationId: string;
      staffId: string;
    };

const TOKEN_PATH = '/realms/uitid/protocol/openid-connect/token';

function simulatorCards(env: NodeJS.ProcessEnv): StationConfig['simulatorCards'] {
  if (env.UITPAS_SIMULATOR_CARDS === undefined) return undefined;
  try {
    const cards = JSON.parse(env.UITPAS_SIMULATOR_CARDS) as unknown;
    return Array.isArray(cards)
      ? cards.filter(
          (c): c is { label: string; value: string } =>
            typeof c === 'object' && c !== null && typeof c.label === 'string' && typeof c.value === 'string',
        )
      : undefined;
  } catch {
    return undefined;
  }
}

export function stationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StationSettings {
  const language = env.UITPAS_LANGUAGE === 'fr' || env.UITPAS_LANGUAGE === 'en' ? env.UITPAS_LANGUAGE : 'nl';
  const cards = simulatorCards(env);
  const station: StationStation = {
    environment:
      env.UITPAS_ENVIRONMENT === 'publiq-test'
        ? 'publiq-test'
        : env.UITPAS_ENVIRONMENT === 'publiq-production'
          ? 'publiq-production'
          : 'sandbox',
    language,
    trainingMode: env.UITPAS_TRAINING === '1',
    simulator: env.UITPAS_SIMULATOR !== '0',
    ...(env.UITPAS_ORGANIZER_ID ? { organizerId: env.UITPAS_ORGANIZER_ID } : {}),
    ...(cards === undefined ? {} : { simulatorCards: cards }),
  };
  const apiBaseUrl = env.UITPAS_API_URL;
  if (!apiBaseUrl || !env.UITPAS_CLIENT_ID || !env.UITPAS_CLIENT_SECRET) {
    return {
      backend: 'stand-in',
      station: {
        ...station,
        simulatorCards: station.simulatorCards ?? [
          { label: `${STAND_IN.passholder.firstName} (chip)`, value: STAND_IN.chipOfPassholder },
          {
            label: `${STAND_IN.otherPassholder.firstName} (pas)`,
            value: STAND_IN.otherPassholder.uitpasNumber,
          },
          { label: 'Groepspas', value: STAND_IN.groupPass },
          { label: 'Geblokkeerde pas', value: STAND_IN.blockedPass },
          { label: 'Nieuwe kaart', value: STAND_IN.blankCard },
        ],
      },
    };
  }
  return {
    backend: 'api',
    station,
    apiBaseUrl,
    tokenUrl: env.UITPAS_TOKEN_URL ?? `${apiBaseUrl.replace(/\/$/, '')}${TOKEN_PATH}`,
    clientId: env.UITPAS_CLIENT_ID,
    clientSecret: env.UITPAS_CLIENT_SECRET,
    ledgerFile: env.UITPAS_LEDGER ?? '.data/counter-ledger.sqlite',
    stationId: env.UITPAS_STATION_ID ?? 'counter-1',
    staffId: env.UITPAS_STAFF_ID ?? 'staff-1',
  };
}

export interface StationTerminal {
  terminal: Terminal;
  simulator: SimulatedSource;
  stop(): Promise<void>;
}

export async function createStationTerminal(
  settings: StationSettings = stationSettingsFromEnv(),
  log: (message: string) => void = (m) => console.error(m),
): Promise<StationTerminal> {
  if (settings.backend === 'stand-in') {
    const adapters = createStandInAdapters();
    const terminal = createTerminal({ adapters, station: settings.station, log });
    return {
      terminal,
      simulator: adapters.simulator,
      stop: async () => {
        terminal.close();
        await adapters.hub.stop();
      },
    };
  }

  mkdirSync(dirname(settings.ledgerFile), { recursive: true });
  const opened = openLedger(settings.ledgerFile);
  if (!opened.ok) throw new Error(`Het grootboek kon niet geopend worden: ${opened.problem.message}`);
  const ledger = opened.ledger;
  const client = createUitpasClient({
    baseUrl: settings.apiBaseUrl,
    auth: {
      kind: 'client-credentials',
      tokenUrl: settings.tokenUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
  });
  const engine = new SyncEngine({ ledger, client, intervalMs: 5_000 });
  const simulator = new SimulatedSource({ readers: ['simulator'] });
  const hub = new ReaderHub({ sources: settings.station.simulator ? [simulator] : [] });
  await hub.start();
  engine.start();
  const adapters = createApiAdapters({
    ledger,
    client,
    engine,
    readers: cardReadsFromHub(hub, settings.station.simulator ? simulator : undefined),
    searchBaseUrl: settings.apiBaseUrl,
    clientId: settings.clientId,
    stationId: settings.stationId,
    staffId: settings.staffId,
  });
  const desk = createApiDesk({
    ledger,
    client,
    engine,
    stationId: settings.stationId,
    staffId: settings.staffId,
  });
  const rewards = createApiRewards({
    ledger,
    client,
    engine,
    stationId: settings.stationId,
    staffId: settings.staffId,
  });
  const terminal = createTerminal({ adapters, station: settings.station, log, desk, rewards });
  return {
    terminal,
    simulator,
    stop: async () => {
      terminal.close();
      await hub.stop();
      await engine.stop();
      ledger.close();
    },
  };
}
