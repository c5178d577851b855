// Permissions, organizers, card systems, passes, passholders (search, registration, memberships), cards, group passes.
import { randomUUID } from 'node:crypto';
import { classifyIdentifier, uitpasCheckDigit, validateChipNumber, validateInsz, validateUitpasNumber } from '@uitpas/domain';
import { cardSystemById, cardSystemJson, organizerJson, organizerKeyById, socialTariffOf } from '../model.node.ts';
import { json, messageOf, noContent, problem, type Reply } from '../problems.ts';
import { CARD_SYSTEMS, MEMBERSHIP_PRICES, ORGANIZERS } from '../seed-data.ts';
import { defaultSocialTariffEnd } from '../store.node.ts';
import type { CardRow, PassholderData, PassholderRow } from '../store.node.ts';
import { brusselsDate } from '../brussels.ts';
import { type Json, type Ctx, m, str, strs, page, grantsOf, can, canAnywhere, forbidden, callerCardSystems } from './context.node.ts';


// Permissions, organizers, card systems

const PERMISSION_LABELS: Record<string, string> = {
  PASSES_READ: 'Passen opzoeken',
  PASSHOLDERS_SEARCH: 'Pashouders zoeken',
  GROUPPASSES_SEARCH: 'Groepspassen zoeken',
  CHECKINS_READ: 'Check-ins bekijken',
  CHECKINS_WRITE: 'Punten sparen',
  TARIFFS_READ: 'Tarieven opvragen',
  TICKETSALES_REGISTER: 'Ticketverkoop registreren',
  TICKETSALES_SEARCH: 'Ticketverkopen bekijken',
  REWARDS_READ: 'Voordelen bekijken',
  REWARDS_REDEEM: 'Voordelen omruilen',
  REWARDS_PASSHOLDERS_READ: 'Voordelen van pashouders bekijken',
  PASSHOLDERS_WRITE: 'Pashouders registreren',
  PASSHOLDERS_WRITE_SOCIALTARIFF: 'Kansentarief toekennen',
  PASSHOLDERS_UPDATE: 'Pashouders wijzigen',
  MEMBERSHIP_PRICES_READ: 'Pasprijzen opvragen',
  CARDS_READ: 'Kaarten opzoeken',
  ORGANIZERS_SEARCH: 'Organisatoren zoeken',
  PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM: 'Kansentarief toekennen in de hele regio',
};

export function getPermissions(ctx: Ctx): Reply {
  return json(
    200,
    grantsOf(ctx).map((g) => ({
      organizer: organizerJson(g.organizer, true),
      permissions: [...g.permissions],
      permissionDetails: g.permissions.map((p) => ({
        id: p,
        label: { nl: PERMISSION_LABELS[p] ?? p, en: p },
        cardSystemIds: [ORGANIZERS[g.organizer].cardSystemId],
      })),
      linkedOrganizers: [],
    })),
  );
}

export function getOrganizer(ctx: Ctx): Reply {
  const key = organizerKeyById(String(ctx.params.id));
  if (!key) return problem('uitpas/organizer-not-found');
  if (!canAnywhere(ctx, 'ORGANIZERS_SEARCH')) return forbidden('ORGANIZERS_SEARCH');
  return json(200, organizerJson(key, true));
}

export function getCardSystems(ctx: Ctx): Reply {
  const postalCodes = strs(ctx.params.postalCode);
  const cities = strs(ctx.params.city).map((c) => c.toLowerCase());
  if (postalCodes.some((p) => !/^\d{4}$/.test(p))) return problem('uitpas/invalid-postal-code');
  const list = Object.values(CARD_SYSTEMS)
    .filter((c) => postalCodes.length === 0 || c.cities.some((x) => postalCodes.includes(x.postalCode)))
    .filter((c) => cities.length === 0 || c.cities.some((x) => cities.includes(x.name.toLowerCase())))
    .map((c) => cardSystemJson(c.id, true));
  return json(200, page(list, ctx));
}

