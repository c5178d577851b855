import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PassholderState, PassholderStore } from './passholder-store.ts';

const PassholderContext = createContext<PassholderStore | undefined>(undefined);

export function PassholderProvider({ store, children }: { store: PassholderStore; children: ReactNode }) {
  return <PassholderContext.Provider value={store}>{children}</PassholderContext.Provider>;
}

export function usePassholder<T>(selector: (state: PassholderState) => T): T {
  const store = useContext(PassholderContext);
  if (!store) throw new Error('usePassholder needs a PassholderProvider');
  return useStore(store, selector);
}

/** For shared components that also run where no pass holder store exists (the kiosk): undefined there. */
export function useOptionalPassholder<T>(selector: (state: PassholderState) => T): T | undefined {
  const store = useContext(PassholderContext);
  return useStore(store ?? FALLBACK, (s) => (store ? selector(s) : undefined));
}

const FALLBACK = {
  getState: () => ({}) as PassholderState,
  subscribe: () => () => {},
} as unknown as PassholderStore;
