// The desk commands' handler table. The real one needs the ledger and the API (api-desk.node.ts); a
// station without them (the stand-in backend) answers every desk command with a clear refusal.
import type {
  CommandInput,
  CommandOutput,
  ContractResult,
  DESK_COMMANDS,
  StationConfig,
} from '@uitpas/domain';

export type DeskCommandName = keyof typeof DESK_COMMANDS;

export type DeskHandlers = {
  [N in DeskCommandName]: (input: CommandInput<N>) => Promise<ContractResult<CommandOutput<N>>>;
};

export interface DeskContext {
  /** The station's current configuration. */
  station: () => StationConfig;
  /** The organizer the station acts for, chosen on first use. */
  organizer: () => Promise<ContractResult<{ id: string; name: string }>>;
}

/** Builds the desk handlers once the terminal exists. */
export type DeskFactory = (context: DeskContext) => DeskHandlers;

const unavailable = async () =>
  ({
    ok: false,
    problem: {
      kind: 'desk-unavailable',
      message: {
        nl: 'Deze kassa werkt zonder UiTPAS-verbinding (demo): passen verkopen, voorraad en dagrapport zijn hier niet beschikbaar.',
        fr: 'Ce poste fonctionne sans connexion UiTPAS (démo) : vente de passes, stock et rapport indisponibles.',
        en: 'This station runs without a UiTPAS connection (demo): selling passes, stock and the day report are unavailable.',
      },
    },
  }) as const;

export function deskUnavailable(): DeskHandlers {
  return {
    'desk.drafts.list': unavailable,
    'desk.draft.open': unavailable,
    'desk.draft.save': unavailable,
    'desk.draft.abandon': unavailable,
    'desk.registration.price': unavailable,
    'desk.registration.submit': unavailable,
    'desk.stock.get': unavailable,
    'desk.stock.receive': unavailable,
    'desk.stock.damaged': unavailable,
    'desk.stock.count': unavailable,
    'desk.stock.threshold': unavailable,
    'desk.day.report': unavailable,
    'desk.day.close': unavailable,
    'desk.kansenstatuut.get': unavailable,
    'desk.kansenstatuut.set': unavailable,
    'desk.card.replace': unavailable,
    'desk.card.block': unavailable,
    'desk.membership.add': unavailable,
    'desk.cardSystems': unavailable,
    'desk.history': unavailable,
    'desk.undo': unavailable,
  };
}