export function getCardSystem(ctx: Ctx): Reply {
  const id = Number(ctx.params.cardSystemId);
  if (!cardSystemById(id)) return problem('uitpas/cardsystem-not-found', { status: 404 });
  return json(200, cardSystemJson(id, true));
}

// ---------------------------------------------------------------------------------------------------------
// Passes, passholders, cards, group passes

const SOCIAL_MESSAGES = {
  expired: m(
    'Je sociaal tarief is verlopen. Contacteer je UiTPAS balie.',
    'Votre tarif social a expiré. Contactez votre guichet UiTPAS.',
    'Your social tariff has expired. Please contact your UiTPAS desk.',
  ),
};

export function getPass(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSES_READ')) return forbidden('PASSES_READ');
  const raw = String(ctx.params.identifier);
  const id = classifyIdentifier(raw);
  if (!id.ok) {
    return problem('body/invalid-data', {
      message: m(
        id.message,
        "Ce n'est pas un numéro UiTPAS, numéro de puce ou numéro de registre national valide.",
        'This is not a valid UiTPAS number, chip number or national register number.',
      ),
      extra: { schemaErrors: [{ jsonPointer: '/identifier', error: id.message }] },
    });
  }
  let card: CardRow | undefined;
  if (id.kind === 'uitpas') card = ctx.app.model.card(id.value);
  else if (id.kind === 'chip') card = ctx.app.model.cardByChip(id.value);
  else {
    const ph = ctx.app.model.passholderByInsz(id.value);
    const number = ph ? ctx.app.model.primaryNumber(ph.id) : undefined;
    card = number ? ctx.app.model.card(number) : undefined;
  }
  if (!card || (card.status === 'ACTIVE' && !card.passholder_id && !card.group_pass_id)) {
    return problem('uitpas/pass-not-found');
  }
  const passType = card.group_pass_id ? 'GROUP' : 'INDIVIDUAL';
  if (card.status !== 'ACTIVE') {
    return problem('uitpas/invalid-card-status', {
      extra: {
        cardStatus: card.status,
        passType,
        ...(card.passholder_id ? { passholderId: card.passholder_id } : {}),
      },
    });
  }
  if (card.group_pass_id) {
    const group = ctx.app.model.groupPass(card.group_pass_id);
    if (!group) return problem('uitpas/pass-not-found');
    const g = ctx.app.model.groupPassJson(group, card, ctx.now) as {
      name: string;
      address: { postalCode: string };
      socialTariff: { endDate: string };
    };
    return json(200, {
      passholderId: group.id,
      passType: 'GROUP',
      uitpasNumber: card.uitpas_number,
      firstName: g.name,
      points: 0,
      postalCode: g.address.postalCode,
      cardSystem: cardSystemJson(card.card_system_id),
      socialTariff: { status: 'ACTIVE', endDate: g.socialTariff.endDate },
    });
  }
  const ph = ctx.app.model.passholder(card.passholder_id as string);
  const membership = ph
    ? ctx.app.model.memberships(ph.id).find((x) => x.uitpas_number === card.uitpas_number)
    : undefined;
  if (!ph || !membership) return problem('uitpas/pass-not-found');
  if (membership.status !== 'ACTIVE')
    return problem('uitpas/passholder-blocked', { extra: { passholderId: ph.id, passType } });
  const data = JSON.parse(ph.data) as PassholderData;
  const st = socialTariffOf(membership, ctx.now);
  const messages: { level: 'INFO' | 'WARN' | 'ERROR'; text: string }[] = [];
  // Pass.socialTariff knows no SUSPENDED: a suspended passholder is not entitled, shown as EXPIRED with a message.
  const status: 'ACTIVE' | 'EXPIRED' | 'NONE' = st.status === 'SUSPENDED' ? 'EXPIRED' : st.status;
  if (st.status === 'EXPIRED') messages.push({ level: 'WARN', text: SOCIAL_MESSAGES.expired.nl });
  if (st.status === 'SUSPENDED') {
    messages.push({
      level: 'WARN',
      text: `Je kansentarief is opgeschort tot ${brusselsDate(new Date(st.suspendedUntilDate as string))}. Sparen en voordelen omruilen kan wel.`,
    });
  }
  if (st.inGracePeriod) {
    messages.push({
      level: 'INFO',
      text: 'Je recht op kansentarief is verlopen, maar je zit nog in de overgangsperiode. Vraag een verlenging aan.',
    });
  }
  return json(200, {
    passholderId: ph.id,
    passType: 'INDIVIDUAL',
    uitpasNumber: card.uitpas_number,
    firstName: data.firstName,
    points: ph.points,
    postalCode: data.address.postalCode,
    cardSystem: cardSystemJson(membership.card_system_id),
    socialTariff: { status, ...(st.endDate ? { endDate: st.endDate } : {}) },
    ...(messages.length > 0 ? { messages } : {}),
  });
}

