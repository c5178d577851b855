// UiTdatabank Search subset: `GET /events?uitpas=true&organizerId=…&dateFrom=…&dateTo=…` (DOMAIN.md "Decisions").
// Not part of the UiTPAS definition, so its parameters are checked here by hand.
import type { App } from './app.node.ts';
import { principalForBearer } from './auth.node.ts';
import { allEvents, eventSearchJson } from './model.node.ts';
import { problem, json, type Reply } from './problems.ts';
import { CLIENTS, PKCE_CLIENT_ID } from './seed-data.ts';

const ALLOWED = new Set([
  'uitpas',
  'organizerId',
  'dateFrom',
  'dateTo',
  'start',
  'limit',
  'embed',
  'clientId',
  'sort[availableTo]',
  'sort[startDate]',
]);

export function handleEventSearch(
  app: App,
  url: URL,
  authorization?: string,
  clientIdHeader?: string,
): Reply {
  const params = url.searchParams;
  const clientId = clientIdHeader ?? params.get('clientId');
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const knownClient =
    clientId !== null &&
    [...Object.values(CLIENTS).map((c) => c.clientId), PKCE_CLIENT_ID].includes(clientId);
  if (!(bearer && principalForBearer(app, bearer)) && !knownClient) {
    return problem('auth/unauthorized', { detail: 'Send x-client-id or a bearer token' });
  }
  const errors: { jsonPointer: string; error: string }[] = [];
  for (const key of params.keys())
    if (!ALLOWED.has(key)) errors.push({ jsonPointer: `/${key}`, error: 'unknown parameter' });
  const date = (name: string): Date | null => {
    const v = params.get(name);
    if (v === null) return null;
    const d = new Date(v);
    if (Number.isNaN(d.getTime()))
      errors.push({ jsonPointer: `/${name}`, error: 'must be an ISO 8601 date-time' });
    return d;
  };
  const int = (name: string, fallback: number, max: number): number => {
    const v = params.get(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max)
      errors.push({ jsonPointer: `/${name}`, error: `must be an integer 0–${max}` });
    return n;
  };
  const from = date('dateFrom');
  const to = date('dateTo');
  const start = int('start', 0, 10_000);
  const limit = int('limit', 30, 2000);
  const uitpas = params.get('uitpas');
  if (uitpas !== null && uitpas !== 'true' && uitpas !== 'false')
    errors.push({ jsonPointer: '/uitpas', error: 'must be true or false' });
  if (errors.length > 0)
    return problem('body/invalid-data', {
      detail: 'Invalid search parameters',
      extra: { schemaErrors: errors },
    });

  const organizers = params.getAll('organizerId');
  const matches = allEvents(app.model.anchorDay())
    .filter((e) => organizers.length === 0 || organizers.includes(e.organizerId))
    .filter((e) => (from === null || e.end >= from) && (to === null || e.start <= to))
    .sort((a, b) => a.end.getTime() - b.end.getTime());
  const embed = params.get('embed') === 'true';
  const base = app.baseUrl;
  return json(200, {
    '@context': 'http://www.w3.org/ns/hydra/context.jsonld',
    '@type': 'PagedCollection',
    itemsPerPage: limit,
    totalItems: matches.length,
    member: matches
      .slice(start, start + limit)
      .map((e) => (embed ? eventSearchJson(e, base) : { '@id': `${base}/event/${e.id}`, '@type': 'Event' })),
  });
}
