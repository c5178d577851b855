// The counter's staff session: who is signed in (UiTiD or a station PIN), locking, the organizer picker,
// and which actions the organizer's permissions allow. Tokens never travel here: only the terminal has them.
import { z } from 'zod';

const empty = z.object({}).strict();
const pin = z.string().regex(/^\d{4,8}$/);
const staffName = z.string().trim().min(1).max(80);

export const staffMemberSchema = z.object({ id: z.string(), name: z.string() });
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const sessionViewSchema = z.object({
  state: z.enum(['signed-out', 'locked', 'signed-in']),
  /** The staff member whose session it is (also while locked). */
  staff: staffMemberSchema.optional(),
  method: z.enum(['uitid', 'pin', 'preset']).optional(),
  /** How staff can sign in on this station in its current environment. */
  methods: z.object({ uitid: z.boolean(), pin: z.boolean() }),
  /** Staff who can sign in with a PIN on this station (names only, never the PIN). */
  staffList: z.array(staffMemberSchema),
  /** After this long without input the station locks; 0 when it never locks by itself. */
  idleLockSeconds: z.number().int().nonnegative(),
  /** A UiTiD sign-in was started and waits for the login page's answer. */
  pendingUitid: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const organizerChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** PermissionDetail ids (`GET /permissions`), e.g. CHECKINS_WRITE. */
  permissions: z.array(z.string()),
  lastUsed: z.boolean(),
});
export type OrganizerChoice = z.infer<typeof organizerChoiceSchema>;

export const SESSION_COMMANDS = {
  'session.get': { input: empty, output: sessionViewSchema },
  /** Starts a UiTiD sign-in: the screen opens the returned login page; the terminal receives the code. */
  'session.uitid.start': { input: empty, output: z.object({ authorizeUrl: z.string().url() }) },
  'session.pin.signIn': {
    input: z.object({ staffId: z.string().min(1).max(64), pin: z.string().max(16) }).strict(),
    output: sessionViewSchema,
  },
  'session.lock': { input: empty, output: sessionViewSchema },
  'session.unlock': { input: z.object({ pin: z.string().max(16) }).strict(), output: sessionViewSchema },
  'session.signOut': { input: empty, output: sessionViewSchema },
  /** The screen saw the staff member type or click: the inactivity lock starts counting again. */
  'session.activity': { input: empty, output: z.object({ ok: z.literal(true) }) },
  'session.staff.add': {
    input: z.object({ name: staffName, pin }).strict(),
    output: sessionViewSchema,
  },
  'session.staff.remove': {
    input: z.object({ staffId: z.string().min(1).max(64) }).strict(),
    output: sessionViewSchema,
  },
  /** The organizers this sign-in may act for, the ones used last on this station first. */
  'organizers.list': { input: empty, output: z.object({ organizers: z.array(organizerChoiceSchema) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type SessionCommandName = keyof typeof SESSION_COMMANDS;

export const SESSION_EVENTS = [z.object({ type: z.literal('session'), session: sessionViewSchema })] as const;

/**
 * The permission (PermissionDetail.id of `GET /permissions`) each command needs for the station's
 * organizer; screens hide what the organizer lacks and the terminal refuses it (DOMAIN.md §16).
 */
export const COMMAND_PERMISSIONS: Partial<Record<string, string>> = {
  checkin: 'CHECKINS_WRITE',
  'tariffs.get': 'TARIFFS_READ',
  'ticket-sale.register': 'TICKETSALES_REGISTER',
  'desk.registration.submit': 'PASSHOLDERS_WRITE',
  'desk.kansenstatuut.set': 'PASSHOLDERS_WRITE_SOCIALTARIFF',
  'desk.card.replace': 'PASSHOLDERS_WRITE',
  'desk.card.block': 'PASSHOLDERS_WRITE',
  'desk.membership.add': 'PASSHOLDERS_WRITE',
  'rewards.redeem': 'REWARDS_REDEEM',
  'rewards.undo': 'REWARDS_REDEEM',
  'passholders.search': 'PASSHOLDERS_SEARCH',
};
