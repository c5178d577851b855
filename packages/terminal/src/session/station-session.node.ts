// The counter station's staff session: UiTiD sign-in (authorization code + PKCE, the code comes back to a
// loopback callback of this process), or station client credentials with per-staff PINs; locking by hand
// and after inactivity; throttling of wrong PINs; and the API environment the station works against.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEnvironment, ContractResult, SessionView, StaffMember, UserText } from '@uitpas/domain';
import {
  authorizeUrl,
  createPkceRequest,
  exchangeAuthorizationCode,
  type AuthConfig,
  type PkceRequest,
  type SecretStore,
} from '@uitpas/sync';
import { problem } from '../texts.ts';
import { pinMatches, StaffDirectory } from './pins.node.ts';
import { queuedForEnvironment, SESSION_TEXTS, throttled, type SessionService } from './session.ts';

export interface EnvironmentEndpoints {
  apiBaseUrl: string;
  tokenUrl: string;
  /** UiTiD's login page; by default the `auth` endpoint next to the token endpoint (Keycloak). */
  authorizeUrl?: string;
  /** UiTdatabank search; the sandbox serves it on the API's base URL. */
  searchBaseUrl?: string;
  /** The station's (back-office) client credentials in this environment, for PIN sign-in. */
  stationClient?: { clientId: string; clientSecret: string };
  /** The public client id registered for UiTiD sign-in with PKCE in this environment. */
  uitidClientId?: string;
}

const TOKEN_PATH = '/realms/uitid/protocol/openid-connect/token';

/** publiq's environments (DOMAIN.md §1); credentials differ per environment and come from settings. */
export const PUBLIQ_ENVIRONMENTS: Record<'publiq-test' | 'publiq-production', EnvironmentEndpoints> = {
  'publiq-test': {
    apiBaseUrl: 'https://api-test.uitpas.be',
    tokenUrl: `https://account-test.uitid.be${TOKEN_PATH}`,
    searchBaseUrl: 'https://search-test.uitdatabank.be',
  },
  'publiq-production': {
    apiBaseUrl: 'https://api.uitpas.be',
    tokenUrl: `https://account.uitid.be${TOKEN_PATH}`,
    searchBaseUrl: 'https://search.uitdatabank.be',
  },
};

export interface StationSessionOptions {
  secrets: SecretStore;
  environment: ApiEnvironment;
  environments: Partial<Record<ApiEnvironment, EnvironmentEndpoints>>;
  /** Points the station's API client (and so the sync engine and every adapter) at this backend. */
  useBackend(environment: ApiEnvironment, endpoints: EnvironmentEndpoints, auth: AuthConfig): void;
  /** Actions in the ledger not yet sent to the API. */
  pendingActions(): number;
  /** A staff member signed in from the start (a station configured for one person, tests). */
  preset?: StaffMember;
  /** Staff with their PIN, added on first start when the station has nobody with that id yet. */
  staff?: { id: string; name: string; pin: string }[];
  /** Lock after this long without input; 0 or absent: never by itself. */
  idleLockMs?: number;
  /** Wrong PINs allowed before each further attempt must wait, and the first wait (doubling after). */
  pinThrottle?: { freeAttempts?: number; baseDelayMs?: number };
  log?: (message: string) => void;
}

type Signed =
  | { state: 'signed-out' }
  | { state: 'signed-in' | 'locked'; staff: StaffMember; method: 'uitid' | 'pin' | 'preset' };

const RECENT_ORGANIZERS = 'station.organizers.recent';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function callbackPage(text: UserText, ok: boolean): string {
  return (
    `<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>UiTPAS balie</title></head>` +
    `<body><main><h1>${ok ? 'Aangemeld' : 'Niet aangemeld'}</h1><p role="${ok ? 'status' : 'alert'}">` +
    `${escapeHtml(text.nl)}</p><p lang="fr">${escapeHtml(text.fr ?? '')}</p>` +
    `<p lang="en">${escapeHtml(text.en ?? '')}</p></main></body></html>`
  );
}

