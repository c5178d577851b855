// The terminal's use cases behind the contract. It runs once per station (in the Electron utility process
// or in Node for browser mode) and serves every connected screen the same state.
import {
  classifyIdentifier,
  type Command,
  type CommandName,
  type CommandOutput,
  type Activity,
  type Identification,
  type PassholderView,
  type TariffOffer,
  type IdentificationSource,
  type KioskCommandName,
  type ContractResult,
  type SessionCommandName,
  type SessionView,
  type StationConfig,
  type TerminalEvent,
} from '@uitpas/domain';
import type { CardInput, Organizer, TerminalAdapters } from './adapters.ts';
import { TEXTS, problem } from './texts.ts';
import { deskUnavailable, type DeskFactory } from './desk/handlers.ts';
import { passholdersUnavailable, type PassholderFactory } from './passholders/handlers.ts';
import { refusal, type SessionService } from './session/session.ts';
import { rewardsUnavailable, type RewardContext, type RewardFactory } from './rewards/handlers.ts';

export interface TerminalOptions {
  adapters: TerminalAdapters;
  station: Omit<StationConfig, 'organizer'> & { organizerId?: string };
  /** Where internal failures are reported; never receives secrets or unmasked INSZ. */
  log?: (message: string) => void;
  /** The front desk's use cases (issue 7); without it desk commands are refused clearly. */
  desk?: DeskFactory;
  /** Search by name and birth date, memberships and history; without it these are refused clearly. */
  passholders?: PassholderFactory;
  /** The staff session (sign-in, PINs, lock, environment); without it the station is always open. */
  session?: SessionService;
  /** Rewards, the review list and every-tap mode (issue 6); without it only every-tap works. */
  rewards?: RewardFactory;
}

export interface Terminal {
  handle(command: Command): Promise<ContractResult<unknown>>;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  close(): void;
}

/** The counter's commands; the kiosk's are served by the kiosk terminal (./kiosk). */
type Handlers = {
  [N in Exclude<CommandName, KioskCommandName>]: (
    input: Extract<Command, { name: N }>['input'],
  ) => Promise<ContractResult<CommandOutput<N>>>;
};

const ok = <T>(value: T): ContractResult<T> => ({ ok: true, value });

/** The organizers used last first (most recent first), the others in the API's order. */
function byRecent(list: Organizer[], recent: string[]): Organizer[] {
  const rank = (o: Organizer) => {
    const i = recent.indexOf(o.id);
    return i < 0 ? recent.length : i;
  };
  return [...list].sort((a, b) => rank(a) - rank(b));
}

/** Commands screens send by themselves (polling): they do not count as staff activity. */
const PASSIVE = new Set<CommandName>(['station.get', 'status.get', 'session.get']);

