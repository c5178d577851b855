// The RFC 7807 problem model of publiq's APIs (DOMAIN.md §12) and the messages the UI shows for it.
// Rule 18: always show `endUserMessage`; unknown types get a generic message; never a raw URI.
import { z } from 'zod';

export const PROBLEM_BASE_URI = 'https://api.publiq.be/probs/';

/** Every problem type named in DOMAIN.md §12, the OpenAPI definition and errors.md. */
export const PROBLEM_TYPES = [
  'auth/unauthorized',
  'auth/forbidden',
  'body/missing',
  'body/invalid-syntax',
  'body/invalid-data',
  'body/file-missing',
  'body/file-invalid-type',
  'body/file-invalid-size',
  'header/missing',
  'header/invalid',
  'header/not-acceptable',
  'header/unsupported-media-type',
  'method/not-allowed',
  'url/not-found',
  'url/query-limit-exceeded',
  'uitpas/card-blocked',
  'uitpas/invalid-card',
  'uitpas/invalid-card-status',
  'uitpas/pass-not-found',
  'uitpas/passholder-blocked',
  'uitpas/invalid-uitpas-number',
  'uitpas/invalid-uitpasnumber',
  'uitpas/invalid-insz-number',
  'uitpas/insz-already-used',
  'uitpas/insz-in-token-required',
  'uitpas/passholder-not-found',
  'uitpas/passholder-no-active-cardsystems',
  'uitpas/passholder-already-registered',
  'uitpas/uitid-already-registered',
  'uitpas/passholder-new-membership-error',
  'uitpas/forbidden-underaged',
  'uitpas/email-already-used',
  'uitpas/family-member-already-added',
  'uitpas/too-many-family-members',
  'uitpas/too-many-adults-in-family',
  'uitpas/social-tariff-expired',
  'uitpas/social-tariff-suspended',
  'uitpas/social-tariff-not-available',
  'uitpas/social-tariff-discount-expired',
  'uitpas/invalid-social-tariff-validation-token',
  'uitpas/maximum-reached',
  'uitpas/invalid-number-of-tickets',
  'uitpas/invalid-coupon',
  'uitpas/ticket-sale-not-found',
  'uitpas/event-not-found',
  'uitpas/event-already-has-ticketsales',
  'uitpas/event-not-acceptable',
  'uitpas/invalid-distributionkey',
  'uitpas/distributionkey-not-found',
  'uitpas/disributionkey-not-found',
  'uitpas/checkin-not-allowed',
  'uitpas/checkin-code-expired',
  'uitpas/checkin-code-invalid',
  'uitpas/reward-not-found',
  'uitpas/reward-not-editable',
  'uitpas/reward-invalid-redeem-type',
  'uitpas/reward-period-constraint',
  'uitpas/reward-volume-constraint',
  'uitpas/reward-passholder-volume-constraint',
  'uitpas/reward-passholder-points-constraint',
  'uitpas/reward-passholder-no-applicable-cardsystems',
  'uitpas/organizer-not-found',
  'uitpas/cardsystem-not-found',
  'uitpas/invalid-card-system',
  'uitpas/group-not-found',
  'uitpas/school-not-found',
  'uitpas/report-not-found',
  'uitpas/report-invalid-status',
  'uitpas/client-not-found',
  'uitpas/association-not-found',
  'uitpas/association-membership-renew-not-possible',
  'uitpas/association-passholder-cardsystem-mismatch',
  'uitpas/kiosk-not-found',
  'uitpas/kiosk-already-configured',
  'uitpas/kiosk-device-already-in-use',
  'uitpas/invalid-city',
  'uitpas/invalid-postal-code',
  'uitpas/postal-code-required',
  'uitpas/postal-code-not-in-card-system',
  'uitpas/invalid-voucher-code',
  'uitpas/rate-limited',
] as const;

export type ProblemTypeName = (typeof PROBLEM_TYPES)[number];
export type ProblemTypeUri = `${typeof PROBLEM_BASE_URI}${ProblemTypeName}`;

