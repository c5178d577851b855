// Rewards at the counter (issue 6, point 5), the review list of rejected and uncertain actions (point 6)
// and the "check in on every tap" mode (point 3). Merged into COMMANDS and the terminal's events.
import { z } from 'zod';
import { checkinReceiptSchema, userTextSchema } from './views.ts';

const identificationId = z.number().int();
const actionId = z.string().min(1).max(64);

/** One reward the identified pass holder could redeem here, with whether (and why not) right now. */
export const rewardViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(['WELCOME', 'POINTS']),
  /** Cost in points (0 for a welcome reward). */
  points: z.number().int().nonnegative(),
  redeemable: z.boolean(),
  /** The API's redeem-status reason (or the local rule's problem type offline) when not redeemable. */
  reason: z.string().optional(),
  /** Why not, for the person at the desk. */
  message: userTextSchema.optional(),
});
export type RewardView = z.infer<typeof rewardViewSchema>;

export const rewardListSchema = z.object({
  /** The pass holder's points minus redemptions recorded here and not yet confirmed. */
  balance: z.number().int(),
  rewards: z.array(rewardViewSchema),
  /** True when UiTPAS could not be reached: the list and its verdicts come from this device's cache. */
  offline: z.boolean(),
  /** When the cached reward data was received (only set offline). */
  cachedAt: z.string().optional(),
});
export type RewardList = z.infer<typeof rewardListSchema>;

export const redemptionReceiptSchema = z.object({
  actionId: z.string(),
  rewardId: z.string(),
  title: z.string(),
  state: z.enum(['confirmed', 'queued']),
  pointsSpent: z.number().int().nonnegative(),
  /** The balance after this redemption, as far as this device knows. */
  balance: z.number().int(),
  /** The API's redeem code, for rewards configured with one. */
  redeemCode: z.string().optional(),
  /** The API's redeem info (what the pass holder shows or gets). */
  redeemInfo: z
    .object({ text: z.string().optional(), link: z.string().optional(), label: z.string().optional() })
    .optional(),
  message: userTextSchema,
});
export type RedemptionReceipt = z.infer<typeof redemptionReceiptSchema>;

export const reviewItemSchema = z.object({
  actionId: z.string(),
  type: z.string(),
  state: z.enum(['rejected', 'uncertain']),
  /** What the action was, without personal data beyond the UiTPAS number. */
  summary: z.string(),
  /** The API's message (or what went wrong), as staff see it. */
  message: z.string(),
  problemType: z.string().optional(),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const everyTapSchema = z.object({
  /** The activity every tap or scan checks in to; absent when the mode is off. */
  eventId: z.string().optional(),
  eventName: z.string().optional(),
});
export type EveryTapMode = z.infer<typeof everyTapSchema>;

export const REWARD_COMMANDS = {
  /** The welcome and points rewards of this organizer for the identified pass holder, with redeem status. */
  'rewards.list': {
    input: z.object({ identificationId }).strict(),
    output: rewardListSchema,
  },
  /** Redeems one reward for the identified pass holder: ledger first, then the API (or queued offline). */
  'rewards.redeem': {
    input: z.object({ identificationId, rewardId: z.string().min(1).max(128) }).strict(),
    output: redemptionReceiptSchema,
  },
  /** Undoes a redemption recorded for the pass holder still at the desk (the engine sends the DELETE). */
  'rewards.undo': {
    input: z.object({ identificationId, actionId }).strict(),
    output: z.object({
      actionId: z.string(),
      state: z.enum(['confirmed', 'queued']),
      message: userTextSchema,
    }),
  },
  /** Rejected actions nobody reviewed yet and uncertain ones, oldest first. */
  'review.list': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(reviewItemSchema) }),
  },
  /**
   * A rejected action is recorded again as a new action (the old one is marked reviewed); an uncertain one
   * is reconciled now (the engine looks for it at UiTPAS before anything is sent again).
   */
  'review.retry': {
    input: z.object({ actionId }).strict(),
    output: z.object({
      actionId: z.string(),
      outcome: z.enum(['resent', 'reconciling']),
      message: userTextSchema,
    }),
  },
  /** Staff set a rejected action aside with a note; the ledger keeps who, when and why. */
  'review.dismiss': {
    input: z.object({ actionId, note: z.string().trim().min(1).max(500) }).strict(),
    output: z.object({ actionId: z.string(), reviewedAt: z.string(), reviewedBy: z.string() }),
  },
  'everytap.get': {
    input: z.object({}).strict(),
    output: everyTapSchema,
  },
  /** Turns "check in on every tap" on for one activity, or off (no eventId). */
  'everytap.set': {
    input: z.object({ eventId: z.string().min(1).max(128).optional() }).strict(),
    output: everyTapSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const REWARD_EVENTS = [
  z.object({ type: z.literal('every-tap'), mode: everyTapSchema }),
  /** The check-in a tap caused in every-tap mode, for the large success/refusal on screen. */
  z.object({
    type: z.literal('every-tap-checkin'),
    identificationId,
    eventId: z.string(),
    ok: z.boolean(),
    receipt: checkinReceiptSchema.optional(),
    message: userTextSchema,
  }),
] as const;
