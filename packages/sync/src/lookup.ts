// Identifying a pass: online, ask the API and refresh the cache; offline (or when the API cannot answer),
// answer from the cached snapshot, saying how old it is.
import { classifyIdentifier, type AppError } from '@uitpas/domain';
import type { ApiError, UitpasClient } from './api/client.ts';
import type { PassSnapshot } from './ledger-types.ts';
import type { TariffsResponse } from './api/schemas.ts';
import type { Ledger } from './ledger.node.ts';

export type PassLookup =
  | { ok: true; source: 'api' | 'cache'; pass: PassSnapshot; apiError?: ApiError }
  | { ok: false; error: AppError };

const OFFLINE_KINDS = new Set<ApiError['kind']>([
  'unreachable',
  'lost',
  'timeout',
  'server',
  'rate-limited',
  'bad-response',
]);

export async function lookupPass(
  ledger: Ledger,
  client: UitpasClient | undefined,
  input: string,
): Promise<PassLookup> {
  const id = classifyIdentifier(input);
  if (!id.ok) return { ok: false, error: { kind: 'invalid-input', message: id.message } };
  const cacheKey =
    id.kind === 'chip'
      ? { chipNumber: id.value }
      : id.kind === 'uitpas'
        ? { uitpasNumber: id.value }
        : undefined;
  const fromCache = () => (cacheKey === undefined ? undefined : ledger.findPass(cacheKey));
  if (client !== undefined) {
    const r = await client.getPass(id.value);
    if (r.ok) {
      ledger.putPassSnapshot({
        uitpasNumber: r.value.uitpasNumber,
        chipNumber: id.kind === 'chip' ? id.value : undefined,
        passholderId: r.value.passholderId,
        points: r.value.points,
        data: r.value,
      });
      const pass = ledger.findPass({ uitpasNumber: r.value.uitpasNumber });
      if (pass) return { ok: true, source: 'api', pass };
    } else if (!OFFLINE_KINDS.has(r.error.kind)) {
      // The API answered (pass-not-found, blocked card, …): that answer wins over any cached snapshot.
      const kind =
        r.error.kind === 'problem' ? (r.error.status === 404 ? 'not-found' : 'refused') : 'unauthorized';
      return {
        ok: false,
        error: {
          kind,
          message: r.error.message,
          ...(r.error.kind === 'problem' ? { problem: r.error.problem } : {}),
        },
      };
    } else {
      const cached = fromCache();
      if (cached) return { ok: true, source: 'cache', pass: cached, apiError: r.error };
      return { ok: false, error: { kind: 'offline', message: r.error.message } };
    }
  }
  const cached = fromCache();
  if (cached) return { ok: true, source: 'cache', pass: cached };
  return {
    ok: false,
    error: {
      kind: 'offline',
      message: 'Deze pas is niet gekend op dit toestel en UiTPAS is niet bereikbaar.',
    },
  };
}

export type TariffLookup =
  | { ok: true; source: 'api' | 'cache'; tariffs: TariffsResponse; fetchedAt: number; provisional: boolean }
  | { ok: false; error: AppError };

/**
 * Tariffs for a sale (prices are never computed here, DOMAIN.md rule 7): online from GET /tariffs, kept in
 * the reference cache per event, regular price and pass; offline the last answer received for exactly that
 * combination, marked provisional.
 */
export async function lookupTariffs(
  ledger: Ledger,
  client: UitpasClient | undefined,
  q: { eventId: string; regularPriceCents: number; uitpasNumber: string },
): Promise<TariffLookup> {
  const key = `${q.uitpasNumber}:${q.regularPriceCents}`;
  if (client !== undefined) {
    const r = await client.getTariffs({
      eventId: q.eventId,
      regularPrice: q.regularPriceCents / 100,
      uitpasNumber: q.uitpasNumber,
    });
    if (r.ok) {
      const at = Date.now();
      ledger.putReference('tariff', q.eventId, key, r.value, at);
      return { ok: true, source: 'api', tariffs: r.value, fetchedAt: at, provisional: false };
    }
    if (!OFFLINE_KINDS.has(r.error.kind)) {
      return {
        ok: false,
        error: {
          kind: r.error.kind === 'problem' ? 'refused' : 'unauthorized',
          message: r.error.message,
          // A 403 carries its problem (auth/forbidden) too: staff see its own message, not a generic one.
          ...((r.error.kind === 'problem' || r.error.kind === 'forbidden') && r.error.problem
            ? { problem: r.error.problem }
            : {}),
        },
      };
    }
  }
  const cached = ledger.getReference<TariffsResponse>('tariff', q.eventId, key);
  if (cached)
    return {
      ok: true,
      source: 'cache',
      tariffs: cached.value,
      fetchedAt: cached.fetchedAt,
      provisional: true,
    };
  return {
    ok: false,
    error: {
      kind: 'offline',
      message:
        'UiTPAS is niet bereikbaar en er is voor deze pas en prijs nog geen tarief gekend op dit toestel.',
    },
  };
}
