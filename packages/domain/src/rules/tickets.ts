// Rules 7, 9 and 10 for ticket sales (discount registration).
// Rule 7: never compute a tariff; offline, reuse only a tariff the API returned for the same event,
// regular price and passholder, and mark the sale provisional.
// Rule 9: never exceed a tariff's `remaining`, the event's `passholderTicketLimit` per period, a group
// pass's `availableTickets` or a coupon's `remaining`; locally queued sales count against each.
// Rule 10: register sales only for a non-zero regular price.
import type {
  ApiCardSystemMembership,
  ApiEventSettings,
  ApiGrantedCoupon,
  ApiGrouppass,
  ApiTariffAvailability,
} from './api-types.ts';
import type { TicketSale } from '../actions.ts';
import { centsFromApiNumber, type Cents } from '../money.ts';
import { countInPeriod, isPeriodType, toInstant, type PeriodType } from '../periods.ts';
import { ALLOWED, checkAll, refuse, type Refusal, type RuleResult } from './result.ts';
import { checkSocialTariff, type SocialTariffInfo } from './social-tariff.ts';
import { checkMembershipCard } from './card-status.ts';

/** Rule 10. */
export function checkRegularPrice(regularPriceCents: Cents): RuleResult {
  if (!Number.isSafeInteger(regularPriceCents) || regularPriceCents < 0) {
    return refuse('body/invalid-data', 'De basisprijs is ongeldig.');
  }
  if (regularPriceCents === 0) {
    return refuse(
      'body/invalid-data',
      'Voor een gratis activiteit (basisprijs € 0) wordt geen ticketverkoop met UiTPAS geregistreerd.',
    );
  }
  return ALLOWED;
}

const PER: Record<PeriodType, string> = {
  ABSOLUTE: 'in totaal',
  DAY: 'per dag',
  WEEK: 'per week',
  MONTH: 'per maand',
  QUARTER: 'per kwartaal',
  YEAR: 'per jaar',
};

function tickets(n: number): string {
  return n === 1 ? '1 ticket' : `${n} tickets`;
}

export interface TicketLimitInput {
  /** Tickets in this batch for this passholder, event and tariff. */
  requested: number;
  now: Date;
  /** The tariff as returned by GET /tariffs (its `remaining` is per passholder and event). */
  tariff?: Pick<ApiTariffAvailability, 'id' | 'type' | 'remaining'>;
  /** Sales at this tariff for this passholder and event queued locally since the tariff was fetched. */
  queuedSinceTariffFetch?: number;
  settings?: Pick<ApiEventSettings, 'passholderTicketLimit'>;
  /** This passholder's UiTPAS sales for this event: known to the API plus queued locally. */
  previousSales?: readonly (Date | string)[];
  /** For a group pass: its social tariff with `availableTickets`, and its sales queued since that fetch. */
  grouppass?: Pick<ApiGrouppass, 'socialTariff'>;
  queuedGroupTickets?: number;
  /** For a COUPON tariff: the granted coupon, and the sales with it queued since it was fetched. */
  coupon?: Pick<ApiGrantedCoupon, 'status' | 'remaining' | 'validityPeriod'>;
  queuedCouponSales?: readonly (Date | string)[];
}

