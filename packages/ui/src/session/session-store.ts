// The screen's view of the staff session: who is signed in, the lock, the organizer picker and the station
// settings panel. The terminal decides everything; tokens and PINs never come back here.
import type {
  ApiEnvironment,
  ContractClient,
  OrganizerChoice,
  SessionView,
  StationConfig,
  TerminalProblem,
} from '@uitpas/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type SessionPanel = 'organizers' | 'settings' | undefined;

export interface SessionState {
  session: SessionView | undefined;
  /** The last refusal to show next to the form that caused it. */
  problem: TerminalProblem | undefined;
  notice: 'staff-added' | undefined;
  busy: boolean;
  panel: SessionPanel;
  organizers: OrganizerChoice[] | undefined;
  /** The UiTiD login page opened for this sign-in (shown as a link when no window opened). */
  authorizeUrl: string | undefined;
  startUitid(): Promise<void>;
  signInWithPin(staffId: string, pin: string): Promise<boolean>;
  unlock(pin: string): Promise<boolean>;
  lock(): Promise<void>;
  signOut(): Promise<void>;
  activity(): void;
  open(panel: SessionPanel): Promise<void>;
  chooseOrganizer(id: string): Promise<void>;
  configure(change: {
    environment?: ApiEnvironment;
    trainingMode?: boolean;
  }): Promise<StationConfig | undefined>;
  addStaff(name: string, pin: string): Promise<boolean>;
  removeStaff(staffId: string): Promise<void>;
}

export type SessionStore = StoreApi<SessionState>;

/** Screens report input at most this often; the terminal's inactivity lock counts from the last one. */
const ACTIVITY_EVERY_MS = 10_000;

export function createSessionStore(client: ContractClient): SessionStore {
  let lastActivity = 0;
  const store = createStore<SessionState>()((set, get) => {
    /** Runs a command; a refusal is kept for the screen, a success clears the previous one. */
    async function run<T>(
      invoke: () => Promise<{ ok: true; value: T } | { ok: false; problem: TerminalProblem }>,
    ): Promise<T | undefined> {
      set({ busy: true, notice: undefined });
      const result = await invoke();
      set({ busy: false, problem: result.ok ? undefined : result.problem });
      return result.ok ? result.value : undefined;
    }
    const adopt = (session: SessionView | undefined) => {
      if (session) set({ session, ...(session.state === 'signed-in' ? {} : { panel: undefined }) });
      return session !== undefined;
    };
    return {
      session: undefined,
      problem: undefined,
      notice: undefined,
      busy: false,
      panel: undefined,
      organizers: undefined,
      authorizeUrl: undefined,
      async startUitid() {
        const started = await run(() => client.invoke('session.uitid.start', {}));
        if (!started) return;
        set({ authorizeUrl: started.authorizeUrl });
        // The login page is UiTiD's own: it opens beside the counter, which never sees the password.
        window.open(started.authorizeUrl, '_blank', 'noopener');
      },
      async signInWithPin(staffId, pin) {
        return adopt(await run(() => client.invoke('session.pin.signIn', { staffId, pin })));
      },
      async unlock(pin) {
        return adopt(await run(() => client.invoke('session.unlock', { pin })));
      },
      async lock() {
        adopt(await run(() => client.invoke('session.lock', {})));
      },
      async signOut() {
        adopt(await run(() => client.invoke('session.signOut', {})));
      },
      activity() {
        const now = Date.now();
        if (now - lastActivity < ACTIVITY_EVERY_MS || get().session?.state !== 'signed-in') return;
        lastActivity = now;
        void client.invoke('session.activity', {});
      },
      async open(panel) {
        set({ panel, problem: undefined, notice: undefined });
        if (panel !== 'organizers') return;
        set({ organizers: undefined });
        const listed = await run(() => client.invoke('organizers.list', {}));
        if (listed) set({ organizers: listed.organizers });
      },
      async chooseOrganizer(id) {
        const chosen = await run(() => client.invoke('station.configure', { organizerId: id }));
        if (chosen) set({ panel: undefined });
      },
      async configure(change) {
        return run(() => client.invoke('station.configure', change));
      },
      async addStaff(name, pin) {
        const added = adopt(await run(() => client.invoke('session.staff.add', { name, pin })));
        if (added) set({ notice: 'staff-added' });
        return added;
      },
      async removeStaff(staffId) {
        adopt(await run(() => client.invoke('session.staff.remove', { staffId })));
      },
    };
  });

  client.onEvent((event) => {
    if (event.type !== 'session') return;
    const previous = store.getState().session;
    store.setState({
      session: event.session,
      ...(event.session.pendingUitid ? {} : { authorizeUrl: undefined }),
      ...(event.session.state !== 'signed-in' ? { panel: undefined } : {}),
      // A new state (signed in, locked) makes the old form's refusal irrelevant.
      ...(previous?.state !== event.session.state ? { problem: undefined } : {}),
    });
  });

  // Until the terminal answers (or after it restarted), keep asking: the link may not be there yet.
  const load = async () => {
    const result = await client.invoke('session.get', {});
    if (result.ok) store.setState({ session: result.value });
    else setTimeout(() => void load(), 500);
  };
  void load();
  return store;
}
