// The UiTPAS API v4 client: typed requests (openapi-fetch over the generated OpenAPI types), a timeout on
// every call, authentication with one renewal after a 401, and every response parsed at the edge into a
// value or a typed error. Nothing here throws for a network or server problem.
import { withDeadline } from './deadline.ts';
import createClient from 'openapi-fetch';
import type { z } from 'zod';
import {
  parseProblem,
  problemNameFromUri,
  userMessage,
  type Problem,
  type ProblemTypeName,
  type UitpasApiPaths,
} from '@uitpas/domain';
import { createAuth, type AuthConfig, type AuthFailure, type AuthProvider } from './auth.ts';
import { parseRetryAfter } from './backoff.ts';
import * as S from './schemas.ts';

export type ApiError =
  /** The API refused the request with a problem (4xx): a business rule or bad input. Not processed. */
  | { kind: 'problem'; status: number; name: ProblemTypeName | undefined; problem: Problem; message: string }
  /** Still 401 after one renewal, or the token endpoint refused us: the engine pauses. Not processed. */
  | { kind: 'unauthorized'; message: string; problem?: Problem }
  | { kind: 'auth-failed'; message: string; retryable: boolean }
  | { kind: 'forbidden'; message: string; problem?: Problem }
  /** 429: not processed; retry after the given time. */
  | { kind: 'rate-limited'; retryAfterMs: number | undefined; message: string }
  /** 5xx: the server may or may not have processed the request (503 is taken as not processed). */
  | { kind: 'server'; status: number; retryAfterMs: number | undefined; message: string }
  /** The connection could not be made: the request certainly did not reach the server. */
  | { kind: 'unreachable'; message: string; cause: string }
  /** The connection broke after the request may have been sent: the outcome is unknown. */
  | { kind: 'lost'; message: string; cause: string }
  /** No complete answer in time: the outcome is unknown. */
  | { kind: 'timeout'; message: string }
  /** A 2xx answer we cannot read (bad JSON, wrong content type, schema violation): processed, result unknown. */
  | { kind: 'bad-response'; status: number; message: string; detail: string };

export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; error: ApiError };

export interface UitpasClientOptions {
  baseUrl: string;
  auth: AuthConfig;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** Token endpoint timeout; defaults to timeoutMs. */
  fetch?: (input: Request) => Promise<Response>;
}

const MESSAGES = {
  unreachable: 'De UiTPAS-server is niet bereikbaar. De handeling blijft bewaard en wordt later verstuurd.',
  lost: 'De verbinding met UiTPAS viel weg tijdens het versturen. We gaan na of de handeling aankwam.',
  timeout: 'UiTPAS antwoordde niet op tijd. We gaan na of de handeling aankwam.',
  badResponse: 'UiTPAS gaf een onleesbaar antwoord. We gaan na of de handeling aankwam.',
  server: 'UiTPAS heeft een storing. We proberen het later opnieuw.',
  rateLimited: 'Te veel aanvragen bij UiTPAS. We proberen het zo dadelijk opnieuw.',
  unauthorized: 'De aanmelding bij UiTPAS is niet (meer) geldig. Meld je opnieuw aan.',
  forbidden: 'Je hebt geen toestemming voor deze handeling bij UiTPAS.',
} as const;

/** Error codes that mean the TCP connection was never made, so nothing was sent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur !== null && typeof cur === 'object'; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return '';
}

function classifyThrown(e: unknown): ApiError {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: MESSAGES.timeout };
  const code = errorCode(e);
  if (NOT_SENT_CODES.has(code)) return { kind: 'unreachable', message: MESSAGES.unreachable, cause: code };
  return { kind: 'lost', message: MESSAGES.lost, cause: code || String(e).slice(0, 200) };
}

/** A response whose body was read completely within the timeout. */
interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

