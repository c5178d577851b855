// Staff PINs of a station: kept only as scrypt hashes with a salt each, in the station's encrypted
// secret store. A PIN is never stored, logged or sent to a screen.
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '@uitpas/sync';

const SECRET_NAME = 'station.staff';
const KEY_BYTES = 32;
/** Costly enough to slow down guessing a stolen file; a PIN check still takes well under 100 ms. */
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;

export interface StaffRecord {
  id: string;
  name: string;
  salt: string;
  hash: string;
}

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPin(pin: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: (await derive(pin, salt)).toString('base64') };
}

export async function pinMatches(record: StaffRecord, pin: string): Promise<boolean> {
  const expected = Buffer.from(record.hash, 'base64');
  const actual = await derive(pin, Buffer.from(record.salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export class StaffDirectory {
  constructor(private readonly secrets: SecretStore) {}

  list(): StaffRecord[] {
    const text = this.secrets.get(SECRET_NAME);
    if (text === undefined) return [];
    try {
      const parsed = JSON.parse(text) as unknown;
      return Array.isArray(parsed) ? (parsed as StaffRecord[]) : [];
    } catch {
      return [];
    }
  }

  find(id: string): StaffRecord | undefined {
    return this.list().find((s) => s.id === id);
  }

  /** The staff member with this PIN, if any (PINs are unique per station so a PIN names one person). */
  async withPin(pin: string): Promise<StaffRecord | undefined> {
    for (const record of this.list()) if (await pinMatches(record, pin)) return record;
    return undefined;
  }

  async add(name: string, pin: string, id: string = randomUUID()): Promise<StaffRecord> {
    const record: StaffRecord = { id, name, ...(await hashPin(pin)) };
    this.secrets.put(SECRET_NAME, JSON.stringify([...this.list().filter((s) => s.id !== id), record]));
    return record;
  }

  remove(id: string): void {
    this.secrets.put(SECRET_NAME, JSON.stringify(this.list().filter((s) => s.id !== id)));
  }
}
