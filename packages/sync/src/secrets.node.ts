// Secrets at rest (tokens, client secrets): AES-256-GCM with a key kept in its own file of mode 0600.
// In Electron the terminal may wrap this key with safeStorage; in browser mode the file key is all there is.
// The database only ever holds ciphertext, and nothing here logs a secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Ledger } from './ledger.node.ts';
import type { StoredTokens, TokenStore } from './api/auth.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export type SecretProblem = { kind: 'storage'; message: string };

/** Loads the key file, creating it (0600) when absent; refuses a key file others can read. */
export function loadOrCreateKey(
  keyFile: string,
): { ok: true; key: Buffer } | { ok: false; error: SecretProblem } {
  try {
    if (!existsSync(keyFile)) {
      writeFileSync(keyFile, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    const mode = statSync(keyFile).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      return {
        ok: false,
        error: { kind: 'storage', message: 'Het sleutelbestand voor geheimen is ongeldig.' },
      };
    }
    return { ok: true, key };
  } catch {
    return {
      ok: false,
      error: { kind: 'storage', message: 'Het sleutelbestand voor geheimen kan niet gelezen worden.' },
    };
  }
}

export function encryptSecret(key: Buffer, plaintext: string, name: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The secret's name is authenticated data: a ciphertext copied under another name does not decrypt.
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function decryptSecret(key: Buffer, stored: string, name: string): string | undefined {
  if (!stored.startsWith(`${VERSION}:`)) return undefined;
  const buf = Buffer.from(stored.slice(VERSION.length + 1), 'base64');
  if (buf.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}

/** Encrypted name → value store in the ledger's `secrets` table. */
export class SecretStore {
  constructor(
    private readonly ledger: Ledger,
    private readonly key: Buffer,
  ) {}

  put(name: string, value: string): void {
    this.ledger.db
      .prepare(
        `INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      )
      .run(name, encryptSecret(this.key, value, name), Date.now());
  }

  get(name: string): string | undefined {
    const row = this.ledger.db.prepare(`SELECT ciphertext FROM secrets WHERE name = ?`).get(name) as
      { ciphertext: string } | undefined;
    return row === undefined ? undefined : decryptSecret(this.key, row.ciphertext, name);
  }

  /** A TokenStore for the API client that keeps tokens encrypted under `name`. */
  tokenStore(name: string): TokenStore {
    return {
      load: () => {
        const text = this.get(name);
        if (text === undefined) return undefined;
        try {
          return JSON.parse(text) as StoredTokens;
        } catch {
          return undefined;
        }
      },
      save: (tokens) => this.put(name, JSON.stringify(tokens)),
    };
  }
}