function problemError(raw: RawResponse, lang: 'nl' = 'nl'): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(raw.text);
  } catch {
    body = undefined;
  }
  const problem: Problem = parseProblem(body) ?? {
    type: 'about:blank',
    title: `HTTP ${raw.status}`,
    status: raw.status,
  };
  const name = problemNameFromUri(problem.type);
  if (raw.status === 401) return { kind: 'unauthorized', message: MESSAGES.unauthorized, problem };
  if (raw.status === 403) return { kind: 'forbidden', message: userMessage(problem, lang), problem };
  if (raw.status === 429) {
    return {
      kind: 'rate-limited',
      retryAfterMs: parseRetryAfter(raw.headers.get('retry-after')),
      message: MESSAGES.rateLimited,
    };
  }
  if (raw.status >= 500) {
    return {
      kind: 'server',
      status: raw.status,
      retryAfterMs: parseRetryAfter(raw.headers.get('retry-after')),
      message: MESSAGES.server,
    };
  }
  return { kind: 'problem', status: raw.status, name, problem, message: userMessage(problem, lang) };
}

function parseBody<T>(raw: RawResponse, schema: z.ZodType<T>): ApiResult<T> {
  const type = raw.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return {
      ok: false,
      error: { kind: 'bad-response', status: raw.status, message: MESSAGES.badResponse, detail: `content-type ${type}` },
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.text);
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'bad-response', status: raw.status, message: MESSAGES.badResponse, detail: String(e) },
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        kind: 'bad-response',
        status: raw.status,
        message: MESSAGES.badResponse,
        detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      },
    };
  }
  return { ok: true, value: parsed.data, status: raw.status };
}

const rawOf = new WeakMap<Response, RawResponse>();

type TicketSalesBody = NonNullable<
  UitpasApiPaths['/ticket-sales']['post']['requestBody']
>['content']['application/json'];
type PassholderBody = NonNullable<
  UitpasApiPaths['/passholders']['post']['requestBody']
>['content']['application/json'];

export interface PageQuery {
  start?: number;
  /** At most 500 (the API refuses more). */
  limit?: number;
}

export type UitpasClient = ReturnType<typeof createUitpasClient>;

