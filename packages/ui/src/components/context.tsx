import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TerminalState, TerminalStore } from '../store.ts';

const TerminalContext = createContext<TerminalStore | undefined>(undefined);

export function TerminalProvider({ store, children }: { store: TerminalStore; children: ReactNode }) {
  return <TerminalContext.Provider value={store}>{children}</TerminalContext.Provider>;
}

export function useTerminal<T>(selector: (state: TerminalState) => T): T {
  const store = useContext(TerminalContext);
  if (!store) throw new Error('useTerminal needs a TerminalProvider');
  return useStore(store, selector);
}