/** Languages of `endUserMessage`; fallback messages exist for nl, fr and en (German falls back to Dutch). */
export type Lang = 'nl' | 'fr' | 'de' | 'en';
export type FallbackLang = 'nl' | 'fr' | 'en';

const KNOWN = new Set<string>(PROBLEM_TYPES);

export function isProblemTypeName(value: unknown): value is ProblemTypeName {
  return typeof value === 'string' && KNOWN.has(value);
}

export function problemTypeUri(name: ProblemTypeName): ProblemTypeUri {
  return `${PROBLEM_BASE_URI}${name}`;
}

/** The known type name of a problem URI, or undefined. Also accepts a bare name such as `uitpas/maximum-reached`. */
export function problemNameFromUri(uri: unknown): ProblemTypeName | undefined {
  if (typeof uri !== 'string' || uri.length > 300) return undefined;
  const trimmed = uri.trim();
  const name = trimmed.startsWith(PROBLEM_BASE_URI) ? trimmed.slice(PROBLEM_BASE_URI.length) : trimmed;
  return isProblemTypeName(name) ? name : undefined;
}

/** Both spellings of the malformed-UiTPAS-number type mean the same (rule 18); so do the distribution-key ones. */
export function canonicalProblemName(name: ProblemTypeName): ProblemTypeName {
  if (name === 'uitpas/invalid-uitpasnumber') return 'uitpas/invalid-uitpas-number';
  if (name === 'uitpas/disributionkey-not-found') return 'uitpas/distributionkey-not-found';
  return name;
}

const endUserMessageSchema = z.looseObject({
  nl: z.string(),
  fr: z.string().optional(),
  de: z.string().optional(),
  en: z.string().optional(),
});

/** An RFC 7807 problem as publiq sends it; unknown fields are kept. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  endUserMessage: endUserMessageSchema.optional(),
  schemaErrors: z.array(z.object({ jsonPointer: z.string(), error: z.string() })).optional(),
  jsonPointer: z.string().optional(),
  cardStatus: z.string().optional(),
  passholderId: z.string().optional(),
  passType: z.string().optional(),
  groupPass: z.boolean().optional(),
});

export type Problem = z.infer<typeof problemSchema>;
export type EndUserMessage = z.infer<typeof endUserMessageSchema>;

/** Parses an untrusted response body as a problem; undefined when it is not one. */
export function parseProblem(body: unknown): Problem | undefined {
  const r = problemSchema.safeParse(body);
  return r.success ? r.data : undefined;
}

/** HTTP status of each type as documented (400 where the sources give none). */
const STATUS: Partial<Record<ProblemTypeName, number>> = {
  'auth/unauthorized': 401,
  'auth/forbidden': 403,
  'header/not-acceptable': 406,
  'header/unsupported-media-type': 415,
  'method/not-allowed': 405,
  'url/not-found': 404,
  'uitpas/pass-not-found': 404,
  'uitpas/passholder-not-found': 404,
  'uitpas/ticket-sale-not-found': 404,
  'uitpas/event-not-found': 404,
  'uitpas/reward-not-found': 404,
  'uitpas/organizer-not-found': 404,
  'uitpas/school-not-found': 404,
  'uitpas/report-not-found': 404,
  'uitpas/rate-limited': 429,
};

export function problemStatus(name: ProblemTypeName): number {
  return Object.hasOwn(STATUS, name) ? (STATUS[name] ?? 400) : 400;
}

type Messages = Record<FallbackLang, string>;

