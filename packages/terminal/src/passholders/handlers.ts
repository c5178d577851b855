// The pass holder commands' handler table (search by name and birth date, memberships and history). The
// real one needs the API (api-passholders.node.ts); a station without it refuses them clearly.
import type {
  CommandInput,
  CommandOutput,
  ContractResult,
  Identification,
  IdentificationSource,
  PassholderCommandName,
} from '@uitpas/domain';

export type PassholderHandlers = {
  [N in PassholderCommandName]: (input: CommandInput<N>) => Promise<ContractResult<CommandOutput<N>>>;
};

export interface PassholderContext {
  /** The terminal's identify router: a picked search result is identified exactly like a tap. */
  identify: (source: IdentificationSource, value: string) => Promise<Identification>;
  /** The identification on screen now. */
  current: () => Identification | undefined;
  /** The organizer the station acts for, chosen on first use. */
  organizer: () => Promise<ContractResult<{ id: string; name: string }>>;
}

export type PassholderFactory = (context: PassholderContext) => PassholderHandlers;

const unavailable = async () =>
  ({
    ok: false,
    problem: {
      kind: 'passholders-unavailable',
      message: {
        nl: 'Deze kassa werkt zonder UiTPAS-verbinding (demo): pashouders zoeken en hun geschiedenis zijn hier niet beschikbaar.',
        fr: 'Ce poste fonctionne sans connexion UiTPAS (démo) : la recherche de détenteurs et leur historique ne sont pas disponibles.',
        en: 'This station runs without a UiTPAS connection (demo): searching pass holders and their history are unavailable.',
      },
    },
  }) as const;

export function passholdersUnavailable(): PassholderHandlers {
  return {
    'passholders.search': unavailable,
    'passholders.pick': unavailable,
    'passholder.details': unavailable,
  };
}
