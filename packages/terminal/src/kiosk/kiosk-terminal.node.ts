// The kiosk's use cases behind the contract: setup with a configuration code, taps saved through the
// ledger (a `kiosk-checkin` action sent by the outbox engine with the device token), the current event,
// rewards, and a PIN-guarded IT view. It serves the same `Terminal` interface as the counter's, so both
// hosts (WebSocket, Electron utility process) carry it unchanged.
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KIOSK_COMMANDS,
  type Command,
  type ContractResult,
  type KioskCommandName,
  type KioskDiagnostics,
  type KioskEventView,
  type KioskReaderView,
  type KioskReward,
  type KioskState,
  type KioskTap,
  type KioskTapOutcome,
  type TerminalEvent,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import type { ReaderHealth as HubReaderHealth, ReaderHub } from '@uitpas/reader-driver';
import {
  SecretStore,
  SyncEngine,
  createKioskApi,
  createUitpasClient,
  type KioskApi,
  type KioskApiError,
  type Ledger,
  type RecordedAction,
} from '@uitpas/sync';
import type { z } from 'zod';
import type { Terminal } from '../terminal.ts';

export interface KioskTerminalOptions {
  ledger: Ledger;
  /** Encrypts the device id at rest (the key file lives next to the database). */
  secretKey: Buffer;
  hub: ReaderHub;
  /** Directory of the kiosk's configuration file. */
  dataDir: string;
  apiBaseUrl: string;
  /** Client identification for reading rewards (public endpoint). */
  clientId?: string;
  appVersion: string;
  idleSeconds?: number;
  warningSeconds?: number;
  /** How long a tap waits for the API before the screen says "queued" (default 5 s). */
  tapAnswerMs?: number;
  /** Engine timer and event refresh interval (default 15 s). */
  syncIntervalMs?: number;
  log?: (line: string) => void;
  fetch?: (request: Request) => Promise<Response>;
}

interface KioskConfig {
  kioskId: string;
  name: string;
  releaseTrack: string;
  organizerIds: string[];
  readerId?: string;
  readerPosition?: string;
  pin: { salt: string; hash: string };
}

type Out<N extends KioskCommandName> = z.infer<(typeof KIOSK_COMMANDS)[N]['output']>;
type In<N extends KioskCommandName> = z.infer<(typeof KIOSK_COMMANDS)[N]['input']>;

const DEVICE_SECRET = 'kiosk-device-id';
const CONFIG_FILE = 'kiosk-config.json';
const SESSION_MS = 10 * 60_000;
const MAX_PIN_FAILURES = 5;
const PIN_LOCK_MS = 60_000;
const LOG_LINES = 200;

const ok = <T>(value: T): ContractResult<T> => ({ ok: true, value });
const fail = (kind: string, message: UserText): ContractResult<never> => ({
  ok: false,
  problem: { kind, message } satisfies TerminalProblem,
});

const SETUP_MESSAGES: Record<string, UserText> = {
  'invalid-code': {
    nl: 'Deze configuratiecode is niet gekend. Controleer de code van je regio.',
    fr: 'Ce code de configuration est inconnu. Vérifiez le code de votre région.',
    en: 'This configuration code is unknown. Check your region’s code.',
  },
  'already-configured': {
    nl: 'Deze zuil is al ingesteld op een ander toestel. Vraag publiq om ze vrij te geven.',
    fr: 'Cette borne est déjà configurée sur un autre appareil.',
    en: 'This kiosk is already set up on another device.',
  },
  'device-in-use': {
    nl: 'Dit toestel is al gekoppeld aan een andere zuil.',
    fr: 'Cet appareil est déjà lié à une autre borne.',
    en: 'This device is already linked to another kiosk.',
  },
  unreachable: {
    nl: 'De UiTPAS-server is niet bereikbaar. Controleer het netwerk en probeer opnieuw.',
    fr: 'Le serveur UiTPAS est injoignable. Vérifiez le réseau et réessayez.',
    en: 'The UiTPAS server cannot be reached. Check the network and try again.',
  },
  'rate-limited': {
    nl: 'Te veel pogingen. Wacht even en probeer opnieuw.',
    fr: 'Trop de tentatives. Patientez puis réessayez.',
    en: 'Too many attempts. Wait a moment and try again.',
  },
  failed: {
    nl: 'Instellen lukte niet. Probeer opnieuw.',
    fr: 'La configuration a échoué. Réessayez.',
    en: 'Setup failed. Try again.',
  },
};