const FALLBACK: Record<ProblemTypeName, Messages> = {
  'auth/unauthorized': {
    nl: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan.',
    fr: "Vous n'êtes pas (ou plus) connecté. Veuillez vous reconnecter.",
    en: 'You are not (or no longer) signed in. Please sign in again.',
  },
  'auth/forbidden': {
    nl: 'Je hebt geen toestemming voor deze handeling.',
    fr: "Vous n'avez pas l'autorisation d'effectuer cette action.",
    en: 'You do not have permission for this action.',
  },
  'body/missing': {
    nl: 'De aanvraag was onvolledig. Probeer opnieuw.',
    fr: 'La demande était incomplète. Veuillez réessayer.',
    en: 'The request was incomplete. Please try again.',
  },
  'body/invalid-syntax': {
    nl: 'De aanvraag kon niet gelezen worden. Probeer opnieuw.',
    fr: "La demande n'a pas pu être lue. Veuillez réessayer.",
    en: 'The request could not be read. Please try again.',
  },
  'body/invalid-data': {
    nl: 'Sommige gegevens zijn ongeldig. Controleer de ingevulde velden.',
    fr: 'Certaines données ne sont pas valides. Vérifiez les champs remplis.',
    en: 'Some data is invalid. Please check the fields you filled in.',
  },
  'body/file-missing': {
    nl: 'Er ontbreekt een bestand.',
    fr: 'Un fichier est manquant.',
    en: 'A file is missing.',
  },
  'body/file-invalid-type': {
    nl: 'Dit bestandstype wordt niet ondersteund.',
    fr: "Ce type de fichier n'est pas pris en charge.",
    en: 'This file type is not supported.',
  },
  'body/file-invalid-size': {
    nl: 'Het bestand is te groot of te klein.',
    fr: 'Le fichier est trop grand ou trop petit.',
    en: 'The file is too large or too small.',
  },
  'header/missing': {
    nl: 'De aanvraag was onvolledig (ontbrekende gegevens). Probeer opnieuw.',
    fr: 'La demande était incomplète (données manquantes). Veuillez réessayer.',
    en: 'The request was incomplete (missing data). Please try again.',
  },
  'header/invalid': {
    nl: 'De aanvraag bevatte ongeldige gegevens. Probeer opnieuw.',
    fr: 'La demande contenait des données non valides. Veuillez réessayer.',
    en: 'The request contained invalid data. Please try again.',
  },
  'header/not-acceptable': {
    nl: 'De UiTPAS-server kan dit antwoordformaat niet leveren.',
    fr: 'Le serveur UiTPAS ne peut pas fournir ce format de réponse.',
    en: 'The UiTPAS server cannot provide this response format.',
  },
  'header/unsupported-media-type': {
    nl: 'De UiTPAS-server aanvaardt dit gegevensformaat niet.',
    fr: "Le serveur UiTPAS n'accepte pas ce format de données.",
    en: 'The UiTPAS server does not accept this data format.',
  },
  'method/not-allowed': {
    nl: 'Deze handeling is niet toegestaan.',
    fr: "Cette action n'est pas autorisée.",
    en: 'This action is not allowed.',
  },
  'url/not-found': {
    nl: 'Niet gevonden.',
    fr: 'Introuvable.',
    en: 'Not found.',
  },
  'url/query-limit-exceeded': {
    nl: 'Te veel resultaten tegelijk gevraagd.',
    fr: 'Trop de résultats demandés à la fois.',
    en: 'Too many results requested at once.',
  },
  'uitpas/card-blocked': {
    nl: 'Deze UiTPAS is geblokkeerd.',
    fr: 'Cette UiTPAS est bloquée.',
    en: 'This UiTPAS card is blocked.',
  },
  'uitpas/invalid-card': {
    nl: 'Deze kaart kan hier niet gebruikt worden.',
    fr: 'Cette carte ne peut pas être utilisée ici.',
    en: 'This card cannot be used here.',
  },
  'uitpas/invalid-card-status': {
    nl: 'Deze UiTPAS is niet actief (geblokkeerd, verwijderd of nog niet geactiveerd).',
    fr: "Cette UiTPAS n'est pas active (bloquée, supprimée ou pas encore activée).",
    en: 'This UiTPAS card is not active (blocked, deleted or not yet activated).',
  },
  'uitpas/pass-not-found': {
    nl: 'Er is geen UiTPAS gevonden voor dit nummer.',
    fr: 'Aucune UiTPAS trouvée pour ce numéro.',
    en: 'No UiTPAS was found for this number.',
  },
  'uitpas/passholder-blocked': {
    nl: 'Deze pashouder is geblokkeerd.',
    fr: 'Ce titulaire de pass est bloqué.',
    en: 'This pass holder is blocked.',
  },
  'uitpas/invalid-uitpas-number': {
    nl: 'Dit is geen geldig UiTPAS-nummer.',
    fr: "Ce n'est pas un numéro UiTPAS valide.",
    en: 'This is not a valid UiTPAS number.',
  },
  'uitpas/invalid-uitpasnumber': {
    nl: 'Dit is geen geldig UiTPAS-nummer.',
    fr: "Ce n'est pas un numéro UiTPAS valide.",
    en: 'This is not a valid UiTPAS number.',
  },
  'uitpas/invalid-insz-number': {
    nl: 'Dit is geen geldig rijksregisternummer.',
    fr: "Ce n'est pas un numéro de registre national valide.",
    en: 'This is not a valid national register number.',
  },
  'uitpas/insz-already-used': {
    nl: 'Er bestaat al een UiTPAS met dit rijksregisternummer.',
    fr: 'Une UiTPAS existe déjà avec ce numéro de registre national.',
    en: 'A UiTPAS already exists for this national register number.',
  },
  'uitpas/insz-in-token-required': {
    nl: 'Je rijksregisternummer is nodig: meld je aan met je eID of itsme.',
    fr: 'Votre numéro de registre national est nécessaire : connectez-vous avec votre eID ou itsme.',
    en: 'Your national register number is needed: sign in with your eID or itsme.',
  },
  'uitpas/passholder-not-found': {
    nl: 'Deze pashouder is niet gevonden.',
    fr: 'Ce titulaire de pass est introuvable.',
    en: 'This pass holder was not found.',
  },
  'uitpas/passholder-no-active-cardsystems': {
    nl: 'Deze pashouder heeft geen actief UiTPAS-lidmaatschap.',
    fr: "Ce titulaire n'a aucune affiliation UiTPAS active.",
    en: 'This pass holder has no active UiTPAS membership.',
  },
  'uitpas/passholder-already-registered': {
    nl: 'Deze pashouder is al gekoppeld aan een UiTiD-account.',
    fr: 'Ce titulaire est déjà lié à un compte UiTiD.',
    en: 'This pass holder is already linked to a UiTiD account.',
  },
  'uitpas/uitid-already-registered': {
    nl: 'Dit UiTiD-account is al gekoppeld aan een andere pashouder.',
    fr: 'Ce compte UiTiD est déjà lié à un autre titulaire.',
    en: 'This UiTiD account is already linked to another pass holder.',
  },
  'uitpas/passholder-new-membership-error': {
    nl: 'Het nieuwe UiTPAS-lidmaatschap kon niet worden voorbereid.',
    fr: "La nouvelle affiliation UiTPAS n'a pas pu être préparée.",
    en: 'The new UiTPAS membership could not be prepared.',
  },
  'uitpas/forbidden-underaged': {
    nl: 'Dit kan niet voor minderjarigen.',
    fr: "Ce n'est pas possible pour les mineurs.",
    en: 'This is not allowed for minors.',
  },
  'uitpas/email-already-used': {
    nl: 'Dit e-mailadres is al in gebruik.',
    fr: 'Cette adresse e-mail est déjà utilisée.',
    en: 'This e-mail address is already in use.',
  },
  'uitpas/family-member-already-added': {
    nl: 'Dit gezinslid is al toegevoegd.',
    fr: 'Ce membre de la famille a déjà été ajouté.',
    en: 'This family member has already been added.',
  },
  'uitpas/too-many-family-members': {
    nl: 'Het maximum aantal gezinsleden is bereikt.',
    fr: 'Le nombre maximal de membres de la famille est atteint.',
    en: 'The maximum number of family members has been reached.',
  },
  'uitpas/too-many-adults-in-family': {
    nl: 'Het maximum aantal volwassenen in dit gezin is bereikt.',
    fr: "Le nombre maximal d'adultes dans cette famille est atteint.",
    en: 'The maximum number of adults in this family has been reached.',
  },
  'uitpas/social-tariff-expired': {
    nl: 'Het kansentarief van deze pashouder is verlopen.',
    fr: 'Le tarif social de ce titulaire a expiré.',
    en: "This pass holder's social tariff has expired.",
  },
  'uitpas/social-tariff-suspended': {
    nl: 'Het kansentarief van deze pashouder is tijdelijk geschorst. Punten sparen en voordelen omruilen kan wel.',
    fr: 'Le tarif social de ce titulaire est temporairement suspendu. Épargner des points et échanger des avantages reste possible.',
    en: "This pass holder's social tariff is temporarily suspended. Saving points and redeeming rewards is still possible.",
  },
  'uitpas/social-tariff-not-available': {
    nl: 'Er is geen kansentarief beschikbaar voor deze activiteit.',
    fr: "Aucun tarif social n'est disponible pour cette activité.",
    en: 'No social tariff is available for this activity.',
  },
  'uitpas/social-tariff-discount-expired': {
    nl: 'De korting met kansentarief is verlopen.',
    fr: 'La réduction au tarif social a expiré.',
    en: 'The social tariff discount has expired.',
  },
  'uitpas/invalid-social-tariff-validation-token': {
    nl: 'De controle van het kansentarief is verlopen of ongeldig. Probeer opnieuw.',
    fr: 'La vérification du tarif social a expiré ou est invalide. Veuillez réessayer.',
    en: 'The social tariff check has expired or is invalid. Please try again.',
  },
  'uitpas/maximum-reached': {
    nl: 'Het maximum voor deze pashouder is bereikt.',
    fr: 'Le maximum pour ce titulaire est atteint.',
    en: 'The maximum for this pass holder has been reached.',
  },
  'uitpas/invalid-number-of-tickets': {
    nl: 'Er zijn niet zoveel tickets meer beschikbaar aan dit tarief.',
    fr: "Il n'y a plus autant de billets disponibles à ce tarif.",
    en: 'Not that many tickets are still available at this tariff.',
  },
  'uitpas/invalid-coupon': {
    nl: 'Deze bon is niet (meer) geldig.',
    fr: "Ce bon n'est pas (ou plus) valable.",
    en: 'This coupon is not (or no longer) valid.',
  },
  'uitpas/ticket-sale-not-found': {
    nl: 'Deze ticketverkoop is niet gevonden.',
    fr: 'Cette vente de billet est introuvable.',
    en: 'This ticket sale was not found.',
  },
  'uitpas/event-not-found': {
    nl: 'Deze activiteit is niet gekend bij UiTPAS.',
    fr: "Cette activité n'est pas connue d'UiTPAS.",
    en: 'This activity is not known to UiTPAS.',
  },
  'uitpas/event-already-has-ticketsales': {
    nl: 'Voor deze activiteit zijn al tickets verkocht; de kaartsystemen kunnen niet meer wijzigen.',
    fr: 'Des billets ont déjà été vendus pour cette activité ; les systèmes de carte ne peuvent plus être modifiés.',
    en: 'Tickets have already been sold for this activity; its card systems can no longer change.',
  },
  'uitpas/event-not-acceptable': {
    nl: 'Deze activiteit kan niet op deze zuil gebruikt worden.',
    fr: 'Cette activité ne peut pas être utilisée sur cette borne.',
    en: 'This activity cannot be used on this kiosk.',
  },
  'uitpas/invalid-distributionkey': {
    nl: 'Er is geen geldige verdeelsleutel voor deze activiteit.',
    fr: "Il n'y a pas de clé de répartition valable pour cette activité.",
    en: 'There is no valid distribution key for this activity.',
  },
  'uitpas/distributionkey-not-found': {
    nl: 'Deze verdeelsleutel bestaat niet.',
    fr: "Cette clé de répartition n'existe pas.",
    en: 'This distribution key does not exist.',
  },
  'uitpas/disributionkey-not-found': {
    nl: 'Deze verdeelsleutel bestaat niet.',
    fr: "Cette clé de répartition n'existe pas.",
    en: 'This distribution key does not exist.',
  },
  'uitpas/checkin-not-allowed': {
    nl: 'Inchecken is nu niet mogelijk voor deze activiteit.',
    fr: "L'enregistrement n'est pas possible pour cette activité en ce moment.",
    en: 'Checking in is not possible for this activity right now.',
  },
  'uitpas/checkin-code-expired': {
    nl: 'Deze incheckcode is verlopen.',
    fr: "Ce code d'enregistrement a expiré.",
    en: 'This check-in code has expired.',
  },
  'uitpas/checkin-code-invalid': {
    nl: 'Deze incheckcode is ongeldig.',
    fr: "Ce code d'enregistrement n'est pas valide.",
    en: 'This check-in code is invalid.',
  },
  'uitpas/reward-not-found': {
    nl: 'Dit voordeel is niet gevonden.',
    fr: 'Cet avantage est introuvable.',
    en: 'This reward was not found.',
  },
  'uitpas/reward-not-editable': {
    nl: 'Dit voordeel is al omgeruild of toegekend; sommige velden kunnen niet meer wijzigen.',
    fr: 'Cet avantage a déjà été échangé ou attribué ; certains champs ne peuvent plus être modifiés.',
    en: 'This reward has already been redeemed or granted; some fields can no longer change.',
  },
  'uitpas/reward-invalid-redeem-type': {
    nl: 'Dit voordeel kan niet aan de balie omgeruild worden.',
    fr: 'Cet avantage ne peut pas être échangé au comptoir.',
    en: 'This reward cannot be redeemed at the counter.',
  },
  'uitpas/reward-period-constraint': {
    nl: 'Dit voordeel is nu niet geldig.',
    fr: "Cet avantage n'est pas valable en ce moment.",
    en: 'This reward is not valid at this time.',
  },
  'uitpas/reward-volume-constraint': {
    nl: 'Dit voordeel is uitgeput.',
    fr: 'Cet avantage est épuisé.',
    en: 'This reward is sold out.',
  },
  'uitpas/reward-passholder-volume-constraint': {
    nl: 'Deze pashouder heeft dit voordeel al het maximum aantal keer omgeruild.',
    fr: 'Ce titulaire a déjà échangé cet avantage le nombre maximal de fois.',
    en: 'This pass holder has already redeemed this reward the maximum number of times.',
  },
  'uitpas/reward-passholder-points-constraint': {
    nl: 'Deze pashouder heeft niet genoeg punten voor dit voordeel.',
    fr: "Ce titulaire n'a pas assez de points pour cet avantage.",
    en: 'This pass holder does not have enough points for this reward.',
  },
  'uitpas/reward-passholder-no-applicable-cardsystems': {
    nl: 'Dit voordeel geldt niet in de UiTPAS-regio van deze pashouder.',
    fr: "Cet avantage n'est pas valable dans la région UiTPAS de ce titulaire.",
    en: "This reward is not valid in this pass holder's UiTPAS region.",
  },
  'uitpas/organizer-not-found': {
    nl: 'Deze organisatie is niet gevonden.',
    fr: 'Cet organisateur est introuvable.',
    en: 'This organiser was not found.',
  },
  'uitpas/cardsystem-not-found': {
    nl: 'Deze UiTPAS-regio bestaat niet.',
    fr: "Cette région UiTPAS n'existe pas.",
    en: 'This UiTPAS region does not exist.',
  },
  'uitpas/invalid-card-system': {
    nl: 'Deze UiTPAS-regio kan hier niet gebruikt worden.',
    fr: 'Cette région UiTPAS ne peut pas être utilisée ici.',
    en: 'This UiTPAS region cannot be used here.',
  },
  'uitpas/group-not-found': {
    nl: 'Deze groep organisaties is niet gevonden.',
    fr: "Ce groupe d'organisateurs est introuvable.",
    en: 'This organiser group was not found.',
  },
  'uitpas/school-not-found': {
    nl: 'Deze school is niet gevonden.',
    fr: 'Cette école est introuvable.',
    en: 'This school was not found.',
  },
  'uitpas/report-not-found': {
    nl: 'Dit financieel rapport is niet gevonden.',
    fr: 'Ce rapport financier est introuvable.',
    en: 'This financial report was not found.',
  },
  'uitpas/report-invalid-status': {
    nl: 'Dit financieel rapport is nog niet klaar.',
    fr: "Ce rapport financier n'est pas encore prêt.",
    en: 'This financial report is not ready yet.',
  },
  'uitpas/client-not-found': {
    nl: 'Deze toepassing is niet gekend bij UiTPAS.',
    fr: "Cette application n'est pas connue d'UiTPAS.",
    en: 'This application is not known to UiTPAS.',
  },
  'uitpas/association-not-found': {
    nl: 'Deze vereniging is niet gevonden.',
    fr: 'Cette association est introuvable.',
    en: 'This association was not found.',
  },
  'uitpas/association-membership-renew-not-possible': {
    nl: 'Dit lidmaatschap kan nu niet verlengd worden.',
    fr: "Cette adhésion ne peut pas être renouvelée pour l'instant.",
    en: 'This membership cannot be renewed right now.',
  },
  'uitpas/association-passholder-cardsystem-mismatch': {
    nl: 'Deze vereniging hoort niet bij de UiTPAS-regio van deze pashouder.',
    fr: "Cette association n'appartient pas à la région UiTPAS de ce titulaire.",
    en: "This association does not belong to this pass holder's UiTPAS region.",
  },
  'uitpas/kiosk-not-found': {
    nl: 'Deze configuratiecode is niet gekend. Controleer de code.',
    fr: "Ce code de configuration n'est pas connu. Vérifiez le code.",
    en: 'This configuration code is not known. Please check the code.',
  },
  'uitpas/kiosk-already-configured': {
    nl: 'Deze zuil is al ingesteld.',
    fr: 'Cette borne est déjà configurée.',
    en: 'This kiosk has already been set up.',
  },
  'uitpas/kiosk-device-already-in-use': {
    nl: 'Dit toestel is al in gebruik als zuil.',
    fr: 'Cet appareil est déjà utilisé comme borne.',
    en: 'This device is already in use as a kiosk.',
  },
  'uitpas/invalid-city': {
    nl: 'Deze gemeente is ongeldig.',
    fr: "Cette commune n'est pas valide.",
    en: 'This municipality is invalid.',
  },
  'uitpas/invalid-postal-code': {
    nl: 'Deze postcode is ongeldig.',
    fr: "Ce code postal n'est pas valide.",
    en: 'This postal code is invalid.',
  },
  'uitpas/postal-code-required': {
    nl: 'Vul een postcode in.',
    fr: 'Veuillez indiquer un code postal.',
    en: 'Please enter a postal code.',
  },
  'uitpas/postal-code-not-in-card-system': {
    nl: 'Deze postcode ligt niet in deze UiTPAS-regio.',
    fr: 'Ce code postal ne se trouve pas dans cette région UiTPAS.',
    en: 'This postal code is not in this UiTPAS region.',
  },
  'uitpas/invalid-voucher-code': {
    nl: 'Deze vouchercode is ongeldig.',
    fr: "Ce code de bon n'est pas valide.",
    en: 'This voucher code is invalid.',
  },
  'uitpas/rate-limited': {
    nl: 'Te veel aanvragen op korte tijd. Wacht even en probeer opnieuw.',
    fr: 'Trop de demandes en peu de temps. Patientez un instant et réessayez.',
    en: 'Too many requests in a short time. Please wait a moment and try again.',
  },
};

