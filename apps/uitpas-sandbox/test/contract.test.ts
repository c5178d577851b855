// The sandbox's contract machinery itself: every handler is an operation of the official definition, the
// issue's routes are all served, and test mode turns a drifting response into a loud failure.
import { describe, expect, it } from 'vitest';
import { API_HANDLERS } from '../src/api.node.ts';
import { clientToken, officialContract, world } from './helpers.ts';

const ISSUE_ROUTES = [
  'GET /permissions',
  'GET /organizers/{id}',
  'GET /card-systems',
  'GET /card-systems/{cardSystemId}',
  'GET /passes',
  'GET /passholders',
  'POST /passholders',
  'GET /passholders/{passholderId}',
  'GET /passholders/{passholderId}/private',
  'PUT /passholders/{passholderId}',
  'GET /passholders/membership-prices/{cardSystemId}',
  'GET /passholders/{passholderId}/memberships/{cardSystemId}',
  'POST /passholders/{passholderId}/memberships/{cardSystemId}',
  'GET /cards',
  'GET /grouppasses',
  'POST /checkins',
  'GET /checkins',
  'DELETE /checkins/{checkinId}',
  'GET /checkin-status',
  'GET /tariffs',
  'GET /tariffs/static',
  'POST /ticket-sales',
  'GET /ticket-sales',
  'DELETE /ticket-sales/{ticketSaleId}',
  'GET /rewards',
  'GET /rewards/{rewardId}',
  'GET /rewards/{rewardId}/redeem-status',
  'POST /rewards/redeemed',
  'GET /rewards/redeemed',
  'DELETE /rewards/redeemed/{redeemedRewardId}',
  'PUT /kiosk-devices/setup',
  'GET /kiosk-devices',
  'GET /kiosk-devices/events',
  'PUT /kiosk-devices/events',
  'DELETE /kiosk-devices/events',
  'GET /kiosk-devices/checkins',
  'POST /kiosk-devices/checkins',
  'GET /kiosk-devices/chip-numbers/{chipNumber}',
];

describe('contract', () => {
  it('serves every route of issue 4, each an operation of the official definition', () => {
    const defined = new Set(officialContract().operations.map((o) => `${o.method} ${o.template}`));
    expect(Object.keys(API_HANDLERS).sort()).toEqual([...ISSUE_ROUTES].sort());
    for (const key of ISSUE_ROUTES) expect(defined.has(key), key).toBe(true);
  });

  it('rejects a response that drifts from the definition (unknown or write-only fields, wrong types)', () => {
    const c = officialContract();
    const op = c.operations.find((o) => o.method === 'GET' && o.template === '/passholders/{passholderId}');
    if (!op) throw new Error('operation missing from the definition');
    const passholder = {
      name: 'A',
      firstName: 'B',
      dateOfBirth: '2000-01-01',
      address: { postalCode: '9900', city: 'Eeklo' },
    };
    expect(c.validateResponse(op, 200, 'application/json', passholder)).toEqual({ ok: true });
    expect(c.validateResponse(op, 200, 'application/json', { ...passholder, registrationNote: 'x' }).ok).toBe(
      false,
    );
    expect(c.validateResponse(op, 200, 'application/json', { ...passholder, nickname: 'x' }).ok).toBe(false);
    expect(c.validateResponse(op, 200, 'application/json', { ...passholder, points: 'veel' }).ok).toBe(false);
    expect(c.validateResponse(op, 201, 'application/json', passholder).ok).toBe(false);
  });

  it('has a configurable token lifetime', async () => {
    const w = await world({ tokenTtlSeconds: 5 });
    try {
      const res = await fetch(`${w.sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=sandbox-balie&client_secret=sandbox-balie-secret',
      });
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(5);
      const token = await clientToken(w.sandbox.baseUrl);
      await w.sandbox.admin.advanceClock(6);
      expect((await w.api.get('/permissions', token)).status).toBe(401);
    } finally {
      await w.sandbox.dispose();
    }
  });
});
