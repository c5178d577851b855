// The renderer's view of the terminal, app-neutral (the kiosk reuses it). Everything about the person at
// the desk hangs off one identification; a new one wipes it all at once (the wrong-person guard).
import {
  createContractClient,
  type Activity,
  type CheckinReceipt,
  type ContractClient,
  type ContractResult,
  type Identification,
  type IdentificationSource,
  type MessageTransport,
  type ReaderHealth,
  type StationConfig,
  type SyncStatus,
  type TariffOffer,
  type TicketSaleReceipt,
  type TerminalEvent,
  type TerminalProblem,
} from '@uitpas/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ActivityRange = 'today' | '7d' | '30d';

export interface TerminalState {
  connection: 'connecting' | 'open' | 'closed';
  station: StationConfig | undefined;
  /** The latest identification the terminal announced; anything shown about a person comes from it. */
  identification: Identification | undefined;
  /** An identification is being looked up: nothing of the previous person is shown meanwhile. */
  identifying: boolean;
  sync: SyncStatus | undefined;
  readers: ReaderHealth[];
  activities: { range: ActivityRange; items: Activity[]; problem?: TerminalProblem; loading: boolean };
  /** The last check-in, bound to the identification it was for. */
  checkin:
    | { identificationId: number; eventId: string; pending: boolean; result?: ContractResult<CheckinReceipt> }
    | undefined;
  /** Kansentarief offer on screen, bound to the identification it was asked for. */
  tariffs:
    | {
        identificationId: number;
        eventId: string;
        loading: boolean;
        offers?: TariffOffer[];
        problem?: TerminalProblem;
      }
    | undefined;
  sale:
    | {
        identificationId: number;
        eventId: string;
        pending: boolean;
        result?: ContractResult<TicketSaleReceipt>;
      }
    | undefined;
  /** The last undo, bound to its identification. */
  undo:
    | { identificationId: number; actionId: string; pending: boolean; result?: ContractResult<unknown> }
    | undefined;
  undoAction(actionId: string): Promise<void>;
  loadTariffs(eventId: string): Promise<void>;
  closeTariffs(): void;
  registerSale(
    eventId: string,
    lines: { regularPriceCents: number; tariffId: string; count: number }[],
  ): Promise<void>;
  identify(source: IdentificationSource, value: string): Promise<void>;
  clearIdentification(): Promise<void>;
  simulateTap(value: string): Promise<void>;
  loadActivities(range: ActivityRange): Promise<void>;
  checkIn(eventId: string): Promise<void>;
  setLanguage(language: StationConfig['language']): Promise<void>;
}

export type TerminalStore = StoreApi<TerminalState>;