export function createTerminal(options: TerminalOptions): Terminal {
  const { adapters } = options;
  const log = options.log ?? (() => {});
  const listeners = new Set<(event: TerminalEvent) => void>();
  let station: StationConfig = {
    environment: options.station.environment,
    language: options.station.language,
    trainingMode: options.station.trainingMode,
    simulator: options.station.simulator,
    ...(options.station.simulatorCards === undefined
      ? {}
      : { simulatorCards: options.station.simulatorCards }),
  };
  let organizers: Organizer[] | undefined;
  let identificationSeq = 0;
  let current: Identification | undefined;
  const knownActivities = new Map<string, Activity>();
  /** Actions recorded for the current identification: only these can be undone from its screen. */
  let undoable = new Map<string, 'checkin' | 'ticket-sale'>();
  let offered: { identificationId: number; eventId: string; offers: TariffOffer[] } | undefined;

  /** The pass holder an action is for, if that identification is still the current one. */
  function passholderFor(identificationId: number): ContractResult<PassholderView> {
    const who = current;
    if (who === undefined || who.identificationId !== identificationId) {
      const none = who === undefined && identificationId === identificationSeq;
      return {
        ok: false,
        problem: none
          ? problem('no-passholder', TEXTS.noPassholder)
          : problem('stale-identification', TEXTS.staleIdentification),
      };
    }
    if (who.kind === 'group-pass')
      return { ok: false, problem: problem('group-pass', TEXTS.groupPassNoCheckin) };
    if (who.kind !== 'passholder')
      return { ok: false, problem: problem('no-passholder', TEXTS.noPassholder) };
    return ok(who.pass);
  }

  /**
   * Who buys tickets for an identification: a pass holder or a group pass (DOMAIN.md §14: group passes
   * buy tickets at kansentarief, they only cannot check in or redeem rewards).
   */
  function buyerFor(
    identificationId: number,
  ): ContractResult<{ uitpasNumber: string; passholderId: string }> {
    const who = current;
    if (who?.kind === 'group-pass' && who.identificationId === identificationId)
      return ok({ uitpasNumber: who.pass.uitpasNumber, passholderId: who.pass.groupPassId });
    const pass = passholderFor(identificationId);
    return pass.ok
      ? ok({ uitpasNumber: pass.value.uitpasNumber, passholderId: pass.value.passholderId })
      : pass;
  }

  const emit = (event: TerminalEvent) => {
    for (const listener of listeners) listener(event);
  };

  /** The organizers of `GET /permissions`, the ones used last on this station first. */
  async function loadOrganizers(): Promise<ContractResult<Organizer[]>> {
    if (organizers) return ok(organizers);
    const result = await adapters.organizers();
    if (!result.ok) return result;
    organizers = byRecent(result.value, options.session?.recentOrganizers() ?? []);
    return ok(organizers);
  }

  async function chooseOrganizer(id: string | undefined): Promise<ContractResult<StationConfig>> {
    const list = await loadOrganizers();
    if (!list.ok) return list;
    const organizer = id === undefined ? list.value[0] : list.value.find((o) => o.id === id);
    if (!organizer) return { ok: false, problem: problem('unknown-organizer', TEXTS.unknownOrganizer) };
    const { permissions: _previous, ...rest } = station;
    station = {
      ...rest,
      organizer: { id: organizer.id, name: organizer.name },
      ...(organizer.permissions === undefined ? {} : { permissions: organizer.permissions }),
    };
    options.session?.rememberOrganizer(organizer.id);
    emit({ type: 'station', station });
    return ok(station);
  }

  /** The organizer the station acts for: the default one is chosen on first use. */
  async function currentOrganizer(): Promise<ContractResult<{ id: string; name: string }>> {
    if (!station.organizer) {
      const chosen = await chooseOrganizer(await defaultOrganizerId());
      if (!chosen.ok) return chosen;
    }
    return station.organizer
      ? ok(station.organizer)
      : { ok: false, problem: problem('unknown-organizer', TEXTS.unknownOrganizer) };
  }

  /** The organizer used last on this station, else the configured one, else the first the API lists. */
  async function defaultOrganizerId(): Promise<string | undefined> {
    const list = await loadOrganizers();
    const recent = options.session?.recentOrganizers()[0];
    if (list.ok && recent !== undefined && list.value.some((o) => o.id === recent)) return recent;
    return options.station.organizerId;
  }

  /** Actions are recorded for an organizer: choose the default one when none was chosen yet. */
  async function ensureOrganizer(): Promise<ContractResult<StationConfig>> {
    return station.organizer ? ok(station) : chooseOrganizer(await defaultOrganizerId());
  }

  /** Someone else signed in, or the environment changed: their organizers and permissions are new. */
  function forgetOrganizer(): void {
    organizers = undefined;
    const { organizer: _organizer, permissions: _permissions, ...rest } = station;
    station = rest;
  }

  /** The session's commands, and the organizer picker; a station without sessions is always open. */
  function sessionHandlers(): Pick<Handlers, SessionCommandName> {
    const session = options.session;
    const unavailable = async () => ({
      ok: false as const,
      problem: problem('not-available', {
        nl: 'Aanmelden is niet nodig op dit toestel.',
        fr: "La connexion n'est pas nécessaire sur cet appareil.",
        en: 'Signing in is not needed on this device.',
      }),
    });
    const organizersList: Handlers['organizers.list'] = async () => {
      const list = await loadOrganizers();
      if (!list.ok) return list;
      const recent = session?.recentOrganizers() ?? [];
      return ok({
        organizers: byRecent(list.value, recent).map((o) => ({
          id: o.id,
          name: o.name,
          permissions: o.permissions ?? [],
          lastUsed: recent.includes(o.id),
        })),
      });
    };
    if (session) return { ...session.handlers, 'organizers.list': organizersList };
    return {
      'session.get': async () =>
        ok({
          state: 'signed-in' as const,
          methods: { uitid: false, pin: false },
          staffList: [],
          idleLockSeconds: 0,
          pendingUitid: false,
        }),
      'session.uitid.start': unavailable,
      'session.pin.signIn': unavailable,
      'session.lock': unavailable,
      'session.unlock': unavailable,
      'session.signOut': unavailable,
      'session.activity': async () => ok({ ok: true as const }),
      'session.staff.add': unavailable,
      'session.staff.remove': unavailable,
      'organizers.list': organizersList,
    };
  }

  /**
   * The identify router. Every input (tap, scan, typed, search) comes through here; the moment a new one
   * arrives the previous pass holder is cleared everywhere, before the lookup even starts.
   */
  async function identify(source: IdentificationSource, value: string): Promise<Identification> {
    const identificationId = ++identificationSeq;
    current = undefined;
    offered = undefined;
    undoable = new Map();
    emit({ type: 'identification-cleared', identificationId });
    const identification = await route(identificationId, source, value);
    // A newer identification started while this one was looking up: it wins; this one is never shown.
    if (identificationId === identificationSeq) {
      current = identification;
      emit({ type: 'identified', identification });
    }
    return identification;
  }

  /** Reader input that is not a pass still replaces the previous pass holder: someone new is at the desk. */
  async function identifyRejected(reason: string): Promise<void> {
    const identificationId = ++identificationSeq;
    const identification: Identification = {
      identificationId,
      source: 'tap',
      kind: 'invalid-input',
      message: { nl: `Deze scan is geen geldige pas. ${reason}` },
    };
    current = identification;
    emit({ type: 'identification-cleared', identificationId });
    emit({ type: 'identified', identification });
  }

  async function route(
    identificationId: number,
    source: IdentificationSource,
    value: string,
  ): Promise<Identification> {
    const base = { identificationId, source };
    const classified = classifyIdentifier(value);
    if (!classified.ok) return { ...base, kind: 'invalid-input', message: { nl: classified.message } };
    const found = await adapters.passes.lookup({ kind: classified.kind, value: classified.value });
    if (!found.ok) return { ...base, kind: 'unknown', message: found.problem.message };
    const lookup = found.value;
    switch (lookup.kind) {
      case 'passholder':
        return { ...base, kind: 'passholder', pass: lookup.pass };
      case 'group-pass':
        return { ...base, kind: 'group-pass', pass: lookup.pass };
      case 'blocked':
        return {
          ...base,
          kind: 'blocked',
          ...(lookup.cardStatus === undefined ? {} : { cardStatus: lookup.cardStatus }),
          message: lookup.message ?? TEXTS.blockedPass,
        };
      case 'blank-card':
        return {
          ...base,
          kind: 'blank-card',
          ...(lookup.uitpasNumber === undefined ? {} : { uitpasNumber: lookup.uitpasNumber }),
          ...(lookup.chipNumber === undefined ? {} : { chipNumber: lookup.chipNumber }),
          message: TEXTS.blankCard,
        };
      case 'not-found':
        return { ...base, kind: 'unknown', message: lookup.message ?? TEXTS.unknownPass };
    }
  }

  let sessionOwner = options.session?.view().staff?.id;
  /** Locked or signed out: the person at the desk disappears; someone new: their own organizers. */
  function onSession(view: SessionView): void {
    if (view.state !== 'signed-in' && current !== undefined) {
      const identificationId = ++identificationSeq;
      current = undefined;
      offered = undefined;
      undoable = new Map();
      emit({ type: 'identification-cleared', identificationId, settled: true });
    }
    const owner = view.staff?.id;
    if (view.state === 'signed-in' && owner !== sessionOwner && view.method === 'uitid') {
      forgetOrganizer();
      emit({ type: 'station', station });
    }
    if (view.state === 'signed-in') sessionOwner = owner;
    emit({ type: 'session', session: view });
    if (view.state === 'signed-in' && station.organizer === undefined) void openOrganizer();
  }

  /** Picks the default organizer in the background, so the screens can show its permissions at once. */
  async function openOrganizer(): Promise<void> {
    const chosen = await ensureOrganizer().catch(() => undefined);
    if (chosen !== undefined && !chosen.ok) log(`no organizer yet: ${chosen.problem.kind}`);
  }

  const handlers: Handlers = {
    'station.get': async () => ok(station),
    'station.configure': async (input) => {
      const session = options.session;
      const switching = input.environment !== undefined && input.environment !== station.environment;
      if (session && switching && input.environment !== undefined) {
        // Refused while actions for the old environment wait; afterwards everyone signs in again.
        const switched = await session.switchEnvironment(input.environment);
        if (!switched.ok) return switched;
        forgetOrganizer();
      } else if (session && input.organizerId !== undefined) {
        const refused = refusal('organizers.list', session.view(), undefined);
        if (refused) return { ok: false, problem: refused };
      }
      if (
        input.organizerId !== undefined ||
        (!session && station.organizer === undefined && input.environment !== undefined)
      ) {
        const chosen = await chooseOrganizer(input.organizerId);
        if (!chosen.ok) return chosen;
      }
      station = {
        ...station,
        ...(input.environment === undefined ? {} : { environment: input.environment }),
        ...(input.language === undefined ? {} : { language: input.language }),
        ...(input.trainingMode === undefined ? {} : { trainingMode: input.trainingMode }),
      };
      emit({ type: 'station', station });
      return ok(station);
    },
    identify: async (input) => ok(await identify(input.source, input.value)),
    'identification.clear': async () => {
      const identificationId = ++identificationSeq;
      current = undefined;
      emit({ type: 'identification-cleared', identificationId, settled: true });
      return ok({ identificationId });
    },
    'simulator.tap': async (input) => {
      if (!station.simulator || !adapters.readers.simulateTap) {
        return { ok: false, problem: problem('simulator-off', TEXTS.simulatorOff) };
      }
      adapters.readers.simulateTap(input.value, input.readerId);
      return ok({ accepted: true as const });
    },
    'activities.list': async (input) => {
      if (!station.organizer) {
        const chosen = await chooseOrganizer(await defaultOrganizerId());
        if (!chosen.ok) return chosen;
      }
      const listed = await adapters.activities.list({
        organizerId: station.organizer?.id,
        range: input.range,
        ...(input.text === undefined ? {} : { text: input.text }),
      });
      if (listed.ok)
        for (const activity of listed.value.activities) knownActivities.set(activity.id, activity);
      return listed;
    },
    checkin: async (input) => {
      const pass = passholderFor(input.identificationId);
      if (!pass.ok) return pass;
      const organizer = await ensureOrganizer();
      if (!organizer.ok) return organizer;
      const receipt = await adapters.checkins.checkin({
        eventId: input.eventId,
        uitpasNumber: pass.value.uitpasNumber,
        passholderId: pass.value.passholderId,
        organizerId: station.organizer?.id,
      });
      if (receipt.ok && input.identificationId === identificationSeq)
        undoable.set(receipt.value.actionId, 'checkin');
      return receipt;
    },
    undo: async (input) => {
      const pass = buyerFor(input.identificationId);
      if (!pass.ok) return pass;
      const targetType = undoable.get(input.actionId);
      if (targetType === undefined) return { ok: false, problem: problem('not-undoable', TEXTS.notUndoable) };
      const undone = await adapters.undo.undo({
        targetActionId: input.actionId,
        targetType,
        organizerId: station.organizer?.id,
      });
      if (undone.ok) undoable.delete(input.actionId);
      return undone;
    },
    'tariffs.get': async (input) => {
      const pass = buyerFor(input.identificationId);
      if (!pass.ok) return pass;
      const activity = knownActivities.get(input.eventId);
      if (!activity) return { ok: false, problem: problem('unknown-activity', TEXTS.unknownActivity) };
      const offers = await adapters.ticketSales.tariffs({
        eventId: input.eventId,
        uitpasNumber: pass.value.uitpasNumber,
        prices: (activity.prices ?? []).filter((p) => p.regularPriceCents > 0),
      });
      if (!offers.ok) return offers;
      // Only the latest identification's offer counts: a sale can only use what this person was offered.
      if (input.identificationId === identificationSeq) {
        offered = { identificationId: input.identificationId, eventId: input.eventId, offers: offers.value };
      }
      return ok({ eventId: input.eventId, offers: offers.value });
    },
    'ticket-sale.register': async (input) => {
      const pass = buyerFor(input.identificationId);
      if (!pass.ok) return pass;
      if (offered?.identificationId !== input.identificationId || offered.eventId !== input.eventId) {
        return { ok: false, problem: problem('no-tariff-offer', TEXTS.noTariffOffer) };
      }
      const sales = [];
      for (const line of input.lines) {
        const offer = offered.offers.find((o) => o.regularPriceCents === line.regularPriceCents);
        const tariff = offer?.tariffs.find((t) => t.id === line.tariffId);
        if (!offer || !tariff || line.count > tariff.remaining) {
          return { ok: false, problem: problem('tariff-not-offered', TEXTS.tariffNotOffered) };
        }
        for (let i = 0; i < line.count; i++) {
          sales.push({
            regularPriceCents: offer.regularPriceCents,
            regularPriceLabel: offer.regularPriceLabel,
            tariffId: tariff.id,
            tariffName: tariff.name,
            tariffPriceCents: tariff.priceCents,
            ...(offer.provisional === undefined ? {} : { provisional: true }),
          });
        }
      }
      const receipt = await adapters.ticketSales.register({
        eventId: input.eventId,
        uitpasNumber: pass.value.uitpasNumber,
        passholderId: pass.value.passholderId,
        organizerId: station.organizer?.id,
        sales,
      });
      if (receipt.ok) {
        offered = undefined;
        if (input.identificationId === identificationSeq) undoable.set(receipt.value.actionId, 'ticket-sale');
      }
      return receipt;
    },
    'status.get': async () => ok({ sync: adapters.sync.current(), readers: adapters.readers.health() }),
    ...sessionHandlers(),
    ...(options.desk?.({
      station: () => station,
      organizer: currentOrganizer,
    }) ?? deskUnavailable()),
    ...(options.passholders?.({
      identify,
      current: () => current,
      organizer: currentOrganizer,
    }) ?? passholdersUnavailable()),
    ...(options.rewards ?? rewardsUnavailable)(rewardContext()),
  };

  function rewardContext(): RewardContext {
    return {
      station: () => station,
      organizer: currentOrganizer,
      passholderFor,
      isCurrent: (identificationId) => identificationId === identificationSeq,
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit,
      checkin: (identificationId, eventId) => handlers.checkin({ identificationId, eventId }),
      activityName: (eventId) => knownActivities.get(eventId)?.name,
    };
  }

  const unsubscribers = [
    adapters.readers.subscribe((input: CardInput) => {
      // A locked or signed-out station shows nobody: a tap waits until someone signs in.
      if (options.session && options.session.view().state !== 'signed-in') return;
      const identified =
        input.kind === 'rejected' ? identifyRejected(input.reason) : identify('tap', input.value);
      void identified.catch((error: unknown) => log(`identify from reader failed: ${String(error)}`));
    }),
    adapters.readers.subscribeHealth((readers) => emit({ type: 'readers', readers })),
    adapters.sync.subscribe((sync) => emit({ type: 'sync-status', sync })),
    ...(options.session ? [options.session.subscribe(onSession)] : []),
  ];

  if (options.session?.view().state === 'signed-in') void openOrganizer();

  return {
    async handle(command) {
      try {
        const handler = (
          handlers as Partial<Record<CommandName, (input: unknown) => Promise<ContractResult<unknown>>>>
        )[command.name];
        const refused = refusal(command.name, options.session?.view(), station.permissions);
        if (refused) return { ok: false, problem: refused };
        if (!PASSIVE.has(command.name)) options.session?.touch();
        if (handler === undefined)
          return {
            ok: false,
            problem: problem('not-available', {
              nl: 'Deze functie is er niet op dit toestel.',
              fr: "Cette fonction n'existe pas sur cet appareil.",
              en: 'This function is not available on this device.',
            }),
          };
        return await handler(command.input);
      } catch (error) {
        log(`command ${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ok: false, problem: problem('internal', TEXTS.internal) };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      listeners.clear();
    },
  };
}
