// Zod schemas for the parts of UiTPAS API v4 responses the suite reads. Every response is parsed here, at
// the edge, before anything else sees it; unknown fields are kept (looseObject) because the API may add
// fields at any time. Field names and shapes follow the generated OpenAPI types (UitpasApiComponents).
import { z } from 'zod';

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const checkinSchema = z.looseObject({
  id: z.string().min(1),
  creationDate: z.string().min(1),
  eventId: z.string(),
  uitpasNumber: z.string(),
  points: z.number().optional(),
});
export type Checkin = z.infer<typeof checkinSchema>;

const paginated = <T extends z.ZodType>(item: T) =>
  z.looseObject({ totalItems: z.number().int().nonnegative(), member: z.array(item) });

export const checkinsPageSchema = paginated(checkinSchema);

export const ticketSaleSchema = z.looseObject({
  id: z.string().min(1),
  creationDate: z.string().min(1),
  regularPrice: z.number(),
  eventId: z.string(),
  uitpasNumber: z.string(),
  tariff: z.looseObject({ id: z.string(), name: z.string().optional(), price: z.number().optional() }),
});
export type TicketSaleResponse = z.infer<typeof ticketSaleSchema>;
export const ticketSalesSchema = z.array(ticketSaleSchema);
export const ticketSalesPageSchema = paginated(ticketSaleSchema);

export const redeemedRewardSchema = z.looseObject({
  id: z.string().min(1),
  reward: z.looseObject({ id: z.string(), title: z.string().optional(), points: z.number().optional() }),
  redeemDate: z.string().min(1),
  redeemCode: z.string().optional(),
});
export type RedeemedReward = z.infer<typeof redeemedRewardSchema>;
export const redeemedRewardsPageSchema = paginated(redeemedRewardSchema);

export const passSchema = z.looseObject({
  passholderId: z.string().min(1),
  passType: z.enum(['INDIVIDUAL', 'GROUP']),
  uitpasNumber: z.string().min(1),
  firstName: z.string(),
  points: z.number(),
  postalCode: z.string().optional(),
  cardSystem: z.looseObject({ id: z.number(), name: z.string() }).optional(),
  // Pass.socialTariff knows ACTIVE, EXPIRED and NONE; SUSPENDED is the membership's fourth state and is
  // accepted too, so a pass answer that carries it is read rather than refused as unreadable.
  socialTariff: z.looseObject({
    status: z.enum(['ACTIVE', 'EXPIRED', 'SUSPENDED', 'NONE']),
    endDate: z.string().optional(),
    suspendedUntilDate: z.string().optional(),
  }),
  messages: z.array(z.looseObject({ level: z.enum(['INFO', 'WARN', 'ERROR']), text: z.string() })).optional(),
});
export type Pass = z.infer<typeof passSchema>;

export const organizerPermissionsSchema = z.array(
  z.looseObject({
    organizer: z.looseObject({ id: z.string(), name: z.string().optional() }),
    permissions: z.array(z.string()).optional(),
    permissionDetails: z.array(z.looseObject({ id: z.string() })).optional(),
  }),
);
export type OrganizerPermissions = z.infer<typeof organizerPermissionsSchema>;

export const rewardSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  type: z.string(),
  points: z.number().optional(),
});
export const rewardsPageSchema = paginated(rewardSchema);

/** UiTdatabank search results: only the id is required; the rest is kept for the screens. */
export const eventSchema = z.looseObject({ '@id': z.string().optional(), id: z.string().optional() });
export const eventsPageSchema = z.looseObject({
  totalItems: z.number().int().nonnegative(),
  member: z.array(eventSchema),
});

export const kioskCheckinSchema = z.looseObject({ newPoints: z.number(), totalPoints: z.number() });

export const passholderSchema = z.looseObject({ id: z.string().min(1), uitpasNumber: z.string().optional() });
export const passholdersPageSchema = paginated(passholderSchema);

export const cardSystemMembershipSchema = z.looseObject({
  cardSystem: z.looseObject({ id: z.number(), name: z.string() }),
  uitpasNumber: z.string().optional(),
  currentCard: z
    .looseObject({
      uitpasNumber: z.string(),
      cardType: z.enum(['NFC_CARD', 'DIGITAL']).optional(),
      status: z.enum(['ACTIVE', 'BLOCKED', 'DELETED']),
    })
    .optional(),
  status: z.enum(['ACTIVE', 'BLOCKED']).optional(),
  socialTariff: z
    .looseObject({
      status: z.enum(['ACTIVE', 'EXPIRED', 'SUSPENDED']),
      endDate: z.string().optional(),
      inGracePeriod: z.boolean().optional(),
      suspendedUntilDate: z.string().optional(),
    })
    .optional(),
});
export type CardSystemMembership = z.infer<typeof cardSystemMembershipSchema>;

/** A Passholder as GET /passholders and GET /passholders/{id} return it (the fields the counter reads). */
export const passholderRecordSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  firstName: z.string().optional(),
  inszNumber: z.string().optional(),
  uitpasNumber: z.string().optional(),
  dateOfBirth: z.string().optional(),
  city: z.string().optional(),
  address: z.looseObject({ city: z.string().optional() }).optional(),
  points: z.number().optional(),
  cardSystemMemberships: z.array(cardSystemMembershipSchema).optional(),
});
export type PassholderRecord = z.infer<typeof passholderRecordSchema>;
export const passholderRecordsPageSchema = paginated(passholderRecordSchema);
/** A pass holder with the memberships the desk's writes change (card, card system, social tariff). */
export const passholderDetailSchema = z.looseObject({
  id: z.string().min(1),
  firstName: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  address: z.looseObject({}),
  cardSystemMemberships: z
    .array(
      z.looseObject({
        cardSystem: z.looseObject({ id: z.number() }).optional(),
        uitpasNumber: z.string().optional(),
        currentCard: z.looseObject({ uitpasNumber: z.string(), status: z.string().optional() }).optional(),
        socialTariff: z.looseObject({ status: z.string().optional(), endDate: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type PassholderDetail = z.infer<typeof passholderDetailSchema>;

export const tariffsResponseSchema = z.looseObject({
  available: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        name: z.string(),
        price: z.number(),
        type: z.enum(['SOCIALTARIFF', 'COUPON']),
        remaining: z.number().int().optional(),
      }),
    )
    .optional(),
  endUserMessage: z.looseObject({ nl: z.string() }).optional(),
});
export type TariffsResponse = z.infer<typeof tariffsResponseSchema>;
