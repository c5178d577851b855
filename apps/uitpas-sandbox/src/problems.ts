// Problem answers (RFC 7807) as publiq sends them: official type URIs, a developer title, and an
// endUserMessage in nl (always) plus fr and en.

export interface EndUserMessage {
  nl: string;
  fr: string;
  en: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

interface ProblemDefinition {
  status: number;
  title: string;
  message?: EndUserMessage;
}

const m = (nl: string, fr: string, en: string): EndUserMessage => ({ nl, fr, en });

/** Problem names (the part after `https://api.publiq.be/probs/`) the sandbox answers. */
export const PROBLEMS = {
  'auth/unauthorized': { status: 401, title: 'Unauthorized' },
  'auth/forbidden': { status: 403, title: 'Forbidden' },
  'body/missing': { status: 400, title: 'Body missing' },
  'body/invalid-syntax': { status: 400, title: 'Invalid body syntax' },
  'body/invalid-data': { status: 400, title: 'Invalid body data' },
  'header/unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'method/not-allowed': { status: 405, title: 'Method not allowed' },
  'url/not-found': { status: 404, title: 'Not found' },
  'url/query-limit-exceeded': { status: 400, title: 'Query limit exceeded' },
  'uitpas/rate-limited': {
    status: 429,
    title: 'Rate limited',
    message: m(
      'Er zijn te veel aanvragen na elkaar. Probeer het zo dadelijk opnieuw.',
      'Trop de demandes successives. Réessayez dans un instant.',
      'Too many requests. Please try again in a moment.',
    ),
  },
  'uitpas/pass-not-found': {
    status: 404,
    title: 'Pass not found',
    message: m(
      'Deze UiTPAS werd niet gevonden.',
      "Cette UiTPAS n'a pas été trouvée.",
      'This UiTPAS was not found.',
    ),
  },
  'uitpas/passholder-blocked': {
    status: 400,
    title: 'Passholder blocked',
    message: m('Deze pashouder is geblokkeerd.', 'Ce titulaire est bloqué.', 'This passholder is blocked.'),
  },
  'uitpas/card-blocked': {
    status: 400,
    title: 'Card blocked',
    message: m(
      'Deze kaart is geblokkeerd. Contacteer je UiTPAS-balie.',
      'Cette carte est bloquée. Contactez votre guichet UiTPAS.',
      'This card is blocked. Please contact your UiTPAS desk.',
    ),
  },
  'uitpas/invalid-card': {
    status: 400,
    title: 'Invalid card',
    message: m(
      'Deze kaart kan hier niet gebruikt worden.',
      'Cette carte ne peut pas être utilisée ici.',
      'This card cannot be used here.',
    ),
  },
  'uitpas/invalid-card-status': {
    status: 400,
    title: 'Invalid card status',
    message: m(
      'Deze kaart is niet actief. Contacteer je UiTPAS-balie.',
      "Cette carte n'est pas active. Contactez votre guichet UiTPAS.",
      'This card is not active. Please contact your UiTPAS desk.',
    ),
  },
  'uitpas/invalid-uitpas-number': {
    status: 400,
    title: 'Invalid UiTPAS number',
    message: m(
      'Dit is geen geldig UiTPAS-nummer.',
      "Ce n'est pas un numéro UiTPAS valide.",
      'This is not a valid UiTPAS number.',
    ),
  },
  'uitpas/invalid-uitpasnumber': {
    status: 400,
    title: 'Invalid UiTPAS number',
    message: m(
      'Dit is geen geldig UiTPAS-nummer.',
      "Ce n'est pas un numéro UiTPAS valide.",
      'This is not a valid UiTPAS number.',
    ),
  },
  'uitpas/invalid-insz-number': {
    status: 400,
    title: 'Invalid INSZ number',
    message: m(
      'Dit is geen geldig rijksregisternummer.',
      "Ce n'est pas un numéro de registre national valide.",
      'This is not a valid national register number.',
    ),
  },
  'uitpas/insz-already-used': {
    status: 400,
    title: 'INSZ already used',
    message: m(
      'Er bestaat al een pashouder met dit rijksregisternummer.',
      'Un titulaire avec ce numéro de registre national existe déjà.',
      'A passholder with this national register number already exists.',
    ),
  },
  'uitpas/passholder-not-found': {
    status: 404,
    title: 'Passholder not found',
    message: m(
      'Deze pashouder werd niet gevonden.',
      "Ce titulaire n'a pas été trouvé.",
      'Passholder not found.',
    ),
  },
  'uitpas/passholder-no-active-cardsystems': {
    status: 400,
    title: 'No active card systems',
    message: m(
      'Deze pashouder heeft geen actief UiTPAS-lidmaatschap.',
      "Ce titulaire n'a pas d'adhésion UiTPAS active.",
      'This passholder has no active UiTPAS membership.',
    ),
  },
  'uitpas/social-tariff-expired': {
    status: 400,
    title: 'Social tariff expired',
    message: m(
      'Je recht op kansentarief is verlopen. Contacteer je UiTPAS-balie.',
      'Votre droit au tarif social a expiré. Contactez votre guichet UiTPAS.',
      'Your right to the social tariff has expired. Please contact your UiTPAS desk.',
    ),
  },
  'uitpas/social-tariff-suspended': {
    status: 400,
    title: 'Social tariff suspended',
    message: m(
      'Je recht op kansentarief is tijdelijk opgeschort.',
      'Votre droit au tarif social est temporairement suspendu.',
      'Your right to the social tariff is temporarily suspended.',
    ),
  },
  'uitpas/social-tariff-not-available': {
    status: 400,
    title: 'Social tariff not available',
    message: m(
      'Er is geen kansentarief voor deze activiteit.',
      "Il n'y a pas de tarif social pour cette activité.",
      'There is no social tariff for this activity.',
    ),
  },
  'uitpas/maximum-reached': {
    status: 400,
    title: 'Maximum reached',
    message: m(
      'Het maximum voor deze activiteit is bereikt.',
      'Le maximum pour cette activité est atteint.',
      'The maximum for this activity has been reached.',
    ),
  },
  'uitpas/invalid-number-of-tickets': {
    status: 400,
    title: 'Invalid number of tickets',
    message: m(
      'Er zijn niet zoveel tickets aan dit tarief beschikbaar.',
      "Il n'y a pas autant de tickets disponibles à ce tarif.",
      'Not that many tickets are available at this tariff.',
    ),
  },
  'uitpas/invalid-coupon': {
    status: 400,
    title: 'Invalid coupon',
    message: m('Deze bon is niet geldig.', "Ce bon n'est pas valable.", 'This coupon is not valid.'),
  },
  'uitpas/ticket-sale-not-found': {
    status: 404,
    title: 'Ticket sale not found',
    message: m(
      'Deze ticketverkoop werd niet gevonden.',
      "Cette vente n'a pas été trouvée.",
      'Ticket sale not found.',
    ),
  },
  'uitpas/event-not-found': {
    status: 400,
    title: 'Event not found',
    message: m(
      'Deze activiteit is niet gekend bij UiTPAS.',
      "Cette activité n'est pas connue d'UiTPAS.",
      'This activity is not known to UiTPAS.',
    ),
  },
  'uitpas/event-not-acceptable': {
    status: 400,
    title: 'Event not acceptable',
    message: m(
      'Deze activiteit kan niet op deze zuil ingesteld worden.',
      'Cette activité ne peut pas être configurée sur cette borne.',
      'This activity cannot be set on this kiosk.',
    ),
  },
  'uitpas/checkin-not-allowed': {
    status: 400,
    title: 'Check-in not allowed',
    message: m(
      'Je kan nu niet inchecken voor deze activiteit.',
      'Vous ne pouvez pas vous enregistrer pour cette activité maintenant.',
      'You cannot check in for this activity right now.',
    ),
  },
  'uitpas/reward-not-found': {
    status: 404,
    title: 'Reward not found',
    message: m('Dit voordeel werd niet gevonden.', "Cet avantage n'a pas été trouvé.", 'Reward not found.'),
  },
  'uitpas/reward-period-constraint': {
    status: 400,
    title: 'Reward period constraint',
    message: m(
      'Dit voordeel is nu niet geldig.',
      "Cet avantage n'est pas valable en ce moment.",
      'This reward is not valid at this time.',
    ),
  },
  'uitpas/reward-volume-constraint': {
    status: 400,
    title: 'Reward volume constraint',
    message: m('Dit voordeel is uitverkocht.', 'Cet avantage est épuisé.', 'This reward is sold out.'),
  },
  'uitpas/reward-passholder-volume-constraint': {
    status: 400,
    title: 'Reward passholder volume constraint',
    message: m(
      'Je hebt dit voordeel al het maximum aantal keer omgeruild.',
      'Vous avez déjà échangé cet avantage le nombre maximum de fois.',
      'You have already redeemed this reward the maximum number of times.',
    ),
  },
  'uitpas/reward-passholder-points-constraint': {
    status: 400,
    title: 'Reward passholder points constraint',
    message: m(
      'Jammer, je hebt nog niet genoeg punten om dit voordeel om te ruilen.',
      "Dommage, vous n'avez pas encore assez de points pour échanger cet avantage.",
      "Sorry, you don't have enough points yet to redeem this reward.",
    ),
  },
  'uitpas/reward-passholder-no-applicable-cardsystems': {
    status: 400,
    title: 'No applicable card systems',
    message: m(
      'Dit voordeel geldt niet voor jouw UiTPAS-regio.',
      "Cet avantage n'est pas valable pour votre région UiTPAS.",
      'This reward does not apply to your UiTPAS region.',
    ),
  },
  'uitpas/organizer-not-found': {
    status: 404,
    title: 'Organizer not found',
    message: m(
      'Deze organisator werd niet gevonden.',
      "Cet organisateur n'a pas été trouvé.",
      'Organizer not found.',
    ),
  },
  'uitpas/cardsystem-not-found': {
    status: 400,
    title: 'Card system not found',
    message: m(
      'Deze UiTPAS-regio werd niet gevonden.',
      "Cette région UiTPAS n'a pas été trouvée.",
      'This UiTPAS region was not found.',
    ),
  },
  'uitpas/invalid-city': {
    status: 400,
    title: 'Invalid city',
    message: m(
      'Deze gemeente hoort niet bij deze postcode.',
      'Cette commune ne correspond pas à ce code postal.',
      'This city does not match this postal code.',
    ),
  },
  'uitpas/invalid-postal-code': {
    status: 400,
    title: 'Invalid postal code',
    message: m(
      'Deze postcode is niet geldig.',
      "Ce code postal n'est pas valable.",
      'This postal code is not valid.',
    ),
  },
  'uitpas/invalid-voucher-code': {
    status: 400,
    title: 'Invalid voucher code',
    message: m(
      'Deze vouchercode is niet geldig.',
      "Ce code de bon n'est pas valable.",
      'This voucher code is not valid.',
    ),
  },
  'uitpas/passholder-new-membership-error': {
    status: 400,
    title: 'New membership not possible',
    message: m(
      'Een lidmaatschap in deze regio is niet mogelijk.',
      "Une adhésion dans cette région n'est pas possible.",
      'A membership in this region is not possible.',
    ),
  },
  'uitpas/kiosk-not-found': {
    status: 400,
    title: 'Kiosk not found',
    message: m(
      'Deze configuratiecode is niet gekend.',
      "Ce code de configuration n'est pas connu.",
      'This configuration code is unknown.',
    ),
  },
  'uitpas/kiosk-already-configured': {
    status: 400,
    title: 'Kiosk already configured',
    message: m(
      'Deze zuil is al ingesteld op een ander toestel.',
      'Cette borne est déjà configurée sur un autre appareil.',
      'This kiosk is already configured on another device.',
    ),
  },
  'uitpas/kiosk-device-already-in-use': {
    status: 400,
    title: 'Kiosk device already in use',
    message: m(
      'Dit toestel is al als andere zuil ingesteld.',
      'Cet appareil est déjà configuré comme une autre borne.',
      'This device is already configured as another kiosk.',
    ),
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemName = keyof typeof PROBLEMS;

export const problemTypeUri = (name: ProblemName): string => `https://api.publiq.be/probs/${name}`;

export interface ProblemOptions {
  detail?: string;
  /** Overrides the default end-user message (e.g. a rule's specific reason). */
  message?: EndUserMessage;
  status?: number;
  /** Documented extras such as jsonPointer, cardStatus, passholderId, schemaErrors. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function problem(name: ProblemName, options: ProblemOptions = {}): Reply {
  const def: ProblemDefinition = PROBLEMS[name];
  const status = options.status ?? def.status;
  const message = options.message ?? def.message;
  return {
    status,
    contentType: 'application/problem+json',
    ...(options.headers ? { headers: options.headers } : {}),
    body: {
      type: problemTypeUri(name),
      title: def.title,
      status,
      ...(options.detail ? { detail: options.detail } : {}),
      ...(message ? { endUserMessage: message } : {}),
      ...options.extra,
    },
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  contentType: 'application/json',
  ...(headers ? { headers } : {}),
});

export const noContent = (): Reply => ({ status: 204 });