export function getPassholders(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSHOLDERS_SEARCH')) return forbidden('PASSHOLDERS_SEARCH');
  const p = ctx.params;
  const insz = str(p.inszNumber);
  const number = str(p.uitpasNumber);
  const chip = str(p.chipNumber);
  if (insz !== undefined && !validateInsz(insz).ok) return problem('uitpas/invalid-insz-number');
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  if (chip !== undefined && !validateChipNumber(chip).ok) {
    return problem('body/invalid-data', {
      extra: { schemaErrors: [{ jsonPointer: '/chipNumber', error: 'not a chip number' }] },
    });
  }
  const organizerId = str(p.organizerId);
  if (organizerId && !organizerKeyById(organizerId)) return problem('uitpas/organizer-not-found');
  const byId = insz !== undefined || number !== undefined || chip !== undefined;
  const own = callerCardSystems(ctx);
  let rows = ctx.app.db.prepare<[], PassholderRow>('SELECT * FROM passholders ORDER BY rowid').all();
  const ids = (card: CardRow | undefined) => (card?.passholder_id ? [card.passholder_id] : []);
  if (insz !== undefined)
    rows = rows.filter((r) => r.insz === (validateInsz(insz) as { value: string }).value);
  if (number !== undefined) rows = rows.filter((r) => ids(ctx.app.model.card(number)).includes(r.id));
  if (chip !== undefined)
    rows = rows.filter((r) =>
      ids(ctx.app.model.cardByChip((validateChipNumber(chip) as { value: string }).value)).includes(r.id),
    );
  const name = str(p.name)?.toLowerCase();
  const firstName = str(p.firstName)?.toLowerCase();
  const email = str(p.email)?.toLowerCase();
  const city = str(p['address.city'])?.toLowerCase();
  const from = str(p.dateOfBirthFrom);
  const to = str(p.dateOfBirthTo);
  rows = rows.filter((r) => {
    const d = JSON.parse(r.data) as PassholderData;
    if (
      name &&
      !`${d.firstName} ${d.name}`.toLowerCase().includes(name) &&
      !d.name.toLowerCase().includes(name)
    )
      return false;
    if (firstName && !d.firstName.toLowerCase().includes(firstName)) return false;
    if (email && d.email?.toLowerCase() !== email) return false;
    if (city && d.address.city.toLowerCase() !== city) return false;
    if (from && d.dateOfBirth < from) return false;
    if (to && d.dateOfBirth > to) return false;
    // PASSHOLDERS_SEARCH sees only its own card systems unless it searches by an identifier (DOMAIN.md §3).
    if (!byId && !ctx.app.model.memberships(r.id).some((x) => own.has(x.card_system_id))) return false;
    return true;
  });
  if (str(p['sort[name]']) === 'asc' || str(p['sort[name]']) === 'desc') {
    const dir = p['sort[name]'] === 'asc' ? 1 : -1;
    rows.sort(
      (a, b) =>
        dir *
        (JSON.parse(a.data) as PassholderData).name.localeCompare(
          (JSON.parse(b.data) as PassholderData).name,
        ),
    );
  }
  return json(
    200,
    page(
      rows.map((r) => ctx.app.model.passholderJson(r, ctx.now)),
      ctx,
    ),
  );
}

