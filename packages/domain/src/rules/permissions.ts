// Rule 16: gate every action on the cached GET /permissions for the organizer of the event or reward.
import type { ApiOrganizerPermissions, ApiPermission } from './api-types.ts';
import type { LocalActionType, UndoableActionType } from '../actions.ts';
import { ALLOWED, refuse, type RuleResult } from './result.ts';

export type GatedAction = Exclude<LocalActionType, 'undo'> | 'tariffs' | 'passholder-lookup' | 'undo';

/** Any one of each inner list suffices; every outer entry is needed. Empty = no permission needed. */
const REQUIRED: Record<Exclude<GatedAction, 'undo'>, ApiPermission[][]> = {
  checkin: [['CHECKINS_WRITE']],
  // The kiosk authenticates as a device (x-custom-token); GET /permissions does not apply to it.
  'kiosk-checkin': [],
  tariffs: [['TARIFFS_READ']],
  'ticket-sale': [['TICKETSALES_REGISTER']],
  'reward-redemption': [['REWARDS_REDEEM']],
  registration: [['PASSHOLDERS_WRITE']],
  'card-block': [['PASSHOLDERS_WRITE']],
  'card-replace': [['PASSHOLDERS_WRITE']],
  'kansenstatuut-set': [['PASSHOLDERS_WRITE_SOCIALTARIFF']],
  'membership-add': [['PASSHOLDERS_WRITE']],
  'passholder-lookup': [
    ['PASSES_READ', 'PASSHOLDERS_SEARCH', 'PASSHOLDERS_SEARCH_BY_ID', 'PASSHOLDERS_SEARCH_ALL'],
  ],
};

/** Undoing calls the DELETE endpoint of what was done; a passholder registration is undone by deleting it. */
const UNDO_REQUIRED: Record<UndoableActionType, ApiPermission[][]> = {
  checkin: [['CHECKINS_WRITE']],
  'kiosk-checkin': [['CHECKINS_WRITE']],
  'ticket-sale': [['TICKETSALES_REGISTER']],
  'reward-redemption': [['REWARDS_REDEEM']],
  registration: [['PASSHOLDERS_DELETE']],
  'card-block': [['PASSHOLDERS_WRITE']],
  'card-replace': [['PASSHOLDERS_WRITE']],
};

const WHAT: Record<Exclude<GatedAction, 'undo'>, string> = {
  checkin: 'in te checken',
  'kiosk-checkin': 'in te checken aan de zuil',
  tariffs: 'tarieven op te vragen',
  'ticket-sale': 'tickets te registreren',
  'reward-redemption': 'voordelen om te ruilen',
  registration: 'pashouders te registreren',
  'card-block': 'kaarten te blokkeren',
  'card-replace': 'kaarten te vervangen',
  'kansenstatuut-set': 'het kansenstatuut te wijzigen',
  'membership-add': 'lidmaatschappen toe te voegen',
  'passholder-lookup': 'pashouders op te zoeken',
};

export interface PermissionOptions {
  /** For undo: the action being undone (its own permission is needed). */
  undoTarget?: UndoableActionType;
  /** Registration or card replacement with kansentarief. */
  socialTariff?: boolean;
  /** Registration of someone living outside the organizer's city (with kansentarief). */
  otherCity?: boolean;
  /** Registration with an address outside Belgium. */
  foreignCountry?: boolean;
  /** Only count permissions that apply to this card system (when a permission is limited to some). */
  cardSystemId?: number;
}

/** The permissions granted for an organizer, directly or as a linked organizer. */
export function permissionsFor(
  list: readonly ApiOrganizerPermissions[] | undefined,
  organizerId: string,
  cardSystemId?: number,
): Set<ApiPermission> {
  const out = new Set<ApiPermission>();
  const addDetails = (details: ApiOrganizerPermissions['permissionDetails']) => {
    for (const d of details ?? []) {
      const limited = d.cardSystemIds !== undefined && d.cardSystemIds.length > 0;
      if (cardSystemId === undefined || !limited || d.cardSystemIds?.includes(cardSystemId)) out.add(d.id);
    }
  };
  for (const entry of list ?? []) {
    if (entry.organizer.id === organizerId) {
      for (const p of entry.permissions ?? []) out.add(p);
      addDetails(entry.permissionDetails);
    }
    for (const linked of entry.linkedOrganizers ?? []) {
      if (linked.organizer.id === organizerId) addDetails(linked.permissionDetails);
    }
  }
  return out;
}

function isKnownAction(value: unknown): value is keyof typeof REQUIRED {
  return typeof value === 'string' && Object.hasOwn(REQUIRED, value);
}

function isUndoable(value: unknown): value is UndoableActionType {
  return typeof value === 'string' && Object.hasOwn(UNDO_REQUIRED, value);
}

/**
 * The permission sets an action needs (each inner list: any one of them); undefined for an action this
 * module does not know (or an undo without target), which must never be read as "nothing needed".
 */
export function requiredPermissions(
  action: GatedAction,
  options: PermissionOptions = {},
): ApiPermission[][] | undefined {
  let base: ApiPermission[][];
  if (action === 'undo') {
    if (!isUndoable(options.undoTarget)) return undefined;
    base = UNDO_REQUIRED[options.undoTarget];
  } else {
    if (!isKnownAction(action)) return undefined;
    base = REQUIRED[action];
  }
  const extra: ApiPermission[][] = [];
  if (action === 'registration' || action === 'card-replace') {
    // The API documents both spellings; the Permission enum has the one without underscore.
    if (options.socialTariff) extra.push(['PASSHOLDERS_WRITE_SOCIALTARIFF']);
    if (options.socialTariff && options.otherCity)
      extra.push(['PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM']);
    if (options.foreignCountry) extra.push(['PASSHOLDERS_WRITE_FOREIGN_COUNTRY']);
  }
  return [...base, ...extra];
}

export function checkPermission(
  list: readonly ApiOrganizerPermissions[] | undefined,
  organizerId: string,
  action: GatedAction,
  options: PermissionOptions = {},
): RuleResult {
  const target = action === 'undo' ? options.undoTarget : action;
  const required = requiredPermissions(action, options);
  if (required === undefined || !isKnownAction(target)) {
    return refuse('auth/forbidden', 'Onbekende handeling: hiervoor is geen toestemming gekend.');
  }
  if (required.length === 0) return ALLOWED;
  const granted = permissionsFor(list, organizerId, options.cardSystemId);
  const missing = required.find((anyOf) => !anyOf.some((p) => granted.has(p)));
  if (missing === undefined) return ALLOWED;
  const what = WHAT[target];
  const extraNeeded = (missing[0] ?? '').startsWith('PASSHOLDERS_WRITE_');
  return refuse(
    'auth/forbidden',
    action === 'undo'
      ? 'Je hebt geen toestemming om dit voor deze organisatie ongedaan te maken.'
      : extraNeeded
        ? `Je hebt voor deze organisatie geen toestemming voor deze handeling met deze pashouder (${missing.join(' of ')}).`
        : `Je hebt geen toestemming om voor deze organisatie ${what}.`,
  );
}
