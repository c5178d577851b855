import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useTerminal } from '../components/context.tsx';
import type { SessionState, SessionStore } from './session-store.ts';

const SessionContext = createContext<SessionStore | undefined>(undefined);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSession<T>(selector: (state: SessionState) => T): T {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession needs a SessionProvider');
  return useStore(store, selector);
}

/**
 * Whether the station's organizer has a permission (a PermissionDetail id of `GET /permissions`, such as
 * REWARDS_REDEEM). True while the station has no permission list yet: the terminal still refuses.
 */
export function useCan(id: string): boolean {
  return useTerminal((s) => s.station?.permissions?.includes(id) ?? true);
}

/** The same check for a list of actions (one hook call for many ids). */
export function usePermissionCheck(): (id: string) => boolean {
  const permissions = useTerminal((s) => s.station?.permissions);
  return useCallback((id: string) => permissions?.includes(id) ?? true, [permissions]);
}