export function getPassholder(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSHOLDERS_SEARCH')) return forbidden('PASSHOLDERS_SEARCH');
  const row = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!row) return problem('uitpas/passholder-not-found');
  return json(200, ctx.app.model.passholderJson(row, ctx.now));
}

/** GET /passholders/{id}/private: the registration note staff wrote (PrivateProperties). */
export function getPassholderPrivate(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'PASSHOLDERS_PRIVATE_READ')) return forbidden('PASSHOLDERS_PRIVATE_READ');
  const row = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!row) return problem('uitpas/passholder-not-found');
  const data = JSON.parse(row.data) as PassholderData;
  return json(200, { id: row.id, ...(data.note ? { note: data.note } : {}) });
}

interface PassholderInput extends PassholderData {
  registrationNote?: string;
  registrationPicture?: string;
  inszNumber?: string;
  registrationOrganizer?: { id: string };
  registrationCardSystemId?: number;
  registrationCardType?: 'DIGITAL' | 'NFC_CARD';
  registrationUitpasNumber?: string;
  registrationSocialTariffEndDate?: string;
  registrationVoucher?: string;
}

const KNOWN_CITIES: { postalCode: string; name: string }[] = Object.values(CARD_SYSTEMS).flatMap((c) => [
  ...c.cities,
]);

function cityProblem(address: PassholderData['address']): Reply | null {
  const country = (address.country ?? 'BE').toUpperCase();
  if (country !== 'BE') return null;
  if (!/^\d{4}$/.test(address.postalCode)) return problem('uitpas/invalid-postal-code');
  const known = KNOWN_CITIES.filter((c) => c.postalCode === address.postalCode);
  if (known.length > 0 && !known.some((c) => c.name.toLowerCase() === address.city.trim().toLowerCase())) {
    return problem('uitpas/invalid-city');
  }
  return null;
}

function inszProblem(
  ctx: Ctx,
  insz: string,
  person: { dateOfBirth: string; gender?: string },
  exceptId?: string,
): Reply | null {
  // The INSZ carries the birth date and (odd/even serial) the gender: both must match, as in the legacy balie.
  const gender = person.gender === 'MALE' || person.gender === 'FEMALE' ? person.gender : undefined;
  const result = validateInsz(insz, { birthDate: person.dateOfBirth, ...(gender ? { gender } : {}) });
  if (!result.ok) return problem('uitpas/invalid-insz-number', { detail: result.message });
  const existing = ctx.app.model.passholderByInsz(result.value);
  if (existing && existing.id !== exceptId) return problem('uitpas/insz-already-used');
  return null;
}

function nextDigitalNumber(ctx: Ctx): string {
  const count =
    ctx.app.db.prepare<[], { n: number }>("SELECT COUNT(*) n FROM cards WHERE card_type = 'DIGITAL'").get()
      ?.n ?? 0;
  // Prefix 0400009 + a 4-digit serial + kansenstatuut digit 0, then the Luhn check digit.
  const first12 = `0400009${String(count + 1).padStart(4, '0')}0`;
  return first12 + uitpasCheckDigit(first12);
}

