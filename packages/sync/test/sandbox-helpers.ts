// Starting the real sandbox (a child process on loopback) and preparing passholders for the sync tests.
import { randomUUID } from 'node:crypto';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { createUitpasClient, type UitpasClient } from '../src/index.ts';

export { startSandbox, type SandboxHandle };

export const TOKEN_PATH = '/realms/uitid/protocol/openid-connect/token';

export function clientFor(sandbox: SandboxHandle, timeoutMs = 5000): UitpasClient {
  const c = sandbox.seed.CLIENTS.counter;
  return createUitpasClient({
    baseUrl: sandbox.baseUrl,
    timeoutMs,
    auth: {
      kind: 'client-credentials',
      tokenUrl: `${sandbox.baseUrl}${TOKEN_PATH}`,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    },
  });
}

export interface TestPassholder {
  id: string;
  uitpasNumber: string;
}

/**
 * Seeded passholders with an active card in Meetjesland. (Registering more through POST /passholders is
 * not possible yet: the sandbox gives every tenth digital registration the same UiTPAS number.)
 */
export async function seedPeople(
  sandbox: SandboxHandle,
  names: (keyof SandboxHandle['seed']['PASSHOLDERS'])[],
  points?: number,
): Promise<TestPassholder[]> {
  const out: TestPassholder[] = [];
  for (const n of names) {
    const p = sandbox.seed.PASSHOLDERS[n];
    if (points !== undefined) await sandbox.admin.setPoints(p.id, points);
    out.push({ id: p.id, uitpasNumber: p.uitpasNumber });
  }
  return out;
}

/** Common fields of a local action of the Eeklo counter. */
export function actionBase(organizerId: string) {
  return {
    id: randomUUID(),
    stationId: 'station-1',
    staffId: 'staff-1',
    organizerId,
    createdAt: new Date().toISOString(),
  };
}
