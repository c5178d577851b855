// The rewards screen's state (issue 6): the reward list of the pass holder at the desk with the redemption
// being confirmed and its receipt, the review list, and every-tap mode. Everything about a person is bound
// to the identification it was asked for and dropped the moment someone else is identified.
import type {
  ContractClient,
  ContractResult,
  EveryTapMode,
  RedemptionReceipt,
  ReviewItem,
  RewardList,
  TerminalProblem,
  UserText,
} from '@uitpas/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TerminalStore } from '../store.ts';

export interface RewardsState {
  /** The pass holder's rewards, bound to their identification. */
  list:
    { identificationId: number; loading: boolean; value?: RewardList; problem?: TerminalProblem } | undefined;
  /** The reward whose redemption the pass holder is asked to confirm. */
  confirming: string | undefined;
  redemption:
    | {
        identificationId: number;
        rewardId: string;
        pending: boolean;
        result?: ContractResult<RedemptionReceipt>;
        undo?: { pending: boolean; result?: ContractResult<{ message: UserText }> };
      }
    | undefined;
  review: {
    open: boolean;
    loading: boolean;
    items: ReviewItem[];
    problem?: TerminalProblem;
    /** The outcome of the last retry or dismissal, per action. */
    notices: Record<string, UserText>;
  };
  everyTap: EveryTapMode;
  /** The check-in the last tap caused in every-tap mode, shown large. */
  everyTapResult: { identificationId: number; ok: boolean; message: UserText } | undefined;
  everyTapProblem: TerminalProblem | undefined;
  loadRewards(): Promise<void>;
  askConfirm(rewardId: string | undefined): void;
  redeem(rewardId: string): Promise<void>;
  undoRedemption(): Promise<void>;
  openReview(open: boolean): Promise<void>;
  loadReview(): Promise<void>;
  retry(actionId: string): Promise<void>;
  dismiss(actionId: string, note: string): Promise<boolean>;
  setEveryTap(eventId: string | undefined): Promise<void>;
}

export type RewardsStore = StoreApi<RewardsState>;

export function createRewardsStore(client: ContractClient, terminal: TerminalStore): RewardsStore {
  const who = () => terminal.getState().identification?.identificationId;
  const store = createStore<RewardsState>()((set, get) => ({
    list: undefined,
    confirming: undefined,
    redemption: undefined,
    review: { open: false, loading: false, items: [], notices: {} },
    everyTap: {},
    everyTapResult: undefined,
    everyTapProblem: undefined,

    async loadRewards() {
      const identificationId = who();
      if (identificationId === undefined) return;
      set({ list: { identificationId, loading: true }, confirming: undefined });
      const result = await client.invoke('rewards.list', { identificationId });
      if (who() !== identificationId) return;
      set({
        list: result.ok
          ? { identificationId, loading: false, value: result.value }
          : { identificationId, loading: false, problem: result.problem },
      });
    },
    askConfirm(rewardId) {
      set({ confirming: rewardId });
    },
    async redeem(rewardId) {
      const identificationId = who();
      if (identificationId === undefined) return;
      set({ confirming: undefined, redemption: { identificationId, rewardId, pending: true } });
      const result = await client.invoke('rewards.redeem', { identificationId, rewardId });
      if (who() !== identificationId) return;
      set({ redemption: { identificationId, rewardId, pending: false, result } });
      await get().loadRewards();
    },
    async undoRedemption() {
      const current = get().redemption;
      const identificationId = who();
      if (!current?.result?.ok || identificationId !== current.identificationId) return;
      set({ redemption: { ...current, undo: { pending: true } } });
      const result = await client.invoke('rewards.undo', {
        identificationId,
        actionId: current.result.value.actionId,
      });
      if (who() !== identificationId) return;
      set({ redemption: { ...current, undo: { pending: false, result } } });
      await get().loadRewards();
    },

    async openReview(open) {
      set((s) => ({ review: { ...s.review, open, notices: {} } }));
      if (open) await get().loadReview();
    },
    async loadReview() {
      set((s) => ({ review: { ...s.review, loading: true } }));
      const result = await client.invoke('review.list', {});
      set((s) => {
        const { problem: _dropped, ...rest } = s.review;
        return {
          review: result.ok
            ? { ...rest, loading: false, items: result.value.items }
            : { ...rest, loading: false, problem: result.problem },
        };
      });
    },
    async retry(actionId) {
      const result = await client.invoke('review.retry', { actionId });
      set((s) => ({
        review: {
          ...s.review,
          notices: {
            ...s.review.notices,
            [actionId]: result.ok ? result.value.message : result.problem.message,
          },
        },
      }));
      await get().loadReview();
    },
    async dismiss(actionId, note) {
      const result = await client.invoke('review.dismiss', { actionId, note });
      set((s) => ({
        review: {
          ...s.review,
          notices: result.ok ? s.review.notices : { ...s.review.notices, [actionId]: result.problem.message },
        },
      }));
      await get().loadReview();
      return result.ok;
    },

    async setEveryTap(eventId) {
      const result = await client.invoke('everytap.set', eventId === undefined ? {} : { eventId });
      set(
        result.ok
          ? { everyTap: result.value, everyTapProblem: undefined }
          : { everyTapProblem: result.problem },
      );
    },
  }));

  const forget = () =>
    store.setState({
      list: undefined,
      confirming: undefined,
      redemption: undefined,
      everyTapResult: undefined,
    });
  client.onEvent((event) => {
    switch (event.type) {
      case 'identification-cleared':
        forget();
        return;
      case 'every-tap':
        store.setState({ everyTap: event.mode });
        return;
      case 'every-tap-checkin':
        if (event.identificationId === who())
          store.setState({
            everyTapResult: {
              identificationId: event.identificationId,
              ok: event.ok,
              message: event.message,
            },
          });
        return;
      case 'sync-status':
        // The review list follows the engine: what it settled leaves the list on its own.
        if (store.getState().review.open) void store.getState().loadReview();
        return;
    }
  });
  // The terminal may have restarted: ask for the station's every-tap mode whenever the link is (re)made.
  let asked = false;
  terminal.subscribe((s) => {
    if (s.connection === 'open' && !asked) {
      asked = true;
      void client.invoke('everytap.get', {}).then((r) => {
        if (r.ok) store.setState({ everyTap: r.value });
      });
    }
    if (s.connection !== 'open') asked = false;
  });
  return store;
}
