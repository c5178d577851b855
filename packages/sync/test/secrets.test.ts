import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, loadOrCreateKey, SecretStore } from '../src/index.ts';
import { openTempLedger, tempDir } from './helpers.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('secrets at rest', () => {
  it('creates a 0600 key file and stores only ciphertext in the database', () => {
    const d = tempDir();
    const l = openTempLedger();
    cleanups.push(d.cleanup, l.cleanup);
    const keyFile = join(d.dir, 'secret.key');
    const k = loadOrCreateKey(keyFile);
    if (!k.ok) throw new Error(k.error.message);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const store = new SecretStore(l.ledger, k.key);
    store.put('client-secret', 'sandbox-balie-secret');
    expect(store.get('client-secret')).toBe('sandbox-balie-secret');
    const raw = l.ledger.db.prepare(`SELECT ciphertext FROM secrets`).pluck().get() as string;
    expect(raw).not.toContain('sandbox-balie-secret');
    expect(readFileSync(l.file).includes(Buffer.from('sandbox-balie-secret'))).toBe(false);
    // Bound to its name: copying it under another name does not decrypt.
    expect(decryptSecret(k.key, raw, 'other')).toBeUndefined();
    const again = loadOrCreateKey(keyFile);
    expect(again.ok && again.key.equals(k.key)).toBe(true);
  });

  it('keeps rotated tokens through the token store', () => {
    const d = tempDir();
    const l = openTempLedger();
    cleanups.push(d.cleanup, l.cleanup);
    const k = loadOrCreateKey(join(d.dir, 'k'));
    if (!k.ok) throw new Error(k.error.message);
    const ts = new SecretStore(l.ledger, k.key).tokenStore('uitid');
    expect(ts.load()).toBeUndefined();
    ts.save({ accessToken: 'a', refreshToken: 'r', expiresAt: 5 });
    expect(ts.load()).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 5 });
  });
});
