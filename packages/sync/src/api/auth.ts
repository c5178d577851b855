// Authentication for UiTPAS API v4 (DOMAIN.md §1): client credentials, a signed-in user's tokens, or a
// kiosk device token. Tokens are cached in memory, persisted only through a TokenStore (which encrypts),
// and never logged: no error message below includes a token or a secret.
import { tokenResponseSchema } from './schemas.ts';

export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
}

/** Where tokens survive a restart; the terminal passes one backed by the encrypted secret store. */
export interface TokenStore {
  load(): StoredTokens | undefined;
  save(tokens: StoredTokens): void;
}

export type AuthConfig =
  | {
      kind: 'client-credentials';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      store?: TokenStore;
    }
  | {
      kind: 'user-token';
      tokenUrl: string;
      clientId: string;
      /** Tokens from the UiTiD sign-in (authorization code with PKCE). */
      tokens: StoredTokens;
      store?: TokenStore;
    }
  | { kind: 'kiosk-device'; deviceToken: string };

export type AuthFailure = { kind: 'auth-failed'; message: string; retryable: boolean };

export interface AuthProvider {
  readonly kind: AuthConfig['kind'];
  /** Headers to add to an API request, fetching or refreshing a token first when needed. */
  headers(): Promise<{ ok: true; headers: Record<string, string> } | { ok: false; error: AuthFailure }>;
  /** After a 401: drop the cached token and get a new one. False when there is nothing to renew with. */
  renew(): Promise<boolean>;
}

/** Renew a little before the server would refuse the token. */
const EXPIRY_MARGIN_MS = 60_000;

type FetchLike = (input: Request) => Promise<Response>;

export function createAuth(config: AuthConfig, fetchImpl: FetchLike, timeoutMs: number): AuthProvider {
  if (config.kind === 'kiosk-device') {
    return {
      kind: config.kind,
      headers: async () => ({ ok: true, headers: { 'x-custom-token': config.deviceToken } }),
      renew: async () => false,
    };
  }
  let tokens: StoredTokens | undefined = config.store?.load() ?? (config.kind === 'user-token' ? config.tokens : undefined);
  // Single flight: concurrent requests share one token request instead of hammering the token endpoint.
  let inFlight: Promise<{ ok: true } | { ok: false; error: AuthFailure }> | undefined;

  const requestToken = async (): Promise<{ ok: true } | { ok: false; error: AuthFailure }> => {
    const form = new URLSearchParams();
    if (config.kind === 'client-credentials') {
      form.set('grant_type', 'client_credentials');
      form.set('client_id', config.clientId);
      form.set('client_secret', config.clientSecret);
    } else {
      if (tokens?.refreshToken === undefined) {
        return {
          ok: false,
          error: { kind: 'auth-failed', message: 'Je aanmelding is verlopen. Meld je opnieuw aan.', retryable: false },
        };
      }
      form.set('grant_type', 'refresh_token');
      form.set('client_id', config.clientId);
      form.set('refresh_token', tokens.refreshToken);
    }
    let response: Response;
    try {
      response = await fetchImpl(
        new Request(config.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
    } catch {
      return {
        ok: false,
        error: { kind: 'auth-failed', message: 'De aanmeldserver is niet bereikbaar.', retryable: true },
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      body = undefined;
    }
    if (response.status >= 500 || response.status === 429) {
      return {
        ok: false,
        error: { kind: 'auth-failed', message: 'De aanmeldserver is tijdelijk niet beschikbaar.', retryable: true },
      };
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!response.ok || !parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'auth-failed',
          message:
            config.kind === 'client-credentials'
              ? 'De toegangsgegevens van deze toepassing werden geweigerd. Contacteer de beheerder.'
              : 'Je aanmelding is verlopen. Meld je opnieuw aan.',
          retryable: false,
        },
      };
    }
    tokens = {
      accessToken: parsed.data.access_token,
      ...(parsed.data.refresh_token !== undefined
        ? { refreshToken: parsed.data.refresh_token }
        : tokens?.refreshToken !== undefined
          ? { refreshToken: tokens.refreshToken }
          : {}),
      ...(parsed.data.expires_in !== undefined ? { expiresAt: Date.now() + parsed.data.expires_in * 1000 } : {}),
    };
    // Refresh tokens rotate: the new one must be persisted before the old one is forgotten.
    config.store?.save(tokens);
    return { ok: true };
  };

  const refresh = () => {
    inFlight ??= requestToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const fresh = () =>
    tokens !== undefined && (tokens.expiresAt === undefined || tokens.expiresAt - EXPIRY_MARGIN_MS > Date.now());

  return {
    kind: config.kind,
    async headers() {
      if (!fresh()) {
        const r = await refresh();
        if (!r.ok) return r;
      }
      return { ok: true, headers: { authorization: `Bearer ${tokens?.accessToken ?? ''}` } };
    },
    async renew() {
      if (config.kind === 'user-token' && tokens?.refreshToken === undefined) return false;
      tokens = tokens === undefined ? undefined : { ...tokens, accessToken: '', expiresAt: 0 };
      return (await refresh()).ok;
    },
  };
}
