import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskState, DeskStore } from './desk-store.ts';

const DeskContext = createContext<DeskStore | undefined>(undefined);

export function DeskProvider({ store, children }: { store: DeskStore; children: ReactNode }) {
  return <DeskContext.Provider value={store}>{children}</DeskContext.Provider>;
}

export function useDesk<T>(selector: (state: DeskState) => T): T {
  const store = useContext(DeskContext);
  if (!store) throw new Error('useDesk needs a DeskProvider');
  return useStore(store, selector);
}

/** The desk store when the app has one (the counter), undefined elsewhere (the kiosk). */
export function useOptionalDeskStore(): DeskStore | undefined {
  return useContext(DeskContext);
}