export async function createStationSession(options: StationSessionOptions): Promise<SessionService> {
  const staff = new StaffDirectory(options.secrets);
  for (const member of options.staff ?? []) {
    if (staff.find(member.id) === undefined) await staff.add(member.name, member.pin, member.id);
  }
  const log = options.log ?? (() => {});
  const freeAttempts = options.pinThrottle?.freeAttempts ?? 3;
  const baseDelayMs = options.pinThrottle?.baseDelayMs ?? 30_000;
  const idleLockMs = options.idleLockMs ?? 0;

  let environment = options.environment;
  let signed: Signed =
    options.preset === undefined
      ? { state: 'signed-out' }
      : { state: 'signed-in', staff: options.preset, method: 'preset' };
  /** Which credentials the API client currently uses, so a sign-in only rebuilds it when needed. */
  let backend: 'station' | 'uitid' | 'none' = 'station';
  let pendingUitid: { request: PkceRequest; redirectUri: string; environment: ApiEnvironment } | undefined;
  let failures = 0;
  let blockedUntil = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let callback: Server | undefined;
  const listeners = new Set<(view: SessionView) => void>();

  const endpoints = (): EnvironmentEndpoints | undefined => options.environments[environment];

  function view(): SessionView {
    const here = endpoints();
    const staffList = staff.list().map((s) => ({ id: s.id, name: s.name }));
    return {
      state: signed.state,
      ...(signed.state === 'signed-out' ? {} : { staff: signed.staff, method: signed.method }),
      methods: {
        uitid: here?.uitidClientId !== undefined,
        pin: here?.stationClient !== undefined && staffList.length > 0,
      },
      staffList,
      idleLockSeconds: Math.round(idleLockMs / 1000),
      pendingUitid: pendingUitid !== undefined,
    };
  }

  function emit(): void {
    const current = view();
    for (const listener of listeners) listener(current);
  }

  function armIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (idleLockMs <= 0 || signed.state !== 'signed-in' || signed.method === 'preset') return;
    idleTimer = setTimeout(() => {
      if (signed.state === 'signed-in') {
        signed = { ...signed, state: 'locked' };
        emit();
      }
    }, idleLockMs);
    idleTimer.unref?.();
  }

  function signIn(member: StaffMember, method: 'uitid' | 'pin'): void {
    signed = { state: 'signed-in', staff: member, method };
    failures = 0;
    blockedUntil = 0;
    armIdle();
    emit();
  }

  function useStationClient(): boolean {
    const here = endpoints();
    if (here?.stationClient === undefined) return false;
    if (backend !== 'station') {
      options.useBackend(environment, here, {
        kind: 'client-credentials',
        tokenUrl: here.tokenUrl,
        clientId: here.stationClient.clientId,
        clientSecret: here.stationClient.clientSecret,
      });
      backend = 'station';
    }
    return true;
  }

  /** A wrong PIN counts; after the free attempts every next one has to wait, twice as long each time. */
  function wrongPin(): ContractResult<never> {
    failures += 1;
    if (failures >= freeAttempts) blockedUntil = Date.now() + baseDelayMs * 2 ** (failures - freeAttempts);
    return { ok: false, problem: problem('wrong-pin', SESSION_TEXTS.wrongPin) };
  }

  function throttle(): ContractResult<never> | undefined {
    const wait = blockedUntil - Date.now();
    return wait > 0
      ? { ok: false, problem: problem('pin-throttled', throttled(Math.ceil(wait / 1000))) }
      : undefined;
  }

  async function finishUitid(query: URLSearchParams): Promise<{ status: number; text: UserText }> {
    const waiting = pendingUitid;
    if (waiting === undefined || query.get('state') !== waiting.request.state) {
      return {
        status: 400,
        text: {
          nl: 'Deze aanmelding is verlopen of onbekend. Start het aanmelden opnieuw vanaf de balie.',
          fr: 'Cette connexion a expiré ou est inconnue. Recommencez depuis le comptoir.',
          en: 'This sign-in has expired or is unknown. Start signing in again from the counter.',
        },
      };
    }
    pendingUitid = undefined;
    const here = options.environments[waiting.environment];
    const code = query.get('code');
    if (code === null || here?.uitidClientId === undefined || waiting.environment !== environment) {
      emit();
      return {
        status: 400,
        text: {
          nl: 'De aanmelding bij UiTiD werd afgebroken. Probeer opnieuw vanaf de balie.',
          fr: 'La connexion UiTiD a été interrompue. Réessayez depuis le comptoir.',
          en: 'The UiTiD sign-in was cancelled. Try again from the counter.',
        },
      };
    }
    const exchanged = await exchangeAuthorizationCode({
      tokenUrl: here.tokenUrl,
      clientId: here.uitidClientId,
      code,
      redirectUri: waiting.redirectUri,
      verifier: waiting.request.verifier,
    });
    if (!exchanged.ok) {
      emit();
      return { status: 400, text: { nl: exchanged.message } };
    }
    // Rotating refresh tokens are kept encrypted, so queued actions can still be sent after a restart.
    const store = options.secrets.tokenStore(`uitid.${waiting.environment}`);
    store.save(exchanged.tokens);
    options.useBackend(environment, here, {
      kind: 'user-token',
      tokenUrl: here.tokenUrl,
      clientId: here.uitidClientId,
      tokens: exchanged.tokens,
      store,
    });
    backend = 'uitid';
    signIn({ id: `uitid:${exchanged.user.id}`, name: exchanged.user.name }, 'uitid');
    return {
      status: 200,
      text: {
        nl: `Je bent aangemeld als ${exchanged.user.name}. Sluit dit venster en werk verder in de balie.`,
        fr: `Vous êtes connecté(e) en tant que ${exchanged.user.name}. Fermez cette fenêtre et continuez au comptoir.`,
        en: `You are signed in as ${exchanged.user.name}. Close this window and carry on at the counter.`,
      },
    };
  }

  /** The loopback address UiTiD sends the browser back to with the code (RFC 8252 §7.3). */
  async function callbackUrl(): Promise<string> {
    if (callback === undefined) {
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const reply = (status: number, text: UserText, ok: boolean) => {
          res.writeHead(status, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'content-security-policy': "default-src 'none'",
            'referrer-policy': 'no-referrer',
          });
          res.end(callbackPage(text, ok));
        };
        if (req.method !== 'GET' || url.pathname !== '/uitid/callback') {
          reply(404, { nl: 'Onbekende pagina.', fr: 'Page inconnue.', en: 'Unknown page.' }, false);
          return;
        }
        finishUitid(url.searchParams).then(
          (r) => reply(r.status, r.text, r.status === 200),
          (error: unknown) => {
            log(`UiTiD sign-in failed: ${error instanceof Error ? error.name : 'error'}`);
            reply(500, { nl: 'De aanmelding is mislukt. Probeer opnieuw vanaf de balie.' }, false);
          },
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      callback = server;
    }
    return `http://127.0.0.1:${(callback.address() as AddressInfo).port}/uitid/callback`;
  }

  function recentOrganizers(): string[] {
    try {
      const parsed = JSON.parse(options.secrets.get(RECENT_ORGANIZERS) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  const handlers: SessionService['handlers'] = {
    'session.get': async () => ({ ok: true, value: view() }),
    'session.uitid.start': async () => {
      const here = endpoints();
      if (here?.uitidClientId === undefined)
        return { ok: false, problem: problem('uitid-unavailable', SESSION_TEXTS.uitidUnavailable) };
      const request = createPkceRequest();
      const redirectUri = await callbackUrl();
      pendingUitid = { request, redirectUri, environment };
      emit();
      return {
        ok: true,
        value: {
          authorizeUrl: authorizeUrl({
            authorizeEndpoint: here.authorizeUrl ?? here.tokenUrl.replace(/\/token$/, '/auth'),
            clientId: here.uitidClientId,
            redirectUri,
            request,
          }),
        },
      };
    },
    'session.pin.signIn': async (input) => {
      if (!view().methods.pin)
        return { ok: false, problem: problem('pin-unavailable', SESSION_TEXTS.pinUnavailable) };
      const waiting = throttle();
      if (waiting) return waiting;
      const record = staff.find(input.staffId);
      if (record === undefined)
        return { ok: false, problem: problem('unknown-staff', SESSION_TEXTS.unknownStaff) };
      if (!(await pinMatches(record, input.pin))) return wrongPin();
      useStationClient();
      signIn({ id: record.id, name: record.name }, 'pin');
      return { ok: true, value: view() };
    },
    'session.lock': async () => {
      if (signed.state !== 'signed-in' || signed.method === 'preset')
        return { ok: false, problem: problem('cannot-lock', SESSION_TEXTS.cannotLock) };
      signed = { ...signed, state: 'locked' };
      armIdle();
      emit();
      return { ok: true, value: view() };
    },
    'session.unlock': async (input) => {
      if (signed.state !== 'locked')
        return { ok: false, problem: problem('not-locked', SESSION_TEXTS.notLocked) };
      const waiting = throttle();
      if (waiting) return waiting;
      const record = staff.find(signed.staff.id);
      if (record === undefined) return wrongPin();
      if (!(await pinMatches(record, input.pin))) return wrongPin();
      signIn(signed.staff, signed.method === 'uitid' ? 'uitid' : 'pin');
      return { ok: true, value: view() };
    },
    'session.signOut': async () => {
      signed = { state: 'signed-out' };
      pendingUitid = undefined;
      armIdle();
      emit();
      return { ok: true, value: view() };
    },
    'session.activity': async () => ({ ok: true, value: { ok: true as const } }),
    'session.staff.add': async (input) => {
      if ((await staff.withPin(input.pin)) !== undefined)
        return { ok: false, problem: problem('pin-taken', SESSION_TEXTS.pinTaken) };
      await staff.add(input.name, input.pin);
      emit();
      return { ok: true, value: view() };
    },
    'session.staff.remove': async (input) => {
      const list = staff.list();
      if (!list.some((s) => s.id === input.staffId))
        return { ok: false, problem: problem('unknown-staff', SESSION_TEXTS.unknownStaff) };
      if (list.length === 1) return { ok: false, problem: problem('last-staff', SESSION_TEXTS.lastStaff) };
      staff.remove(input.staffId);
      emit();
      return { ok: true, value: view() };
    },
  };

  return {
    view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handlers,
    staffId: () => (signed.state === 'signed-out' ? undefined : signed.staff.id),
    touch() {
      if (signed.state === 'signed-in') armIdle();
    },
    recentOrganizers,
    rememberOrganizer(id) {
      const recent = [id, ...recentOrganizers().filter((o) => o !== id)].slice(0, 20);
      options.secrets.put(RECENT_ORGANIZERS, JSON.stringify(recent));
    },
    async switchEnvironment(next) {
      if (next === environment) return { ok: true, value: undefined };
      const target = options.environments[next];
      if (target === undefined)
        return {
          ok: false,
          problem: problem('unknown-environment', {
            nl: 'Deze omgeving is niet ingesteld op deze balie.',
            fr: "Cet environnement n'est pas configuré sur ce comptoir.",
            en: 'This environment is not set up on this counter.',
          }),
        };
      const queued = options.pendingActions();
      if (queued > 0) return { ok: false, problem: problem('actions-queued', queuedForEnvironment(queued)) };
      environment = next;
      // Tokens only work in their own environment: everyone signs in again there.
      signed = { state: 'signed-out' };
      pendingUitid = undefined;
      armIdle();
      backend = 'none';
      if (!useStationClient()) {
        options.useBackend(next, target, {
          kind: 'user-token',
          tokenUrl: target.tokenUrl,
          clientId: target.uitidClientId ?? '',
          tokens: { accessToken: '', expiresAt: 0 },
        });
      }
      emit();
      return { ok: true, value: undefined };
    },
    close() {
      clearTimeout(idleTimer);
      listeners.clear();
      callback?.close();
      callback?.closeAllConnections();
    },
  };
}