const GENERIC: Messages = {
  nl: 'Er ging iets mis bij UiTPAS. Probeer opnieuw of contacteer je UiTPAS-balie.',
  fr: "Une erreur s'est produite chez UiTPAS. Réessayez ou contactez votre comptoir UiTPAS.",
  en: 'Something went wrong at UiTPAS. Try again or contact your UiTPAS counter.',
};

function fallbackLang(lang: unknown): FallbackLang {
  return lang === 'fr' || lang === 'en' ? lang : 'nl';
}

/** Our message for a problem type, for when the API sent no `endUserMessage`. */
export function fallbackMessage(name: ProblemTypeName, lang: Lang = 'nl'): string {
  const messages = isProblemTypeName(name) ? FALLBACK[name] : GENERIC;
  return messages[fallbackLang(lang)];
}

export function genericProblemMessage(lang: Lang = 'nl'): string {
  return GENERIC[fallbackLang(lang)];
}

/**
 * The text of an `endUserMessage` (errors, and 200 responses of /tariffs and /checkin-status) in the
 * wanted language, else Dutch; undefined when there is none.
 */
export function endUserMessageText(
  message: Partial<EndUserMessage> | undefined,
  lang: Lang = 'nl',
): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const wanted = Object.hasOwn(message, lang) ? message[lang] : undefined;
  if (typeof wanted === 'string' && wanted.trim() !== '') return wanted;
  if (typeof message.nl === 'string' && message.nl.trim() !== '') return message.nl;
  return undefined;
}