export function createTerminalStore(transport: MessageTransport): {
  store: TerminalStore;
  client: ContractClient;
} {
  const client = createContractClient(transport);
  const store = createStore<TerminalState>()((set, get) => ({
    connection: 'connecting',
    station: undefined,
    identification: undefined,
    identifying: false,
    sync: undefined,
    readers: [],
    activities: { range: 'today', items: [], loading: false },
    checkin: undefined,
    tariffs: undefined,
    sale: undefined,
    undo: undefined,

    async undoAction(actionId) {
      const who = get().identification;
      if (who === undefined) return;
      const identificationId = who.identificationId;
      set({ undo: { identificationId, actionId, pending: true } });
      const result = await client.invoke('undo', { identificationId, actionId });
      if (get().identification?.identificationId !== identificationId) return;
      set({ undo: { identificationId, actionId, pending: false, result } });
    },

    async loadTariffs(eventId) {
      const who = get().identification;
      if (who === undefined) return;
      const identificationId = who.identificationId;
      set({ tariffs: { identificationId, eventId, loading: true }, sale: undefined });
      const result = await client.invoke('tariffs.get', { identificationId, eventId });
      if (get().identification?.identificationId !== identificationId) return;
      set({
        tariffs: result.ok
          ? { identificationId, eventId, loading: false, offers: result.value.offers }
          : { identificationId, eventId, loading: false, problem: result.problem },
      });
    },
    closeTariffs() {
      set({ tariffs: undefined, sale: undefined, undo: undefined });
    },
    async registerSale(eventId, lines) {
      const who = get().identification;
      if (who === undefined) return;
      const identificationId = who.identificationId;
      set({ sale: { identificationId, eventId, pending: true } });
      const result = await client.invoke('ticket-sale.register', { identificationId, eventId, lines });
      if (get().identification?.identificationId !== identificationId) return;
      set({ sale: { identificationId, eventId, pending: false, result } });
    },

    async identify(source, value) {
      set({
        identification: undefined,
        identifying: true,
        checkin: undefined,
        tariffs: undefined,
        sale: undefined,
      });
      const result = await client.invoke('identify', { source, value });
      if (!result.ok) set({ identifying: false });
      // The `identified` event carries the outcome to every screen, this one included.
    },
    async clearIdentification() {
      set({
        identification: undefined,
        identifying: false,
        checkin: undefined,
        tariffs: undefined,
        sale: undefined,
      });
      await client.invoke('identification.clear', {});
    },
    async simulateTap(value) {
      await client.invoke('simulator.tap', { value });
    },
    async loadActivities(range) {
      set((s) => ({ activities: { ...s.activities, range, loading: true } }));
      const result = await client.invoke('activities.list', { range });
      set({
        activities: result.ok
          ? { range, items: result.value.activities, loading: false }
          : { range, items: [], problem: result.problem, loading: false },
      });
    },
    async checkIn(eventId) {
      const who = get().identification;
      if (who === undefined) return;
      const identificationId = who.identificationId;
      set({ checkin: { identificationId, eventId, pending: true } });
      const result = await client.invoke('checkin', { identificationId, eventId });
      // Only if the same person is still at the desk: a late answer about someone else is dropped.
      if (get().identification?.identificationId === identificationId) {
        set({ checkin: { identificationId, eventId, pending: false, result } });
      }
    },
    async setLanguage(language) {
      const result = await client.invoke('station.configure', { language });
      if (result.ok) set({ station: result.value });
    },
  }));

  const onEvent = (event: TerminalEvent) => {
    switch (event.type) {
      case 'identification-cleared':
        store.setState({
          identification: undefined,
          identifying: event.settled !== true,
          checkin: undefined,
          tariffs: undefined,
          sale: undefined,
        });
        return;
      case 'identified':
        store.setState({
          identification: event.identification,
          identifying: false,
          checkin: undefined,
          tariffs: undefined,
          sale: undefined,
        });
        return;
      case 'sync-status':
        store.setState({ sync: event.sync });
        return;
      case 'readers':
        store.setState({ readers: event.readers });
        return;
      case 'station':
        store.setState({ station: event.station });
        return;
    }
  };
  client.onEvent(onEvent);

  // Until the terminal answers (or after it restarted), keep asking: the link may not be there yet.
  let retry: ReturnType<typeof setTimeout> | undefined;
  const sync = async () => {
    clearTimeout(retry);
    const station = await client.invoke('station.get', {});
    if (!station.ok) {
      if (station.problem.kind === 'terminal-unreachable')
        store.setState({
          connection: store.getState().connection === 'open' ? 'closed' : store.getState().connection,
        });
      retry = setTimeout(() => void sync(), 500);
      return;
    }
    const status = await client.invoke('status.get', {});
    store.setState({
      connection: 'open',
      station: station.value,
      ...(status.ok ? { sync: status.value.sync, readers: status.value.readers } : {}),
    });
    void store.getState().loadActivities(store.getState().activities.range);
  };
  transport.onDisconnect(() => {
    // The terminal restarted or the socket dropped: whatever was on screen may be stale, so it goes.
    store.setState({
      connection: 'closed',
      identification: undefined,
      identifying: false,
      checkin: undefined,
      tariffs: undefined,
      sale: undefined,
      undo: undefined,
    });
    retry = setTimeout(() => void sync(), 500);
  });
  void sync();
  return { store, client };
}