const PIN_WRONG: UserText = { nl: 'Verkeerde pincode.', fr: 'Code PIN erroné.', en: 'Wrong PIN.' };
const PIN_LOCKED: UserText = {
  nl: 'Te veel verkeerde pincodes. Wacht een minuut.',
  fr: 'Trop de codes erronés. Attendez une minute.',
  en: 'Too many wrong PINs. Wait a minute.',
};
const NOT_UNLOCKED: UserText = {
  nl: 'Het IT-scherm is vergrendeld. Geef de pincode opnieuw in.',
  fr: "L'écran IT est verrouillé. Saisissez à nouveau le code PIN.",
  en: 'The IT screen is locked. Enter the PIN again.',
};
const NOT_CONFIGURED: UserText = {
  nl: 'Deze zuil is nog niet ingesteld.',
  fr: "Cette borne n'est pas encore configurée.",
  en: 'This kiosk is not set up yet.',
};

function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32).toString('hex');
}

/** Refusals the kiosk expects every day; they need no staff review. */
const EXPECTED_REFUSALS = new Set<KioskTapOutcome>([
  'already-saved',
  'activity-over',
  'card-blocked',
  'unknown-card',
  'no-activity',
]);

function outcomeOf(problemType: string | undefined): KioskTapOutcome {
  switch (problemType?.replace(/^https:\/\/api\.publiq\.be\/probs\//, '')) {
    case 'uitpas/maximum-reached':
      return 'already-saved';
    case 'uitpas/checkin-not-allowed':
      return 'activity-over';
    case 'uitpas/card-blocked':
    case 'uitpas/invalid-card-status':
    case 'uitpas/passholder-blocked':
      return 'card-blocked';
    case 'uitpas/passholder-not-found':
    case 'uitpas/invalid-card':
      return 'unknown-card';
    case 'uitpas/event-not-found':
      return 'no-activity';
    default:
      return 'refused';
  }
}

function readerView(health: HubReaderHealth): KioskReaderView {
  return {
    id: health.readerId,
    state: health.status === 'present' ? 'ready' : health.status === 'error' ? 'degraded' : 'offline',
  };
}

export interface KioskTerminal extends Terminal {
  /** Closes and waits for the engine's drain in progress, leaving the ledger consistent. */
  stop(): Promise<void>;
}

export function createKioskTerminal(options: KioskTerminalOptions): KioskTerminal {
  const { ledger, hub } = options;
  const secrets = new SecretStore(ledger, options.secretKey);
  const api: KioskApi = createKioskApi({
    baseUrl: options.apiBaseUrl,
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const idleSeconds = options.idleSeconds ?? 15;
  const warningSeconds = Math.max(20, options.warningSeconds ?? 20);
  const tapAnswerMs = options.tapAnswerMs ?? 5000;
  const syncIntervalMs = options.syncIntervalMs ?? 15_000;
  const listeners = new Set<(event: TerminalEvent) => void>();
  const logLines: string[] = [];
  const configFile = join(options.dataDir, CONFIG_FILE);

  let config: KioskConfig | undefined = loadConfig();
  let engine: SyncEngine | undefined;
  let event: KioskEventView | undefined;
  let online = false;
  let rewards: KioskReward[] = [];
  let tapSeq = 0;
  let testMode = false;
  let pinFailures = 0;
  let lockedUntil = 0;
  const sessions = new Map<string, number>();
  let refreshTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  function log(line: string): void {
    const entry = `${new Date().toISOString()} ${line}`;
    logLines.push(entry);
    if (logLines.length > LOG_LINES) logLines.shift();
    options.log?.(line);
  }

  function emit(e: TerminalEvent): void {
    for (const listener of listeners) listener(e);
  }

  function loadConfig(): KioskConfig | undefined {
    if (!existsSync(configFile)) return undefined;
    try {
      return JSON.parse(readFileSync(configFile, 'utf8')) as KioskConfig;
    } catch (error) {
      log(`configuration unreadable, setup needed: ${String(error)}`);
      return undefined;
    }
  }

  function saveConfig(next: KioskConfig): void {
    const tmp = `${configFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    renameSync(tmp, configFile);
  }

  const deviceId = (): string | undefined => secrets.get(DEVICE_SECRET);

  function chosenReader(): KioskReaderView | undefined {
    const all = hub.health().filter((h) => h.source === 'nfc' || h.source === 'simulator');
    const wanted = config?.readerId;
    const health = wanted === undefined ? all[0] : all.find((h) => h.readerId === wanted);
    if (health !== undefined) return readerView(health);
    return wanted === undefined ? undefined : { id: wanted, state: 'offline' };
  }

  function state(): KioskState {
    const reader = chosenReader();
    return {
      configured: config !== undefined,
      ...(config === undefined
        ? {}
        : {
            device: {
              name: config.name,
              releaseTrack: config.releaseTrack,
              ...(config.readerId === undefined ? {} : { readerId: config.readerId }),
            },
          }),
      ...(event === undefined ? {} : { event }),
      ...(reader === undefined ? {} : { reader }),
      online,
      idleSeconds,
      warningSeconds,
      ...(config?.readerPosition ? { readerPosition: config.readerPosition } : {}),
    };
  }

  let lastState = '';
  function publishState(): void {
    const next = state();
    const text = JSON.stringify(next);
    if (text === lastState) return;
    lastState = text;
    emit({ type: 'kiosk-state', state: next });
  }

  async function refresh(): Promise<void> {
    const id = deviceId();
    if (config === undefined || id === undefined) return;
    const wasOnline = online;
    const [current, configured] = await Promise.all([api.currentEvent(id), api.configuredEvent(id)]);
    if (current.ok) {
      online = true;
      event = {
        id: current.value.event.id,
        title: current.value.event.title,
        checkinPoints: current.value.checkinPoints,
        checkinCode: current.value.checkinCode,
        source: configured.ok && configured.value.event.id === current.value.event.id ? 'configured' : 'auto',
      };
    } else if (current.error.kind === 'problem' && current.error.status === 404) {
      online = true;
      event = undefined;
    } else {
      // Offline: keep showing the last known event so taps can still be queued for it.
      online = false;
    }
    // Taps queued during the outage go now, not after a backoff that may have grown to a minute.
    if (online && !wasOnline) engine?.reconnected();
    if (online) {
      const list = await api.rewards(config.organizerIds);
      if (list.ok)
        rewards = list.value
          .filter((r) => r.type === 'POINTS')
          .map((r) => ({ id: r.id, title: r.title, points: r.points }))
          .sort((a, b) => a.points - b.points)
          .slice(0, 6);
    }
    publishState();
  }

  function startSync(id: string): void {
    // After "set up again" the engine of the first setup is still running with the same device id: it
    // kept sending the queued taps meanwhile, and it goes on.
    if (engine === undefined) {
      const client = createUitpasClient({
        baseUrl: options.apiBaseUrl,
        auth: { kind: 'kiosk-device', deviceToken: id },
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      });
      engine = new SyncEngine({ ledger, client, intervalMs: syncIntervalMs, referenceIntervalMs: 0 });
      engine.on('status', (s) => {
        if (s.lastSuccessAt !== null && s.lastError === null) online = true;
        publishState();
      });
      engine.start();
    }
    refreshTimer ??= setInterval(() => void refresh(), syncIntervalMs);
    refreshTimer.unref?.();
    void refresh();
  }

  /** Resolves once the engine decided about the action, or undefined while it is still queued. */
  function waitForAnswer(actionId: string): Promise<RecordedAction | undefined> {
    return new Promise((resolve) => {
      const decided = (): RecordedAction | undefined => {
        const a = ledger.getAction(actionId);
        if (a === undefined) return undefined;
        return a.state === 'confirmed' || a.state === 'rejected' || a.state === 'reconciled' ? a : undefined;
      };
      const check = (afterDrain: boolean) => {
        const a = decided();
        if (a !== undefined) return finish(a);
        // A drain that tried and could not send it: it stays queued.
        const now = ledger.getAction(actionId);
        if (afterDrain && now !== undefined && now.attempts > 0) finish(undefined);
      };
      const offAction = engine?.on('action', (a) => a.id === actionId && check(false));
      const offStatus = engine?.on('status', (s) => !s.draining && check(true));
      const timer = setTimeout(() => finish(decided()), tapAnswerMs);
      function finish(a: RecordedAction | undefined) {
        clearTimeout(timer);
        offAction?.();
        offStatus?.();
        resolve(a);
      }
      check(false);
    });
  }

  async function onTap(chip: string, readerId: string): Promise<void> {
    if (config === undefined) return;
    if (config.readerId !== undefined && readerId !== config.readerId) return;
    if (testMode) {
      emit({
        type: 'kiosk-test-tap',
        chip: `${chip.slice(0, 2)}…${chip.slice(-2)}`,
        readerId,
        at: new Date().toISOString(),
      });
      return;
    }
    const tapId = ++tapSeq;
    const answer = (outcome: KioskTapOutcome, extra: Partial<KioskTap> = {}) =>
      emit({ type: 'kiosk-tap', tap: { tapId, outcome, rewards, ...extra } });
    const organizerId = config.organizerIds[0] ?? config.kioskId;
    const recorded = ledger.record({
      id: randomUUID(),
      type: 'kiosk-checkin',
      chipNumber: chip,
      ...(event === undefined ? {} : { eventId: event.id }),
      stationId: `kiosk-${config.kioskId}`,
      staffId: 'kiosk',
      organizerId,
      createdAt: new Date().toISOString(),
    });
    if (!recorded.ok) {
      log(`tap could not be recorded: ${recorded.error.kind}`);
      return answer('refused');
    }
    const action = await waitForAnswer(recorded.value.id);
    if (action === undefined) {
      online = false;
      publishState();
      log(`tap ${tapId} queued (${recorded.value.id})`);
      return answer('queued');
    }
    if (action.state === 'confirmed') {
      const body = action.result as { newPoints?: unknown; totalPoints?: unknown } | null;
      log(`tap ${tapId} saved`);
      return answer('saved', {
        ...(typeof body?.newPoints === 'number' ? { newPoints: body.newPoints } : {}),
        ...(typeof body?.totalPoints === 'number' ? { totalPoints: body.totalPoints } : {}),
      });
    }
    if (action.state === 'reconciled') return answer('queued');
    const outcome = outcomeOf(action.lastProblem?.type);
    if (EXPECTED_REFUSALS.has(outcome)) ledger.markReviewed(action.id, 'kiosk', `kiosk-${config.kioskId}`);
    log(`tap ${tapId} refused: ${action.lastProblem?.type ?? action.lastProblem?.kind ?? 'unknown'}`);
    const message = action.endUserMessage ?? undefined;
    return answer(outcome, message ? { apiMessage: { nl: message } } : {});
  }

  function session(token: string): boolean {
    const until = sessions.get(token);
    if (until === undefined || until < Date.now()) {
      sessions.delete(token);
      return false;
    }
    sessions.set(token, Date.now() + SESSION_MS);
    return true;
  }

  async function ping(): Promise<KioskDiagnostics['api']> {
    const id = deviceId();
    const checkedAt = new Date().toISOString();
    if (id === undefined) return { reachable: false, checkedAt, problem: 'not configured' };
    const started = performance.now();
    const r = await api.device(id);
    const latencyMs = Math.round(performance.now() - started);
    if (r.ok) return { reachable: true, latencyMs, checkedAt };
    if (r.error.kind === 'problem')
      return { reachable: true, latencyMs, checkedAt, problem: `HTTP ${r.error.status}` };
    return { reachable: false, checkedAt, problem: r.error.kind };
  }

  const handlers: { [N in KioskCommandName]: (input: In<N>) => Promise<ContractResult<Out<N>>> } = {
    'kiosk.state': async () => ok(state()),
    'kiosk.readers': async () => ok({ readers: hub.health().map(readerView) }),
    'kiosk.setup': async (input) => {
      if (config !== undefined) return fail('already-set-up', SETUP_MESSAGES['already-configured']!);
      const id = deviceId() ?? randomUUID();
      const result = await api.setup(input.configurationCode, { name: input.name, deviceId: id });
      if (!result.ok) {
        const reason = setupReason(result.error);
        log(`setup refused: ${reason}`);
        return fail(reason, SETUP_MESSAGES[reason] ?? SETUP_MESSAGES.failed!);
      }
      secrets.put(DEVICE_SECRET, id);
      const salt = randomBytes(16).toString('hex');
      config = {
        kioskId: result.value.id,
        name: input.name,
        releaseTrack: result.value.releaseTrack,
        organizerIds: result.value.organizers.map((o) => o.id),
        ...(input.readerId === undefined || input.readerId === '' ? {} : { readerId: input.readerId }),
        ...(input.readerPosition ? { readerPosition: input.readerPosition } : {}),
        pin: { salt, hash: hashPin(input.pin, salt) },
      };
      saveConfig(config);
      log(`set up as kiosk ${config.kioskId} (${config.releaseTrack})`);
      startSync(id);
      await refresh();
      publishState();
      return ok(state());
    },
    'kiosk.unlock': async (input) => {
      if (config === undefined) return fail('not-configured', NOT_CONFIGURED);
      if (Date.now() < lockedUntil) return fail('pin-locked', PIN_LOCKED);
      const given = Buffer.from(hashPin(input.pin, config.pin.salt), 'hex');
      const expected = Buffer.from(config.pin.hash, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        pinFailures++;
        log('wrong IT PIN');
        if (pinFailures >= MAX_PIN_FAILURES) {
          pinFailures = 0;
          lockedUntil = Date.now() + PIN_LOCK_MS;
          return fail('pin-locked', PIN_LOCKED);
        }
        return fail('pin-wrong', PIN_WRONG);
      }
      pinFailures = 0;
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, Date.now() + SESSION_MS);
      log('IT screen unlocked');
      return ok({ session: token });
    },
    'kiosk.diagnostics': async (input) => {
      if (!session(input.session)) return fail('locked', NOT_UNLOCKED);
      const q = ledger.queueStats();
      const status = engine?.status();
      const chosen = config?.readerId;
      const { checkinCode: _code, ...eventInfo } = event ?? { checkinCode: '' };
      return ok({
        appVersion: options.appVersion,
        ...(config === undefined ? {} : { device: { name: config.name, releaseTrack: config.releaseTrack } }),
        readers: hub.health().map((h) => ({
          ...readerView(h),
          chosen: chosen === undefined || chosen === h.readerId,
          ...(h.lastError === undefined ? {} : { lastError: h.lastError }),
          ...(h.lastTapAt === undefined ? {} : { lastTapAt: new Date(h.lastTapAt).toISOString() }),
          tapCount: h.tapCount,
        })),
        api: await ping(),
        queue: { depth: q.depth, uncertain: q.uncertain, rejected: ledger.reviewList().length },
        ...(status?.lastSuccessAt == null
          ? {}
          : { lastSyncAt: new Date(status.lastSuccessAt).toISOString() }),
        ...(event === undefined ? {} : { event: eventInfo as Omit<KioskEventView, 'checkinCode'> }),
        log: [...logLines],
      });
    },
    'kiosk.test-mode': async (input) => {
      if (!session(input.session)) return fail('locked', NOT_UNLOCKED);
      testMode = input.on;
      return ok({ on: testMode });
    },
    'kiosk.lock': async (input) => {
      sessions.delete(input.session);
      testMode = false;
      return ok({});
    },
    'kiosk.reset-setup': async (input) => {
      if (!session(input.session)) return fail('locked', NOT_UNLOCKED);
      if (config === undefined) return fail('not-configured', NOT_CONFIGURED);
      // Only the configuration goes. The ledger with its queued taps, the device id (their token) and the
      // engine stay, so every recorded tap is still sent; a new setup keeps the same device id.
      rmSync(configFile, { force: true });
      log(
        `setup cleared on the IT screen (was kiosk ${config.kioskId}); ${ledger.queueStats().depth} queued`,
      );
      config = undefined;
      event = undefined;
      rewards = [];
      sessions.clear();
      testMode = false;
      publishState();
      return ok(state());
    },
  };

  const offRead = hub.on('read', (read) => {
    if (read.kind !== 'chip') {
      // A phone or card barcode: the kiosk-device API only takes chip numbers; the QR is for the app.
      if (config !== undefined && !testMode)
        emit({ type: 'kiosk-tap', tap: { tapId: ++tapSeq, outcome: 'not-a-card', rewards } });
      return;
    }
    void onTap(read.value, read.readerId).catch((error: unknown) => log(`tap failed: ${String(error)}`));
  });
  const offRejected = hub.on('rejected', () => {
    if (config !== undefined && !testMode)
      emit({ type: 'kiosk-tap', tap: { tapId: ++tapSeq, outcome: 'not-a-card', rewards } });
  });
  const offHealth = hub.on('health', (h) => {
    log(`reader ${h.readerId}: ${h.status}${h.lastError ? ` (${h.lastError})` : ''}`);
    publishState();
  });

  const id = deviceId();
  if (config !== undefined && id !== undefined) startSync(id);

  return {
    async handle(command: Command) {
      const handler = (
        handlers as Partial<Record<string, (input: unknown) => Promise<ContractResult<unknown>>>>
      )[command.name];
      if (handler === undefined)
        return fail('not-available', {
          nl: 'Deze functie is er niet op een zuil.',
          fr: "Cette fonction n'existe pas sur une borne.",
          en: 'This function is not available on a kiosk.',
        });
      try {
        return await handler(command.input);
      } catch (error) {
        log(`command ${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return fail('internal', SETUP_MESSAGES.failed!);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      void this.stop();
    },
    async stop() {
      if (closed) return;
      closed = true;
      offRead();
      offRejected();
      offHealth();
      if (refreshTimer) clearInterval(refreshTimer);
      listeners.clear();
      await engine?.stop();
    },
  };
}

function setupReason(error: KioskApiError): string {
  if (error.kind === 'unreachable' || error.kind === 'timeout') return 'unreachable';
  if (error.kind !== 'problem') return 'failed';
  if (error.status === 429) return 'rate-limited';
  switch (error.name) {
    case 'uitpas/kiosk-not-found':
    case 'auth/unauthorized':
      return 'invalid-code';
    case 'uitpas/kiosk-already-configured':
      return 'already-configured';
    case 'uitpas/kiosk-device-already-in-use':
      return 'device-in-use';
    default:
      return 'failed';
  }
}
