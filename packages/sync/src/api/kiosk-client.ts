// The kiosk-device calls of UiTPAS API v4 that the outbox engine does not make: setup with a configuration
// code, the device record, the current check-in event, a card's balance, and the organizers' rewards (by
// client identification: kiosk tokens cannot read rewards). Check-ins themselves go through the ledger and
// the engine (`postKioskCheckin` in client.ts). Nothing here throws for a network or server problem.
import { withDeadline } from './deadline.ts';
import { parseProblem, problemNameFromUri, type Problem, type ProblemTypeName } from '@uitpas/domain';

export type KioskApiError =
  | { kind: 'problem'; status: number; name: ProblemTypeName | undefined; problem: Problem }
  | { kind: 'unreachable'; message: string }
  | { kind: 'timeout' }
  | { kind: 'bad-response'; status: number };

export type KioskApiResult<T> = { ok: true; value: T } | { ok: false; error: KioskApiError };

export interface KioskDeviceRecord {
  id: string;
  name: string;
  deviceId: string;
  organizers: { id: string; name: string }[];
  releaseTrack: string;
}

export interface KioskCurrentEvent {
  checkinPoints: number;
  event: { id: string; title: string };
  checkinCode: string;
}

export interface KioskRewardRecord {
  id: string;
  title: string;
  points: number;
  type: string;
}

export interface KioskApiOptions {
  baseUrl: string;
  /** Client identification for public calls (GET /rewards); optional. */
  clientId?: string;
  timeoutMs?: number;
  fetch?: (request: Request) => Promise<Response>;
}

export type KioskApi = ReturnType<typeof createKioskApi>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function deviceRecord(body: unknown): KioskDeviceRecord | undefined {
  if (!isRecord(body) || typeof body.id !== 'string' && typeof body.id !== 'number') return undefined;
  const organizers = Array.isArray(body.organizers) ? body.organizers.filter(isRecord) : [];
  return {
    id: String(body.id),
    name: typeof body.name === 'string' ? body.name : '',
    deviceId: typeof body.deviceId === 'string' ? body.deviceId : '',
    organizers: organizers.map((o) => ({ id: String(o.id ?? ''), name: String(o.name ?? '') })),
    releaseTrack: typeof body.releaseTrack === 'string' ? body.releaseTrack : 'stable',
  };
}

function currentEvent(body: unknown): KioskCurrentEvent | undefined {
  if (!isRecord(body) || !isRecord(body.event)) return undefined;
  const { event } = body;
  if (typeof event.id !== 'string' || typeof body.checkinCode !== 'string') return undefined;
  return {
    checkinPoints: typeof body.checkinPoints === 'number' ? body.checkinPoints : 0,
    event: { id: event.id, title: typeof event.title === 'string' ? event.title : '' },
    checkinCode: body.checkinCode,
  };
}

export function createKioskApi(options: KioskApiOptions) {
  const base = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 8000;
  const doFetch = options.fetch ?? ((r: Request) => globalThis.fetch(r));

  async function call<T>(
    method: string,
    path: string,
    headers: Record<string, string>,
    parse: (body: unknown) => T | undefined,
    body?: unknown,
  ): Promise<KioskApiResult<T>> {
    let response: Response;
    let text: string;
    try {
      [response, text] = await withDeadline(timeoutMs, async (signal) => {
        const r = await doFetch(
          new Request(`${base}${path}`, {
            method,
            headers: {
              accept: 'application/json',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal,
          }),
        );
        return [r, await r.text()] as const;
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return { ok: false, error: { kind: 'timeout' } };
      return {
        ok: false,
        error: { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) },
      };
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = parseProblem(json) ?? { type: 'about:blank', title: response.statusText, status: response.status };
      return {
        ok: false,
        error: { kind: 'problem', status: response.status, name: problemNameFromUri(problem.type), problem },
      };
    }
    const value = parse(json);
    if (value === undefined) return { ok: false, error: { kind: 'bad-response', status: response.status } };
    return { ok: true, value };
  }

  const device = (deviceId: string) => ({ 'x-custom-token': deviceId });

  return {
    /** `PUT /kiosk-devices/setup`: the configuration code travels in `x-custom-token`. */
    setup: (configurationCode: string, body: { name: string; deviceId: string }) =>
      call('PUT', '/kiosk-devices/setup', { 'x-custom-token': configurationCode }, deviceRecord, body),
    device: (deviceId: string) => call('GET', '/kiosk-devices', device(deviceId), deviceRecord),
    /** The event check-ins go to now: configured, or auto-detected by the API. A 404 means none. */
    currentEvent: (deviceId: string) =>
      call('GET', '/kiosk-devices/checkins', device(deviceId), currentEvent),
    configuredEvent: (deviceId: string) =>
      call('GET', '/kiosk-devices/events', device(deviceId), currentEvent),
    balance: (deviceId: string, chipNumber: string) =>
      call(
        'GET',
        `/kiosk-devices/chip-numbers/${encodeURIComponent(chipNumber)}`,
        device(deviceId),
        (b) => (isRecord(b) && typeof b.totalPoints === 'number' ? { totalPoints: b.totalPoints } : undefined),
      ),
    /** POINTS rewards of the given organizers, for display only. */
    rewards: (organizerIds: string[]) => {
      const query = new URLSearchParams({ type: 'POINTS', limit: '50' });
      for (const id of organizerIds) query.append('organizerId', id);
      return call(
        'GET',
        `/rewards?${query.toString()}`,
        options.clientId === undefined ? {} : { 'x-client-id': options.clientId },
        (b): KioskRewardRecord[] | undefined => {
          if (!isRecord(b) || !Array.isArray(b.member)) return undefined;
          return b.member.filter(isRecord).map((r) => ({
            id: String(r.id ?? ''),
            title: typeof r.title === 'string' ? r.title : '',
            points: typeof r.points === 'number' ? r.points : 0,
            type: typeof r.type === 'string' ? r.type : 'POINTS',
          }));
        },
      );
    },
  };
}
