// Data the pass view tests need beyond the sandbox's seed, created through the sandbox's public API like any
// other client would: a family large enough to make a name search too broad, and a pass holder with
// memberships in two card systems.
import type { SandboxHandle } from '@uitpas/sandbox/testing';

/** More people named Janssens than one search shows. */
export const FAMILY = 'Janssens';
export const FAMILY_FIRST_NAMES = [
  'Anna',
  'Bert',
  'Chloë',
  'Dirk',
  'Els',
  'Frank',
  'Greet',
  'Hans',
  'Ines',
  'Jan',
  'Karel',
  'Lies',
];

async function api(sandbox: SandboxHandle) {
  const s = sandbox.seed;
  const token = await fetch(`${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: s.CLIENTS.counter.clientId,
      client_secret: s.CLIENTS.counter.clientSecret,
    }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  return async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
}

export async function addPassviewFixtures(sandbox: SandboxHandle): Promise<void> {
  const s = sandbox.seed;
  const send = await api(sandbox);
  for (const [i, firstName] of FAMILY_FIRST_NAMES.entries()) {
    await send('POST', '/passholders', {
      firstName,
      name: FAMILY,
      dateOfBirth: `19${String(70 + i)}-04-0${(i % 9) + 1}`,
      address: { street: 'Markt 1', postalCode: '9900', city: 'Eeklo' },
      registrationOrganizer: { id: s.ORGANIZERS.ccEeklo.id },
      registrationCardType: 'DIGITAL',
    });
  }
  // Sofie (UiTPAS Gent) also becomes a member of UiTPAS Meetjesland, with a digital pass.
  await send(
    'POST',
    `/passholders/${s.PASSHOLDERS.sofie.id}/memberships/${s.ORGANIZERS.ccEeklo.cardSystemId}`,
    { cardType: 'DIGITAL', registrationOrganizer: { id: s.ORGANIZERS.ccEeklo.id } },
  );
}