export function postPassholder(ctx: Ctx): Reply {
  const input = ctx.body as PassholderInput;
  const organizerId = input.registrationOrganizer?.id;
  const orgKey = organizerId ? organizerKeyById(organizerId) : undefined;
  if (!orgKey) return problem('uitpas/organizer-not-found');
  if (!can(ctx, 'PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id))
    return forbidden('PASSHOLDERS_WRITE', organizerId);
  const cardSystemId = input.registrationCardSystemId ?? ORGANIZERS[orgKey].cardSystemId;
  if (!cardSystemById(cardSystemId)) return problem('uitpas/cardsystem-not-found');
  const country = (input.address.country ?? 'BE').toUpperCase();
  if (country !== 'BE' && !can(ctx, 'PASSHOLDERS_WRITE_FOREIGN_COUNTRY', ORGANIZERS[orgKey].id)) {
    return forbidden('PASSHOLDERS_WRITE_FOREIGN_COUNTRY', organizerId);
  }
  const city = cityProblem(input.address);
  if (city) return city;
  if (input.inszNumber !== undefined) {
    const insz = inszProblem(ctx, input.inszNumber, input);
    if (insz) return insz;
  }
  const cardType = input.registrationCardType ?? (input.registrationUitpasNumber ? 'NFC_CARD' : 'DIGITAL');
  let card: CardRow | undefined;
  if (cardType === 'NFC_CARD') {
    const number = input.registrationUitpasNumber;
    if (!number) {
      return problem('body/invalid-data', {
        extra: {
          schemaErrors: [
            { jsonPointer: '/registrationUitpasNumber', error: 'required for registrationCardType NFC_CARD' },
          ],
        },
      });
    }
    if (!validateUitpasNumber(number).ok) return problem('uitpas/invalid-uitpas-number');
    card = ctx.app.model.card(number);
    if (!card || card.card_system_id !== cardSystemId) return problem('uitpas/invalid-card');
    // Only a card from the counter's stock can be sold (DOMAIN.md rule 5).
    if (card.status !== 'LOCAL_STOCK')
      return problem('uitpas/invalid-card-status', { extra: { cardStatus: card.status } });
  }
  const socialTariff =
    input.registrationSocialTariffEndDate !== undefined || (card?.social_tariff ?? 0) === 1;
  if (socialTariff && !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF', ORGANIZERS[orgKey].id)) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF', organizerId);
  }
  // Kansentarief for someone from another town of the region needs the card-system-wide permission (SPEC).
  if (
    socialTariff &&
    input.address.postalCode !== ORGANIZERS[orgKey].postalCode &&
    !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM', ORGANIZERS[orgKey].id)
  ) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF_FULL_CARDSYSTEM', organizerId);
  }
  const socialEnd = socialTariff
    ? input.registrationSocialTariffEndDate
      ? new Date(`${input.registrationSocialTariffEndDate}T21:59:00Z`).toISOString()
      : defaultSocialTariffEnd(ctx.now)
    : null;
  const id = randomUUID();
  const number = card?.uitpas_number ?? nextDigitalNumber(ctx);
  const data: PassholderData = {
    firstName: input.firstName,
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    address: { ...input.address, country },
    ...(input.gender ? { gender: input.gender } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phoneNumber ? { phoneNumber: input.phoneNumber } : {}),
    ...(input.nationality ? { nationality: input.nationality } : {}),
    ...(input.optInPreferences ? { optInPreferences: input.optInPreferences } : {}),
    ...(input.registrationNote ? { note: input.registrationNote } : {}),
    ...(input.registrationPicture ? { picture: input.registrationPicture } : {}),
  };
  const created = ctx.now.toISOString();
  const insz =
    input.inszNumber !== undefined ? (validateInsz(input.inszNumber) as { value: string }).value : null;
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('INSERT INTO passholders (id, data, insz, points, created_at) VALUES (?, ?, ?, 0, ?)')
      .run(id, JSON.stringify(data), insz, created);
    if (card) {
      ctx.app.db
        .prepare("UPDATE cards SET status = 'ACTIVE', passholder_id = ? WHERE uitpas_number = ?")
        .run(id, card.uitpas_number);
    } else {
      ctx.app.db
        .prepare(
          "INSERT INTO cards (uitpas_number, chip_number, card_system_id, card_type, status, social_tariff, passholder_id) VALUES (?, NULL, ?, 'DIGITAL', 'ACTIVE', ?, ?)",
        )
        .run(number, cardSystemId, socialTariff ? 1 : 0, id);
    }
    ctx.app.db
      .prepare(
        "INSERT INTO memberships (passholder_id, card_system_id, uitpas_number, status, social_tariff_end, created_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
      )
      .run(id, cardSystemId, number, socialEnd, created);
  })();
  return json(200, ctx.app.model.passholderJson(ctx.app.model.passholder(id) as PassholderRow, ctx.now));
}

