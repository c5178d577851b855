import { describe, expect, it } from 'vitest';
import type { ApiOrganizerPermissions } from './api-types.ts';
import { checkPermission, permissionsFor, requiredPermissions } from './permissions.ts';

const ORG = '0ce87cbc-9299-4528-8d35-92225dc9489f';
const LINKED = 'linked-org';

const list: ApiOrganizerPermissions[] = [
  {
    organizer: { id: ORG, name: 'Cultuurcentrum' },
    permissionDetails: [
      { id: 'CHECKINS_WRITE', label: { nl: 'Check-ins registreren' } },
      { id: 'TARIFFS_READ' },
      { id: 'TICKETSALES_REGISTER', cardSystemIds: [1] },
      { id: 'PASSHOLDERS_WRITE' },
      { id: 'PASSES_READ' },
    ],
    linkedOrganizers: [{ organizer: { id: LINKED }, permissionDetails: [{ id: 'REWARDS_REDEEM' }] }],
  },
  // The deprecated flat list is honoured too.
  { organizer: { id: 'legacy' }, permissions: ['CHECKINS_WRITE'] },
];

describe('rule 16: permissions per action', () => {
  it('allows what the organizer was granted', () => {
    expect(checkPermission(list, ORG, 'checkin')).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'tariffs')).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'ticket-sale')).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'registration')).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'passholder-lookup')).toEqual({ allowed: true });
    expect(checkPermission(list, 'legacy', 'checkin')).toEqual({ allowed: true });
    expect(checkPermission(list, LINKED, 'reward-redemption')).toEqual({ allowed: true });
    expect(checkPermission(undefined, ORG, 'kiosk-checkin')).toEqual({ allowed: true });
  });

  it('refuses what is missing as auth/forbidden with a Dutch message', () => {
    expect(checkPermission(list, ORG, 'reward-redemption')).toMatchObject({
      refusal: 'auth/forbidden',
      message: 'Je hebt geen toestemming om voor deze organisatie voordelen om te ruilen.',
    });
    expect(checkPermission(list, 'unknown', 'checkin')).toMatchObject({ refusal: 'auth/forbidden' });
    expect(checkPermission([], ORG, 'checkin')).toMatchObject({ refusal: 'auth/forbidden' });
    expect(checkPermission(undefined, ORG, 'tariffs')).toMatchObject({ refusal: 'auth/forbidden' });
  });

  it('limits card-system-bound permissions', () => {
    expect(checkPermission(list, ORG, 'ticket-sale', { cardSystemId: 1 })).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'ticket-sale', { cardSystemId: 2 })).toMatchObject({
      refusal: 'auth/forbidden',
    });
    expect(permissionsFor(list, ORG, 2).has('CHECKINS_WRITE')).toBe(true);
  });

  it('needs the extra registration permissions cumulatively', () => {
    expect(
      requiredPermissions('registration', { socialTariff: true, otherCity: true, foreignCountry: true }),
    ).toEqual([
      ['PASSHOLDERS_WRITE'],
      ['PASSHOLDERS_WRITE_SOCIALTARIFF'],
      ['PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM'],
      ['PASSHOLDERS_WRITE_FOREIGN_COUNTRY'],
    ]);
    expect(checkPermission(list, ORG, 'registration', { socialTariff: true })).toMatchObject({
      refusal: 'auth/forbidden',
      message: expect.stringMatching(/PASSHOLDERS_WRITE_SOCIALTARIFF/),
    });
  });

  it("an undo needs the undone action's permission", () => {
    expect(checkPermission(list, ORG, 'undo', { undoTarget: 'checkin' })).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'undo', { undoTarget: 'reward-redemption' })).toMatchObject({
      refusal: 'auth/forbidden',
      message: 'Je hebt geen toestemming om dit voor deze organisatie ongedaan te maken.',
    });
    expect(checkPermission(list, ORG, 'undo', { undoTarget: 'kiosk-checkin' })).toEqual({ allowed: true });
    expect(checkPermission(list, ORG, 'undo', { undoTarget: 'registration' })).toMatchObject({
      refusal: 'auth/forbidden',
    });
    expect(requiredPermissions('undo', { undoTarget: 'registration' })).toEqual([['PASSHOLDERS_DELETE']]);
    expect(checkPermission(list, ORG, 'undo')).toMatchObject({ refusal: 'auth/forbidden' });
  });
});