export function createUitpasClient(options: UitpasClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseFetch = options.fetch ?? ((r: Request) => globalThis.fetch(r));
  const auth: AuthProvider = createAuth(options.auth, baseFetch, timeoutMs);
  let lastAuthFailure: AuthFailure | undefined;

  /** Sends with auth and a deadline covering the whole body, renewing the token once after a 401. */
  const send = async (request: Request): Promise<RawResponse> => {
    const attempt = async (): Promise<RawResponse | 'auth-failed'> => {
      const h = await auth.headers();
      if (!h.ok) {
        lastAuthFailure = h.error;
        return 'auth-failed';
      }
      const r = request.clone();
      for (const [k, v] of Object.entries(h.headers)) r.headers.set(k, v);
      return withDeadline(timeoutMs, async (signal) => {
        const response = await baseFetch(new Request(r, { signal }));
        const text = await response.text();
        return { status: response.status, headers: response.headers, text };
      });
    };
    let raw = await attempt();
    // A 401 means the request was not processed, so sending it once more with a new token is safe.
    if (raw !== 'auth-failed' && raw.status === 401 && (await auth.renew())) raw = await attempt();
    if (raw === 'auth-failed') throw new AuthFailed();
    return raw;
  };

  const http = createClient<UitpasApiPaths>({
    baseUrl: options.baseUrl,
    fetch: async (request: Request) => {
      const raw = await send(request);
      const response = new Response(raw.status === 204 || raw.status === 205 ? null : raw.text, {
        status: raw.status,
        headers: raw.headers,
      });
      // openapi-fetch consumes the body; we keep the text we already read, to parse it ourselves.
      rawOf.set(response, raw);
      return response;
    },
  });

  /** Runs one openapi-fetch call and turns whatever happens into an ApiResult. */
  async function call<T>(
    run: () => Promise<{ response: Response }>,
    schema: z.ZodType<T> | null,
  ): Promise<ApiResult<T>> {
    let raw: RawResponse;
    try {
      const { response } = await run();
      raw = rawOf.get(response) ?? { status: response.status, headers: response.headers, text: '' };
    } catch (e) {
      if (e instanceof AuthFailed) {
        const f = lastAuthFailure;
        return {
          ok: false,
          error: {
            kind: 'auth-failed',
            message: f?.message ?? MESSAGES.unauthorized,
            retryable: f?.retryable ?? false,
          },
        };
      }
      return { ok: false, error: classifyThrown(e) };
    }
    if (raw.status < 200 || raw.status >= 300) return { ok: false, error: problemError(raw) };
    if (schema === null) return { ok: true, value: undefined as T, status: raw.status };
    return parseBody(raw, schema);
  }

  const text = { parseAs: 'text' } as const;
  const page = (q: PageQuery) => ({ start: q.start ?? 0, limit: Math.min(q.limit ?? 500, 500) });

  return {
    /** The typed openapi-fetch client, for calls this wrapper does not cover (responses not parsed). */
    http,
    authKind: auth.kind,

    getPass: (identifier: string) =>
      call(() => http.GET('/passes', { params: { query: { identifier } }, ...text }), S.passSchema),

    getPermissions: () => call(() => http.GET('/permissions', text), S.organizerPermissionsSchema),

    getTariffs: (q: { regularPrice: number; eventId: string; uitpasNumber: string }) =>
      call(() => http.GET('/tariffs', { params: { query: q }, ...text }), S.tariffsResponseSchema),

    postCheckin: (body: { eventId: string; uitpasNumber: string }) =>
      call(() => http.POST('/checkins', { body, ...text }), S.checkinSchema),
    getCheckins: (q: { passholderId: string; organizerId: string } & PageQuery) =>
      call(
        () =>
          http.GET('/checkins', {
            params: { query: { passholderId: q.passholderId, organizerId: [q.organizerId], ...page(q) } },
            ...text,
          }),
        S.checkinsPageSchema,
      ),
    deleteCheckin: (checkinId: string) =>
      call(() => http.DELETE('/checkins/{checkinId}', { params: { path: { checkinId } }, ...text }), null),

    postTicketSales: (
      body: {
        regularPrice: number;
        regularPriceLabel?: string;
        tariff: { id: string };
        eventId: string;
        uitpasNumber: string;
      }[],
    ) =>
      call(
        () =>
          http.POST('/ticket-sales', {
            body: body as unknown as TicketSalesBody,
            ...text,
          }),
        S.ticketSalesSchema,
      ),
    getTicketSales: (q: { passholderId: string; organizerId: string } & PageQuery) =>
      call(
        () =>
          http.GET('/ticket-sales', {
            params: { query: { passholderId: q.passholderId, organizerId: [q.organizerId], ...page(q) } },
            ...text,
          }),
        S.ticketSalesPageSchema,
      ),
    deleteTicketSale: (ticketSaleId: string) =>
      call(
        () => http.DELETE('/ticket-sales/{ticketSaleId}', { params: { path: { ticketSaleId } }, ...text }),
        null,
      ),

    postRedeemedReward: (body: { rewardId: string; uitpasNumber: string }) =>
      call(() => http.POST('/rewards/redeemed', { body, ...text }), S.redeemedRewardSchema),
    getRedeemedRewards: (q: { passholderId: string; organizerId: string } & PageQuery) =>
      call(
        () =>
          http.GET('/rewards/redeemed', {
            params: { query: { passholderId: q.passholderId, organizerId: [q.organizerId], ...page(q) } },
            ...text,
          }),
        S.redeemedRewardsPageSchema,
      ),
    deleteRedeemedReward: (redeemedRewardId: string) =>
      call(
        () =>
          http.DELETE('/rewards/redeemed/{redeemedRewardId}', {
            params: { path: { redeemedRewardId } },
            ...text,
          }),
        null,
      ),

    getRewards: (q: { organizerId: string } & PageQuery) =>
      call(
        () =>
          http.GET('/rewards', {
            params: { query: { organizerId: [q.organizerId], type: 'ANY', ...page(q) } },
            ...text,
          }),
        S.rewardsPageSchema,
      ),

    /** UiTdatabank search for the organizer's UiTPAS events (the sandbox serves it on the same base URL). */
    getEvents: (q: { organizerId: string; dateFrom?: string; dateTo?: string } & PageQuery) =>
      call(async () => {
        const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/events`);
        url.searchParams.set('uitpas', 'true');
        url.searchParams.set('organizerId', q.organizerId);
        url.searchParams.set('embed', 'true');
        if (q.dateFrom) url.searchParams.set('dateFrom', q.dateFrom);
        if (q.dateTo) url.searchParams.set('dateTo', q.dateTo);
        const p = page(q);
        url.searchParams.set('start', String(p.start));
        url.searchParams.set('limit', String(p.limit));
        const raw = await send(new Request(url, { headers: { accept: 'application/json' } }));
        const response = new Response(null, { status: raw.status === 204 ? 204 : 200 });
        rawOf.set(response, raw);
        return { response };
      }, S.eventsPageSchema),

    postKioskCheckin: (chipNumber: string) =>
      call(() => http.POST('/kiosk-devices/checkins', { body: { chipNumber }, ...text }), S.kioskCheckinSchema),

    postPassholder: (body: Record<string, unknown>) =>
      call(
        () =>
          http.POST('/passholders', {
            body: body as unknown as PassholderBody,
            ...text,
          }),
        S.passholderSchema,
      ),
    /** GET /passholders by name (PASSHOLDERS_SEARCH: limited to the caller's card systems). */
    searchPassholders: (q: {
      name: string;
      firstName?: string;
      dateOfBirthFrom?: string;
      dateOfBirthTo?: string;
      organizerId?: string;
      limit: number;
    }) =>
      call(
        () => http.GET('/passholders', { params: { query: { ...q, start: 0 } }, ...text }),
        S.passholderRecordsPageSchema,
      ),
    getPassholder: (passholderId: string) =>
      call(
        () => http.GET('/passholders/{passholderId}', { params: { path: { passholderId } }, ...text }),
        S.passholderRecordSchema,
      ),
    /** The whole pass holder as the desk's writes need it (PUT sends it back with one change). */
    getPassholderDetail: (passholderId: string) =>
      call(
        () => http.GET('/passholders/{passholderId}', { params: { path: { passholderId } }, ...text }),
        S.passholderDetailSchema,
      ),
    /** PUT replaces the whole pass holder: callers send back what GET gave, with their change. */
    putPassholder: (passholderId: string, body: Record<string, unknown>) =>
      call(
        () =>
          http.PUT('/passholders/{passholderId}', {
            params: { path: { passholderId } },
            body: body as unknown as PassholderBody,
            ...text,
          }),
        null,
      ),
    /** Creates a membership, or replaces one (a new card; the old card is blocked). 201 without a body. */
    postMembership: (
      passholderId: string,
      cardSystemId: number,
      body: { cardType: 'NFC_CARD' | 'DIGITAL'; uitpasNumber?: string; registrationOrganizer: { id: string } },
    ) =>
      call(
        () =>
          http.POST('/passholders/{passholderId}/memberships/{cardSystemId}', {
            params: { path: { passholderId, cardSystemId } },
            body,
            ...text,
          }),
        null,
      ),
    findPassholderByUitpasNumber: (uitpasNumber: string) =>
      call(
        () => http.GET('/passholders', { params: { query: { uitpasNumber, limit: 1 } }, ...text }),
        S.passholdersPageSchema,
      ),
  };
}

class AuthFailed extends Error {
  constructor() {
    super('authentication failed');
  }
}
