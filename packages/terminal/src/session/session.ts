// The staff session as the use cases see it: whether someone is signed in, who (for the ledger), and
// which commands need a session or a permission. The station's implementation is station-session.node.ts.
import {
  COMMAND_PERMISSIONS,
  type ApiEnvironment,
  type Command,
  type CommandName,
  type CommandOutput,
  type ContractResult,
  type SessionCommandName,
  type SessionView,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import { problem } from '../texts.ts';

export const SESSION_TEXTS = {
  signedOut: {
    nl: 'Meld je eerst aan op deze balie.',
    fr: "Connectez-vous d'abord à ce comptoir.",
    en: 'Sign in to this counter first.',
  },
  locked: {
    nl: 'De balie is vergrendeld. Ontgrendel met je pincode.',
    fr: 'Le comptoir est verrouillé. Déverrouillez avec votre code PIN.',
    en: 'The counter is locked. Unlock it with your PIN.',
  },
  wrongPin: {
    nl: 'Deze pincode klopt niet. Probeer opnieuw.',
    fr: 'Ce code PIN est incorrect. Réessayez.',
    en: 'This PIN is not correct. Try again.',
  },
  unknownStaff: {
    nl: 'Deze medewerker staat niet (meer) op deze balie.',
    fr: "Ce collaborateur n'est pas (plus) enregistré sur ce comptoir.",
    en: 'This staff member is not (or no longer) registered on this counter.',
  },
  pinUnavailable: {
    nl: 'Aanmelden met een pincode kan niet in deze omgeving: er zijn geen toegangsgegevens voor deze balie.',
    fr: "La connexion par code PIN n'est pas possible dans cet environnement : ce comptoir n'a pas d'identifiants.",
    en: 'PIN sign-in is not possible in this environment: this counter has no credentials for it.',
  },
  uitidUnavailable: {
    nl: 'Aanmelden met UiTiD is niet ingesteld voor deze omgeving.',
    fr: "La connexion UiTiD n'est pas configurée pour cet environnement.",
    en: 'UiTiD sign-in is not set up for this environment.',
  },
  notLocked: {
    nl: 'De balie is niet vergrendeld.',
    fr: "Le comptoir n'est pas verrouillé.",
    en: 'The counter is not locked.',
  },
  cannotLock: {
    nl: 'Deze aanmelding heeft geen pincode: vergrendelen kan niet. Meld je af of meld je aan met je pincode.',
    fr: 'Cette session n’a pas de code PIN : impossible de verrouiller. Déconnectez-vous ou connectez-vous avec votre code PIN.',
    en: 'This session has no PIN, so it cannot be locked. Sign out, or sign in with your PIN.',
  },
  pinTaken: {
    nl: 'Een andere medewerker gebruikt al deze pincode. Kies een andere.',
    fr: 'Un autre collaborateur utilise déjà ce code PIN. Choisissez-en un autre.',
    en: 'Another staff member already uses this PIN. Choose another one.',
  },
  lastStaff: {
    nl: 'Je kan de laatste medewerker met een pincode niet verwijderen.',
    fr: 'Vous ne pouvez pas supprimer le dernier collaborateur ayant un code PIN.',
    en: 'You cannot remove the last staff member with a PIN.',
  },
  noPermission: {
    nl: 'De gekozen organisatie heeft geen toestemming voor deze handeling.',
    fr: "L'organisation choisie n'a pas l'autorisation pour cette action.",
    en: 'The chosen organizer is not allowed to do this.',
  },
} satisfies Record<string, UserText>;

export function throttled(seconds: number): UserText {
  return {
    nl: `Te veel foute pincodes. Wacht ${seconds} seconden en probeer dan opnieuw.`,
    fr: `Trop de codes PIN incorrects. Attendez ${seconds} secondes puis réessayez.`,
    en: `Too many wrong PINs. Wait ${seconds} seconds, then try again.`,
  };
}

export function queuedForEnvironment(count: number): UserText {
  return {
    nl: `Er ${count === 1 ? 'wacht nog 1 handeling' : `wachten nog ${count} handelingen`} om naar de huidige omgeving verstuurd te worden. Wissel pas van omgeving als alles verstuurd is.`,
    fr: `${count} action(s) attend(ent) encore d'être envoyée(s) à l'environnement actuel. Changez d'environnement quand tout est envoyé.`,
    en: `${count} action(s) still wait to be sent to the current environment. Switch environments once everything is sent.`,
  };
}

type SessionHandlers = {
  [N in Exclude<SessionCommandName, 'organizers.list'>]: (
    input: Extract<Command, { name: N }>['input'],
  ) => Promise<ContractResult<CommandOutput<N>>>;
};

/** What the terminal needs from the station's session (PINs, UiTiD, inactivity lock, environments). */
export interface SessionService {
  view(): SessionView;
  subscribe(listener: (view: SessionView) => void): () => void;
  handlers: SessionHandlers;
  /** The staff member recorded with every action: the session's, or the station's preset one. */
  staffId(): string | undefined;
  /** Input from the screen: the inactivity lock starts counting again. */
  touch(): void;
  /** Organizer ids chosen on this station, the most recent first. */
  recentOrganizers(): string[];
  rememberOrganizer(id: string): void;
  /** Points the API client at another environment; refused while actions for the old one are queued. */
  switchEnvironment(environment: ApiEnvironment): Promise<ContractResult<void>>;
  close(): void;
}

/** Commands a screen may send with nobody signed in: signing in, settings and status. */
const WITHOUT_SESSION = new Set<CommandName>([
  'station.get',
  'station.configure',
  'status.get',
  'identification.clear',
  'session.get',
  'session.uitid.start',
  'session.pin.signIn',
  'session.unlock',
  'session.signOut',
  'session.activity',
]);

/** Why a command is refused for this session and organizer, or undefined when it may run. */
export function refusal(
  name: CommandName,
  session: SessionView | undefined,
  permissions: string[] | undefined,
): TerminalProblem | undefined {
  if (session !== undefined && session.state !== 'signed-in' && !WITHOUT_SESSION.has(name)) {
    return session.state === 'locked'
      ? problem('locked', SESSION_TEXTS.locked)
      : problem('signed-out', SESSION_TEXTS.signedOut);
  }
  const needed = COMMAND_PERMISSIONS[name];
  if (needed !== undefined && permissions !== undefined && !permissions.includes(needed)) {
    return problem('no-permission', SESSION_TEXTS.noPermission);
  }
  return undefined;
}