export function putPassholder(ctx: Ctx): Reply {
  const row = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!row) return problem('uitpas/passholder-not-found');
  const memberships = ctx.app.model.memberships(row.id);
  const orgs = grantsOf(ctx).filter((g) =>
    memberships.some((x) => x.card_system_id === ORGANIZERS[g.organizer].cardSystemId),
  );
  if (
    !orgs.some(
      (g) => g.permissions.includes('PASSHOLDERS_UPDATE') || g.permissions.includes('PASSHOLDERS_WRITE'),
    )
  ) {
    return forbidden('PASSHOLDERS_UPDATE');
  }
  const input = ctx.body as PassholderInput;
  const city = cityProblem(input.address);
  if (city) return city;
  // With a valid social tariff the address may not leave the card system's region (DOMAIN.md §4).
  const leaves = memberships.find(
    (x) =>
      socialTariffOf(x, ctx.now).status === 'ACTIVE' &&
      !isResident(x.card_system_id, input.address.postalCode),
  );
  if (leaves) {
    return problem('uitpas/invalid-postal-code', {
      message: messageOf(
        'uitpas/invalid-postal-code',
        'Met kansentarief kan het adres niet buiten de UiTPAS-regio verhuizen. Stop eerst het kansentarief.',
      ),
    });
  }
  if (input.inszNumber !== undefined) {
    const insz = inszProblem(ctx, input.inszNumber, input, row.id);
    if (insz) return insz;
  }
  if (
    input.registrationSocialTariffEndDate !== undefined &&
    !orgs.some((g) => g.permissions.includes('PASSHOLDERS_WRITE_SOCIALTARIFF'))
  ) {
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF');
  }
  const old = JSON.parse(row.data) as PassholderData;
  const data: PassholderData = {
    firstName: input.firstName,
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    address: {
      ...input.address,
      country: (input.address.country ?? old.address.country ?? 'BE').toUpperCase(),
    },
    ...(input.gender ? { gender: input.gender } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.phoneNumber ? { phoneNumber: input.phoneNumber } : {}),
    ...(input.nationality ? { nationality: input.nationality } : {}),
    ...(input.optInPreferences ? { optInPreferences: input.optInPreferences } : {}),
    // The private note and the picture are not part of a pass holder update: they stay.
    ...(old.note ? { note: old.note } : {}),
    ...(old.picture ? { picture: old.picture } : {}),
  };
  const insz =
    input.inszNumber !== undefined ? (validateInsz(input.inszNumber) as { value: string }).value : row.insz;
  ctx.app.db.transaction(() => {
    ctx.app.db
      .prepare('UPDATE passholders SET data = ?, insz = ? WHERE id = ?')
      .run(JSON.stringify(data), insz, row.id);
    if (input.registrationSocialTariffEndDate !== undefined) {
      // Extending the social tariff renews it in every card system the caller works in, and lifts a suspension.
      const end = new Date(`${input.registrationSocialTariffEndDate}T21:59:00Z`).toISOString();
      for (const x of memberships) {
        if (orgs.some((g) => ORGANIZERS[g.organizer].cardSystemId === x.card_system_id)) {
          ctx.app.db
            .prepare(
              'UPDATE memberships SET social_tariff_end = ?, suspended_until = NULL WHERE passholder_id = ? AND card_system_id = ?',
            )
            .run(end, row.id, x.card_system_id);
        }
      }
    }
  })();
  return noContent();
}

function isResident(cardSystemId: number, postalCode: string): boolean {
  return cardSystemById(cardSystemId)?.cities.some((c) => c.postalCode === postalCode) ?? false;
}

