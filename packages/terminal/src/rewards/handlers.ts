// The reward, review and every-tap commands' handler table (issue 6, points 3, 5 and 6). The real one needs
// the ledger and the API (api-rewards.node.ts); a station without them answers with a clear refusal.
import type {
  CommandInput,
  CommandOutput,
  ContractResult,
  EveryTapMode,
  Identification,
  PassholderView,
  REWARD_COMMANDS,
  StationConfig,
  TerminalEvent,
} from '@uitpas/domain';

export type RewardCommandName = keyof typeof REWARD_COMMANDS;

export type RewardHandlers = {
  [N in RewardCommandName]: (input: CommandInput<N>) => Promise<ContractResult<CommandOutput<N>>>;
};

export interface RewardContext {
  station: () => StationConfig;
  /** The organizer the station acts for, chosen on first use. */
  organizer: () => Promise<ContractResult<{ id: string; name: string }>>;
  /** The pass holder of this identification, refused when a newer one replaced it (wrong-person guard). */
  passholderFor: (identificationId: number) => ContractResult<PassholderView>;
  /** Whether this identification is still the one at the desk. */
  isCurrent: (identificationId: number) => boolean;
  /** Every event the terminal emits (identifications included). */
  onEvent: (listener: (event: TerminalEvent) => void) => () => void;
  emit: (event: TerminalEvent) => void;
  /** The terminal's own check-in (with its guard and undo bookkeeping). */
  checkin: (identificationId: number, eventId: string) => Promise<ContractResult<CommandOutput<'checkin'>>>;
  /** The name of an activity the station listed, if it did. */
  activityName: (eventId: string) => string | undefined;
}

export type RewardFactory = (context: RewardContext) => RewardHandlers;

type EveryTapHandlers = Pick<RewardHandlers, 'everytap.get' | 'everytap.set'>;

/**
 * "Check in on every tap" for busy doors: while an activity is chosen, each pass holder identified by a
 * tap or a scan is checked in at once and the outcome announced to every screen. Typed and searched
 * identifications are left alone: staff chose to look someone up, not to check them in.
 */
export function everyTap(
  context: RewardContext,
  store: { load(): string | undefined; save(eventId: string | undefined): void } = memory(),
): EveryTapHandlers {
  let eventId = store.load();
  const mode = (): EveryTapMode => {
    if (eventId === undefined) return {};
    const eventName = context.activityName(eventId);
    return { eventId, ...(eventName === undefined ? {} : { eventName }) };
  };
  context.onEvent((event) => {
    if (eventId === undefined || event.type !== 'identified') return;
    const who: Identification = event.identification;
    if (who.source !== 'tap' && who.source !== 'scan') return;
    if (who.kind !== 'passholder') return;
    const target = eventId;
    void context.checkin(who.identificationId, target).then((result) => {
      context.emit({
        type: 'every-tap-checkin',
        identificationId: who.identificationId,
        eventId: target,
        ok: result.ok,
        ...(result.ok ? { receipt: result.value } : {}),
        message: result.ok ? result.value.message : result.problem.message,
      });
    });
  });
  return {
    'everytap.get': async () => ({ ok: true, value: mode() }),
    'everytap.set': async (input) => {
      if (input.eventId !== undefined && context.activityName(input.eventId) === undefined) {
        return {
          ok: false,
          problem: {
            kind: 'unknown-activity',
            message: {
              nl: 'Kies een activiteit uit de lijst.',
              fr: 'Choisissez une activité de la liste.',
              en: 'Choose an activity from the list.',
            },
          },
        };
      }
      eventId = input.eventId;
      store.save(eventId);
      context.emit({ type: 'every-tap', mode: mode() });
      return { ok: true, value: mode() };
    },
  };
}

function memory(): { load(): string | undefined; save(eventId: string | undefined): void } {
  let value: string | undefined;
  return {
    load: () => value,
    save: (eventId) => {
      value = eventId;
    },
  };
}

const unavailable = async () =>
  ({
    ok: false,
    problem: {
      kind: 'rewards-unavailable',
      message: {
        nl: 'Deze kassa werkt zonder UiTPAS-verbinding (demo): voordelen en de nakijklijst zijn hier niet beschikbaar.',
        fr: 'Ce poste fonctionne sans connexion UiTPAS (démo) : avantages et liste à vérifier indisponibles.',
        en: 'This station runs without a UiTPAS connection (demo): rewards and the review list are unavailable.',
      },
    },
  }) as const;

export function rewardsUnavailable(context: RewardContext): RewardHandlers {
  return {
    ...everyTap(context),
    'rewards.list': unavailable,
    'rewards.redeem': unavailable,
    'rewards.undo': unavailable,
    'review.list': unavailable,
    'review.retry': unavailable,
    'review.dismiss': unavailable,
  };
}
