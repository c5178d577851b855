// UiTiD sign-in with the authorization code flow and PKCE S256 (DOMAIN.md §1, RFC 7636): the terminal makes
// the verifier, the login page sees only its hash, and the code is exchanged here, so tokens never leave
// this process. Nothing below logs or returns a token in a message.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { StoredTokens } from './auth.ts';
import { tokenResponseSchema } from './schemas.ts';

export interface PkceRequest {
  verifier: string;
  challenge: string;
  state: string;
}

export function createPkceRequest(): PkceRequest {
  const verifier = randomBytes(32).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(16).toString('base64url'),
  };
}

/** The login page's address for this request (Keycloak's `auth` endpoint next to the token endpoint). */
export function authorizeUrl(options: {
  authorizeEndpoint: string;
  clientId: string;
  redirectUri: string;
  request: PkceRequest;
}): string {
  const url = new URL(options.authorizeEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', 'openid email offline_access');
  url.searchParams.set('code_challenge', options.request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', options.request.state);
  return url.toString();
}

export interface SignedInUser {
  /** The UiTiD subject (`sub` of the ID token). */
  id: string;
  name: string;
}

const idTokenClaims = z.looseObject({
  sub: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  preferred_username: z.string().optional(),
});

/**
 * The ID token came straight from the token endpoint over the connection we opened, so its claims are
 * read without checking its signature (OpenID Connect Core §3.1.3.7); it is never used as a credential.
 */
function userOf(idToken: unknown): SignedInUser | undefined {
  if (typeof idToken !== 'string') return undefined;
  const payload = idToken.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = idTokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!claims.success) return undefined;
    const c = claims.data;
    return { id: c.sub, name: c.name ?? c.email ?? c.preferred_username ?? c.sub };
  } catch {
    return undefined;
  }
}

export type CodeExchange =
  | { ok: true; tokens: StoredTokens; user: SignedInUser }
  | { ok: false; message: string };

export async function exchangeAuthorizationCode(options: {
  tokenUrl: string;
  clientId: string;
  code: string;
  redirectUri: string;
  verifier: string;
  fetch?: (input: Request) => Promise<Response>;
  timeoutMs?: number;
}): Promise<CodeExchange> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: options.clientId,
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.verifier,
  });
  let response: Response;
  try {
    response = await (options.fetch ?? ((r: Request) => globalThis.fetch(r)))(
      new Request(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      }),
    );
  } catch {
    return { ok: false, message: 'De aanmeldserver van UiTiD is niet bereikbaar. Probeer het opnieuw.' };
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!response.ok || !parsed.success) {
    return { ok: false, message: 'De aanmelding bij UiTiD is niet gelukt. Meld je opnieuw aan.' };
  }
  const user = userOf((body as { id_token?: unknown }).id_token);
  if (user === undefined) {
    return { ok: false, message: 'UiTiD gaf niet door wie zich aanmeldde. Meld je opnieuw aan.' };
  }
  return {
    ok: true,
    user,
    tokens: {
      accessToken: parsed.data.access_token,
      ...(parsed.data.refresh_token === undefined ? {} : { refreshToken: parsed.data.refresh_token }),
      ...(parsed.data.expires_in === undefined
        ? {}
        : { expiresAt: Date.now() + parsed.data.expires_in * 1000 }),
    },
  };
}