function ageOn(dateOfBirth: string, now: Date): number {
  const today = brusselsDate(now);
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function getMembershipPrice(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'MEMBERSHIP_PRICES_READ') && ctx.auth.kind !== 'identification')
    return forbidden('MEMBERSHIP_PRICES_READ');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found', { status: 404 });
  const postalCode = String(ctx.params.postalCode);
  if (!/^\d{4}$/.test(postalCode)) return problem('uitpas/invalid-postal-code');
  const voucher = str(ctx.params.voucher);
  if (voucher !== undefined && voucher !== 'DEMO-VOUCHER') return problem('uitpas/invalid-voucher-code');
  const social = ctx.params.socialTariff === true;
  const resident = isResident(cs, postalCode);
  const base = social
    ? MEMBERSHIP_PRICES.socialTariff
    : !resident
      ? MEMBERSHIP_PRICES.nonResident
      : ageOn(String(ctx.params.dateOfBirth), ctx.now) < 18
        ? MEMBERSHIP_PRICES.childResident
        : MEMBERSHIP_PRICES.adultResident;
  return json(200, { price: voucher ? 0 : base.price, label: base.label, description: base.description });
}

export function getMembershipPreview(ctx: Ctx): Reply {
  const ph = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!ph) return problem('uitpas/passholder-not-found');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found');
  const orgKey = organizerKeyById(String(ctx.params.organizerId));
  if (!orgKey) return problem('uitpas/organizer-not-found');
  if (!can(ctx, 'PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id))
    return forbidden('PASSHOLDERS_WRITE', ORGANIZERS[orgKey].id);
  const existing = ctx.app.model.memberships(ph.id).find((x) => x.card_system_id === cs);
  const data = JSON.parse(ph.data) as PassholderData;
  const social = ctx.params.socialTariff === true;
  return json(200, {
    type: existing ? 'REPLACE_MEMBERSHIP' : 'NEW_MEMBERSHIP',
    ...(social ? { socialTariffEndDate: brusselsDate(new Date(defaultSocialTariffEnd(ctx.now))) } : {}),
    // With social tariff the address must lie in the card system's region (DOMAIN.md §4).
    addressChangeRequired: social && !isResident(cs, data.address.postalCode),
    ...(existing ? { replacedMembership: ctx.app.model.membershipJson(existing, ctx.now) } : {}),
  });
}

interface MembershipInput {
  cardType: 'NFC_CARD' | 'DIGITAL';
  uitpasNumber?: string;
  socialTariff?: { socialTariffEndDate?: string };
  registrationOrganizer: { id: string };
}

export function postMembership(ctx: Ctx): Reply {
  const ph = ctx.app.model.passholder(String(ctx.params.passholderId));
  if (!ph) return problem('uitpas/passholder-not-found');
  const cs = Number(ctx.params.cardSystemId);
  if (!cardSystemById(cs)) return problem('uitpas/cardsystem-not-found');
  const input = ctx.body as MembershipInput;
  const orgKey = organizerKeyById(input.registrationOrganizer.id);
  if (!orgKey) return problem('uitpas/organizer-not-found');
  const orgId = ORGANIZERS[orgKey].id;
  if (!can(ctx, 'PASSHOLDERS_WRITE', orgId)) return forbidden('PASSHOLDERS_WRITE', orgId);
  if (input.socialTariff && !can(ctx, 'PASSHOLDERS_WRITE_SOCIALTARIFF', orgId))
    return forbidden('PASSHOLDERS_WRITE_SOCIALTARIFF', orgId);
  let card: CardRow | undefined;
  if (input.cardType === 'NFC_CARD') {
    if (!input.uitpasNumber || !validateUitpasNumber(input.uitpasNumber).ok)
      return problem('uitpas/invalid-uitpas-number');
    card = ctx.app.model.card(input.uitpasNumber);
    if (!card || card.card_system_id !== cs) return problem('uitpas/invalid-card');
    if (card.status !== 'LOCAL_STOCK')
      return problem('uitpas/invalid-card-status', { extra: { cardStatus: card.status } });
  }
  const existing = ctx.app.model.memberships(ph.id).find((x) => x.card_system_id === cs);
  const number = card?.uitpas_number ?? nextDigitalNumber(ctx);
  const socialEnd = input.socialTariff
    ? input.socialTariff.socialTariffEndDate
      ? new Date(`${input.socialTariff.socialTariffEndDate}T21:59:00Z`).toISOString()
      : defaultSocialTariffEnd(ctx.now)
    : (existing?.social_tariff_end ?? null);
  ctx.app.db.transaction(() => {
    if (existing) {
      // A replacement card: the old one stops working (lost, stolen or defective).
      ctx.app.db
        .prepare("UPDATE cards SET status = 'BLOCKED' WHERE uitpas_number = ? AND uitpas_number <> ?")
        .run(existing.uitpas_number, number);
      ctx.app.db
        .prepare(
          "UPDATE memberships SET uitpas_number = ?, status = 'ACTIVE', social_tariff_end = ? WHERE passholder_id = ? AND card_system_id = ?",
        )
        .run(number, socialEnd, ph.id, cs);
    } else {
      ctx.app.db
        .prepare(
          "INSERT INTO memberships (passholder_id, card_system_id, uitpas_number, status, social_tariff_end, created_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
        )
        .run(ph.id, cs, number, socialEnd, ctx.now.toISOString());
    }
    if (card)
      ctx.app.db
        .prepare("UPDATE cards SET status = 'ACTIVE', passholder_id = ? WHERE uitpas_number = ?")
        .run(ph.id, number);
    else {
      ctx.app.db
        .prepare(
          "INSERT INTO cards (uitpas_number, chip_number, card_system_id, card_type, status, social_tariff, passholder_id) VALUES (?, NULL, ?, 'DIGITAL', 'ACTIVE', ?, ?)",
        )
        .run(number, cs, input.socialTariff ? 1 : 0, ph.id);
    }
  })();
  return { status: 201 };
}

function cardJson(card: CardRow): Json {
  return {
    uitpasNumber: card.uitpas_number,
    cardSystem: cardSystemJson(card.card_system_id),
    cardType: card.card_type,
    status: card.status,
    socialTariff: card.social_tariff === 1,
  };
}

export function getCards(ctx: Ctx): Reply {
  if (!canAnywhere(ctx, 'CARDS_READ')) return forbidden('CARDS_READ');
  const number = str(ctx.params.uitpasNumber);
  const chip = str(ctx.params.chipNumber);
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  let card: CardRow | undefined;
  if (number !== undefined) card = ctx.app.model.card(number);
  else if (chip !== undefined) {
    const c = validateChipNumber(chip);
    card = c.ok ? ctx.app.model.cardByChip(c.value) : undefined;
  } else {
    return problem('body/invalid-data', {
      extra: { schemaErrors: [{ jsonPointer: '/uitpasNumber', error: 'give uitpasNumber or chipNumber' }] },
    });
  }
  if (!card) return problem('url/not-found', { detail: 'No card with this number' });
  return json(200, cardJson(card));
}

export function getGrouppasses(ctx: Ctx): Reply {
  if (ctx.auth.kind !== 'identification' && !canAnywhere(ctx, 'GROUPPASSES_SEARCH'))
    return forbidden('GROUPPASSES_SEARCH');
  const number = str(ctx.params.uitpasNumber);
  const chip = str(ctx.params.chipNumber);
  if (number !== undefined && !validateUitpasNumber(number).ok)
    return problem('uitpas/invalid-uitpas-number');
  let cards = ctx.app.db
    .prepare<[], CardRow>('SELECT * FROM cards WHERE group_pass_id IS NOT NULL ORDER BY rowid')
    .all();
  if (number !== undefined) cards = cards.filter((c) => c.uitpas_number === number);
  if (chip !== undefined) cards = cards.filter((c) => c.chip_number === chip.toUpperCase());
  const list = cards.flatMap((c) => {
    const g = ctx.app.model.groupPass(c.group_pass_id as string);
    return g ? [ctx.app.model.groupPassJson(g, c, ctx.now)] : [];
  });
  return json(200, page(list, ctx));
}
