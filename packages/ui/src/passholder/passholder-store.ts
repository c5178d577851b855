// Search by name and birth date, and the identified pass holder's memberships and history. Both hang off
// the terminal store's identification: a new identification wipes the search form, its results and the
// previous person's details at once (the wrong-person guard).
import type {
  ContractClient,
  PassholderDetails,
  PassholderSearchOutcome,
  TerminalProblem,
} from '@uitpas/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TerminalStore } from '../store.ts';

export interface SearchFields {
  name: string;
  firstName: string;
  dateOfBirth: string;
}

const EMPTY: SearchFields = { name: '', firstName: '', dateOfBirth: '' };

export interface PassholderState {
  fields: SearchFields;
  searching: boolean;
  outcome: PassholderSearchOutcome | undefined;
  problem: TerminalProblem | undefined;
  details:
    | { identificationId: number; loading: boolean; value?: PassholderDetails; problem?: TerminalProblem }
    | undefined;
  setField(field: keyof SearchFields, value: string): void;
  search(): Promise<void>;
  pick(passholderId: string): Promise<void>;
}

export type PassholderStore = StoreApi<PassholderState>;

export function createPassholderStore(client: ContractClient, terminal: TerminalStore): PassholderStore {
  let searchSeq = 0;
  const store = createStore<PassholderState>()((set, get) => ({
    fields: EMPTY,
    searching: false,
    outcome: undefined,
    problem: undefined,
    details: undefined,
    setField(field, value) {
      set((s) => ({ fields: { ...s.fields, [field]: value } }));
    },
    async search() {
      const seq = ++searchSeq;
      const { name, firstName, dateOfBirth } = get().fields;
      set({ searching: true, outcome: undefined, problem: undefined });
      const result = await client.invoke('passholders.search', {
        name,
        ...(firstName.trim() === '' ? {} : { firstName }),
        ...(dateOfBirth.trim() === '' ? {} : { dateOfBirth }),
      });
      if (seq !== searchSeq) return;
      set(
        result.ok
          ? { searching: false, outcome: result.value }
          : { searching: false, problem: result.problem },
      );
    },
    async pick(passholderId) {
      const result = await client.invoke('passholders.pick', { passholderId });
      if (!result.ok) set({ problem: result.problem });
      // On success the `identified` event clears the search and loads the details.
    },
  }));

  const loadDetails = async (identificationId: number) => {
    const before = store.getState().details;
    // Reloading for the same person keeps what is on screen until the new answer is in.
    const kept = before?.identificationId === identificationId ? before.value : undefined;
    store.setState({ details: { identificationId, loading: true, ...(kept ? { value: kept } : {}) } });
    const result = await client.invoke('passholder.details', { identificationId });
    // A late answer about someone who is no longer at the desk is dropped.
    if (store.getState().details?.identificationId !== identificationId) return;
    store.setState({
      details: result.ok
        ? { identificationId, loading: false, value: result.value }
        : { identificationId, loading: false, problem: result.problem },
    });
  };

  let shown: number | undefined;
  let lastDone: unknown;
  terminal.subscribe((state) => {
    const who = state.identification;
    const id = who?.identificationId;
    const changed = id !== shown || (who === undefined && state.identifying);
    // A check-in or sale just done for this person belongs in the history on screen.
    const done = [state.checkin, state.sale].find(
      (a) => a?.identificationId === id && a?.result?.ok === true && a.result !== lastDone,
    );
    if (!changed && done?.result !== undefined && who?.kind === 'passholder') {
      lastDone = done.result;
      void loadDetails(who.identificationId);
      return;
    }
    if (!changed) return;
    shown = id;
    searchSeq++;
    store.setState({
      fields: EMPTY,
      searching: false,
      outcome: undefined,
      problem: undefined,
      details: undefined,
    });
    if (who?.kind === 'passholder') void loadDetails(who.identificationId);
  });
  return store;
}