/**
 * The message a screen shows for a problem: the API's `endUserMessage` in the wanted language, else its
 * Dutch one, else our fallback for the type, else a generic message. Never the type URI.
 */
export function userMessage(problem: Pick<Problem, 'type' | 'endUserMessage'>, lang: Lang = 'nl'): string {
  const fromApi = endUserMessageText(problem.endUserMessage, lang);
  if (fromApi !== undefined) return fromApi;
  const name = problemNameFromUri(problem.type);
  return name === undefined ? genericProblemMessage(lang) : fallbackMessage(name, lang);
}

/** Builds a problem body, e.g. for the sandbox or a locally refused action. */
export function makeProblem(
  name: ProblemTypeName,
  extras: Partial<Omit<Problem, 'type'>> = {},
): Problem & { type: ProblemTypeUri } {
  return {
    title: fallbackMessage(name, 'en'),
    status: problemStatus(name),
    ...extras,
    type: problemTypeUri(name),
  };
}

/** Errors are values: a kind the code branches on, a message for people, and the API problem if any. */
export type AppErrorKind =
  | 'invalid-input'
  | 'refused'
  | 'problem'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'network'
  | 'timeout'
  | 'offline'
  | 'rate-limited'
  | 'storage'
  | 'hardware'
  | 'unexpected';

export interface AppError {
  kind: AppErrorKind;
  /** Human message, Dutch unless a language was asked for. */
  message: string;
  problem?: Problem;
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export function appError(kind: AppErrorKind, message: string, problem?: Problem): AppError {
  return problem === undefined ? { kind, message } : { kind, message, problem };
}

/** Maps an API problem to an AppError with the message a screen should show. */
export function appErrorFromProblem(problem: Problem, lang: Lang = 'nl'): AppError {
  const name = problemNameFromUri(problem.type);
  const kind: AppErrorKind =
    name === 'auth/unauthorized'
      ? 'unauthorized'
      : name === 'auth/forbidden'
        ? 'forbidden'
        : name === 'uitpas/rate-limited'
          ? 'rate-limited'
          : 'problem';
  return { kind, message: userMessage(problem, lang), problem };
}