/** Rule 9 for a number of identical sales (one tariff, one passholder, one event). */
export function checkTicketLimits(input: TicketLimitInput): RuleResult {
  const { requested, now } = input;
  if (!Number.isSafeInteger(requested) || requested < 1) {
    return refuse('body/invalid-data', 'Kies minstens één ticket.');
  }
  if (Number.isNaN(now.getTime())) {
    return refuse(
      'uitpas/maximum-reached',
      'De huidige tijd is onbekend; controleer de klok van dit toestel.',
    );
  }
  if (input.tariff !== undefined) {
    const left = input.tariff.remaining - (input.queuedSinceTariffFetch ?? 0);
    if (requested > left) {
      return refuse(
        'uitpas/invalid-number-of-tickets',
        left <= 0
          ? 'Er zijn geen tickets meer beschikbaar aan dit tarief voor deze pashouder.'
          : `Aan dit tarief kan je nog maximaal ${tickets(left)} verkopen aan deze pashouder.`,
      );
    }
  }
  const limit = input.settings?.passholderTicketLimit;
  if (limit !== undefined) {
    // An unreadable period type is read as ABSOLUTE: the strictest reading never oversells.
    const period = isPeriodType(limit.periodType) ? limit.periodType : 'ABSOLUTE';
    const sold = countInPeriod(period, now, input.previousSales ?? []);
    if (sold + requested > limit.volume) {
      return refuse(
        'uitpas/maximum-reached',
        `Je kan maximaal ${tickets(limit.volume)} ${PER[period]} kopen met UiTPAS voor deze activiteit` +
          (sold > 0 ? ` (al ${sold} gekocht).` : '.'),
      );
    }
  }
  if (input.grouppass !== undefined && (input.tariff === undefined || input.tariff.type !== 'COUPON')) {
    const st = input.grouppass.socialTariff;
    const status = checkSocialTariff(st);
    if (!status.allowed) return status;
    if (st?.availableTickets !== undefined) {
      const left = st.availableTickets - (input.queuedGroupTickets ?? 0);
      if (requested > left) {
        return refuse(
          'uitpas/maximum-reached',
          left <= 0
            ? 'Deze groepspas heeft geen tickets met kansentarief meer over dit jaar.'
            : `Deze groepspas heeft nog ${tickets(left)} met kansentarief over dit jaar.`,
        );
      }
    }
  }
  if (input.coupon !== undefined) {
    const coupon = input.coupon;
    if (coupon.status !== 'ACTIVE') return refuse('uitpas/invalid-coupon');
    const end = toInstant(coupon.validityPeriod?.end);
    const begin = toInstant(coupon.validityPeriod?.begin);
    if ((end !== undefined && now >= end) || (begin !== undefined && now < begin)) {
      return refuse('uitpas/invalid-coupon');
    }
    if (coupon.remaining !== undefined) {
      const period = isPeriodType(coupon.remaining.period) ? coupon.remaining.period : 'ABSOLUTE';
      const left = coupon.remaining.volume - countInPeriod(period, now, input.queuedCouponSales ?? []);
      if (requested > left) {
        return refuse(
          'uitpas/maximum-reached',
          left <= 0 ? 'Deze bon is opgebruikt.' : `Met deze bon kan je nog ${tickets(left)} kopen.`,
        );
      }
    }
  }
  return ALLOWED;
}

/** A tariff the API returned from GET /tariffs, kept in the reference cache. */
export interface TariffQuote {
  eventId: string;
  regularPriceCents: Cents;
  /** The UiTPAS number the tariff was asked for. */
  uitpasNumber: string;
  tariff: Pick<ApiTariffAvailability, 'id' | 'name' | 'price' | 'type' | 'remaining'>;
  fetchedAt: Date | string;
}

/** A tariff to sell at, in cents. `provisional` when reused offline rather than just received. */
export interface SaleTariff {
  tariffId: string;
  tariffName?: string;
  tariffPriceCents: Cents;
  type?: 'SOCIALTARIFF' | 'COUPON';
  remaining: number;
  provisional: boolean;
}

/** A tariff just received from the API, converted to cents (never recomputed). */
export function saleTariffFromApi(
  tariff: Pick<ApiTariffAvailability, 'id' | 'name' | 'price' | 'type' | 'remaining'>,
  provisional = false,
): SaleTariff | undefined {
  const price = centsFromApiNumber(tariff.price);
  if (!price.ok || price.cents < 0) return undefined;
  const out: SaleTariff = {
    tariffId: tariff.id,
    tariffPriceCents: price.cents,
    remaining: tariff.remaining,
    provisional,
  };
  if (tariff.name !== undefined) out.tariffName = tariff.name;
  if (tariff.type !== undefined) out.type = tariff.type;
  return out;
}

