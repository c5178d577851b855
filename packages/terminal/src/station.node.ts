// Composes a station's terminal from its configuration: which backend, which readers, which station
// settings. Both apps and both hosts start their terminal through here.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiEnvironment, StationConfig } from '@uitpas/domain';
import {
  PcscSource,
  ReaderHub,
  SimulatedSource,
  type CardSource,
  type PcscSourceOptions,
} from '@uitpas/reader-driver';
import {
  createUitpasClient,
  loadOrCreateKey,
  openLedger,
  SecretStore,
  SyncEngine,
  type AuthConfig,
  type UitpasClient,
} from '@uitpas/sync';
import { createApiAdapters } from './api-adapters.node.ts';
import { createApiDesk } from './desk/api-desk.node.ts';
import { createApiPassholders } from './passholders/api-passholders.node.ts';
import { createApiRewards } from './rewards/api-rewards.node.ts';
import { cardReadsFromHub } from './readers.ts';
import { createTerminal, type Terminal } from './terminal.ts';
import {
  createStationSession,
  PUBLIQ_ENVIRONMENTS,
  type EnvironmentEndpoints,
} from './session/station-session.node.ts';
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
      /** A staff member signed in from the start; without it the counter opens on its sign-in screen. */
      staffId?: string;
      /** Staff who sign in with a PIN (hashed on first start, never kept in clear). */
      staff?: { id: string; name: string; pin: string }[];
      /** The public client id for UiTiD sign-in (authorization code + PKCE) in this environment. */
      uitidClientId?: string;
      /** Other environments' endpoints and credentials, over publiq's defaults (tests: a second sandbox). */
      environments?: Partial<Record<ApiEnvironment, EnvironmentEndpoints>>;
      /** Lock after this long without input (default 5 minutes; 0: never). */
      idleLockMs?: number;
      pinThrottle?: { freeAttempts?: number; baseDelayMs?: number };
      /**
       * Real NFC readers through pcscd, next to the simulator. Off unless given, so a test never reads
       * another test's virtual card; `stationSettingsFromEnv` turns it on unless `UITPAS_PCSC=0`.
       */
      pcsc?: PcscSourceOptions | false;
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

/** `UITPAS_STAFF`: JSON `[{ id, name, pin }]`, the staff who may sign in with a PIN. */
function staffFromEnv(env: NodeJS.ProcessEnv): { id: string; name: string; pin: string }[] | undefined {
  if (env.UITPAS_STAFF === undefined) return undefined;
  try {
    const staff = JSON.parse(env.UITPAS_STAFF) as unknown;
    return Array.isArray(staff)
      ? staff.filter(
          (s): s is { id: string; name: string; pin: string } =>
            typeof s === 'object' &&
            s !== null &&
            typeof s.id === 'string' &&
            typeof s.name === 'string' &&
            typeof s.pin === 'string' &&
            /^\d{4,8}$/.test(s.pin),
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
    ...(env.UITPAS_STAFF_ID ? { staffId: env.UITPAS_STAFF_ID } : {}),
    ...(env.UITPAS_UITID_CLIENT_ID ? { uitidClientId: env.UITPAS_UITID_CLIENT_ID } : {}),
    ...(staffFromEnv(env) === undefined ? {} : { staff: staffFromEnv(env) }),
    ...(env.UITPAS_IDLE_LOCK_SECONDS && Number.isFinite(Number(env.UITPAS_IDLE_LOCK_SECONDS))
      ? { idleLockMs: Number(env.UITPAS_IDLE_LOCK_SECONDS) * 1000 }
      : {}),
    pcsc: env.UITPAS_PCSC === '0' ? false : {},
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
  const key = loadOrCreateKey(join(dirname(settings.ledgerFile), 'secret.key'));
  if (!key.ok) throw new Error(key.error.message);
  const secrets = new SecretStore(ledger, key.key);

  const initial = settings.station.environment;
  const environments: Partial<Record<ApiEnvironment, EnvironmentEndpoints>> = {
    ...PUBLIQ_ENVIRONMENTS,
    ...settings.environments,
    [initial]: {
      ...settings.environments?.[initial],
      apiBaseUrl: settings.apiBaseUrl,
      tokenUrl: settings.tokenUrl,
      stationClient: { clientId: settings.clientId, clientSecret: settings.clientSecret },
      ...(settings.uitidClientId === undefined ? {} : { uitidClientId: settings.uitidClientId }),
    },
  };
  // One client for the station's life, whose backend an environment switch or a UiTiD sign-in replaces:
  // the engine and every adapter keep their reference and follow.
  let endpoints = environments[initial] as EnvironmentEndpoints;
  let clientId = settings.clientId;
  let backend: UitpasClient = createUitpasClient({
    baseUrl: settings.apiBaseUrl,
    auth: {
      kind: 'client-credentials',
      tokenUrl: settings.tokenUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
  });
  const client = new Proxy({} as UitpasClient, {
    get: (_target, property) => Reflect.get(backend, property) as unknown,
  });
  const engine = new SyncEngine({ ledger, client, intervalMs: 5_000 });
  const session = await createStationSession({
    secrets,
    environment: initial,
    environments,
    useBackend(_environment, next: EnvironmentEndpoints, auth: AuthConfig) {
      endpoints = next;
      clientId = auth.kind === 'kiosk-device' ? clientId : auth.clientId;
      backend = createUitpasClient({ baseUrl: next.apiBaseUrl, auth });
      engine.wake();
    },
    pendingActions: () => engine.status().queueDepth,
    ...(settings.staffId === undefined ? {} : { preset: { id: settings.staffId, name: settings.staffId } }),
    ...(settings.staff === undefined ? {} : { staff: settings.staff }),
    idleLockMs: settings.idleLockMs ?? 5 * 60_000,
    ...(settings.pinThrottle === undefined ? {} : { pinThrottle: settings.pinThrottle }),
    log,
  });
  const simulator = new SimulatedSource({ readers: ['simulator'] });
  const sources: CardSource[] = settings.station.simulator ? [simulator] : [];
  if (settings.pcsc) sources.push(new PcscSource(settings.pcsc));
  const hub = new ReaderHub({ sources });
  await hub.start();
  engine.start();
  /** Who acts: the signed-in staff member (recorded with every ledger action). */
  const staffId = () => session.staffId() ?? settings.staffId ?? 'unknown';
  const adapters = createApiAdapters({
    ledger,
    client,
    engine,
    readers: cardReadsFromHub(hub, settings.station.simulator ? simulator : undefined),
    get searchBaseUrl() {
      return endpoints.searchBaseUrl ?? endpoints.apiBaseUrl;
    },
    get clientId() {
      return clientId;
    },
    stationId: settings.stationId,
    get staffId() {
      return staffId();
    },
  });
  const desk = createApiDesk({
    ledger,
    client,
    engine,
    stationId: settings.stationId,
    get staffId() {
      return staffId();
    },
  });
  const passholders = createApiPassholders({ client });
  const rewards = createApiRewards({
    ledger,
    client,
    engine,
    stationId: settings.stationId,
    get staffId() {
      return staffId();
    },
  });
  const terminal = createTerminal({
    adapters,
    station: settings.station,
    log,
    desk,
    passholders,
    session,
    rewards,
  });
  return {
    terminal,
    simulator,
    stop: async () => {
      terminal.close();
      session.close();
      await hub.stop();
      await engine.stop();
      ledger.close();
    },
  };
}
