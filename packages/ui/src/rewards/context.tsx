import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RewardsState, RewardsStore } from './rewards-store.ts';

const RewardsContext = createContext<RewardsStore | undefined>(undefined);

export function RewardsProvider({ store, children }: { store: RewardsStore; children: ReactNode }) {
  return <RewardsContext.Provider value={store}>{children}</RewardsContext.Provider>;
}

export function useRewards<T>(selector: (state: RewardsState) => T): T {
  const store = useContext(RewardsContext);
  if (!store) throw new Error('useRewards needs a RewardsProvider');
  return useStore(store, selector);
}