export interface TariffReuseRequest {
  eventId: string;
  regularPriceCents: Cents;
  uitpasNumber: string;
  /** Reuse only this tariff (e.g. the SOCIALTARIFF one) when given. */
  tariffId?: string;
  now?: Date;
  /** Quotes older than this are not reused. */
  maxAgeMs?: number;
}

/**
 * Rule 7: the most recent tariff the API returned for exactly this event, regular price and UiTPAS
 * number, marked provisional. There is no fallback and no arithmetic: without such a quote the sale
 * cannot be offered offline.
 */
export function reuseTariff(
  quotes: readonly TariffQuote[],
  request: TariffReuseRequest,
): { allowed: true; tariff: SaleTariff; fetchedAt: Date } | Refusal {
  let best: { tariff: SaleTariff; fetchedAt: Date } | undefined;
  for (const q of quotes) {
    if (
      q.eventId !== request.eventId ||
      q.regularPriceCents !== request.regularPriceCents ||
      q.uitpasNumber !== request.uitpasNumber ||
      (request.tariffId !== undefined && q.tariff.id !== request.tariffId)
    ) {
      continue;
    }
    const fetchedAt = toInstant(q.fetchedAt);
    if (fetchedAt === undefined) continue;
    if (
      request.maxAgeMs !== undefined &&
      (request.now ?? new Date()).getTime() - fetchedAt.getTime() > request.maxAgeMs
    ) {
      continue;
    }
    const tariff = saleTariffFromApi(q.tariff, true);
    if (tariff === undefined) continue;
    if (best === undefined || fetchedAt > best.fetchedAt) best = { tariff, fetchedAt };
  }
  if (best === undefined) {
    return refuse(
      'uitpas/social-tariff-not-available',
      'Zonder verbinding kan alleen een tarief gebruikt worden dat eerder voor deze pashouder, activiteit en prijs werd opgevraagd.',
    );
  }
  return { allowed: true, ...best };
}

/** `count` identical sales at a tariff, as one batch for a ticket-sale action (rule 11). */
export function ticketSalesAt(
  tariff: SaleTariff,
  sale: { eventId: string; uitpasNumber: string; regularPriceCents: Cents; regularPriceLabel?: string },
  count: number,
): TicketSale[] {
  const n = Number.isSafeInteger(count) && count > 0 ? count : 0;
  const one: TicketSale = {
    eventId: sale.eventId,
    uitpasNumber: sale.uitpasNumber,
    regularPriceCents: sale.regularPriceCents,
    tariffId: tariff.tariffId,
    tariffPriceCents: tariff.tariffPriceCents,
    provisional: tariff.provisional,
  };
  if (sale.regularPriceLabel !== undefined) one.regularPriceLabel = sale.regularPriceLabel;
  if (tariff.tariffName !== undefined) one.tariffName = tariff.tariffName;
  return Array.from({ length: n }, () => ({ ...one }));
}

export interface TicketSaleCheck extends TicketLimitInput {
  regularPriceCents: Cents;
  /** The passholder's memberships, when known (rule 4). */
  memberships?: readonly ApiCardSystemMembership[];
  uitpasNumber?: string;
  /** The individual passholder's social tariff; checked for SOCIALTARIFF tariffs (rule 6). */
  socialTariff?: SocialTariffInfo;
}

/** Rules 10, 4, 6 and 9 for one line of a sale. */
export function checkTicketSale(input: TicketSaleCheck): RuleResult {
  return checkAll(
    () => checkRegularPrice(input.regularPriceCents),
    () =>
      input.memberships === undefined ? ALLOWED : checkMembershipCard(input.memberships, input.uitpasNumber),
    () =>
      input.tariff?.type === 'SOCIALTARIFF' && input.grouppass === undefined
        ? checkSocialTariff(input.socialTariff)
        : ALLOWED,
    () => checkTicketLimits(input),
  );
}
