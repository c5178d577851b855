// The front desk screens' state (issue 7): which desk screen is open, the registration being typed (saved
// to the terminal's ledger on every change), card stock, the day report and the day's history.
import {
  type CardReason,
  type ContractClient,
  type DeskWriteState,
  type DayReportView,
  type DraftSummary,
  type HistoryItem,
  type KansenstatuutView,
  type MembershipPriceView,
  type RegistrationForm,
  type RegistrationResult,
  type RegistrationStep,
  type StockView,
  type TerminalProblem,
  type UserText,
} from '@uitpas/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type DeskView = 'counter' | 'register' | 'kansenstatuut' | 'cards' | 'stock' | 'report' | 'history';

export interface StepMessage {
  step: RegistrationStep;
  field?: string;
  message: UserText;
}

export interface DeskState {
  view: DeskView;
  drafts: DraftSummary[];
  /** The registration open in the wizard. */
  draft: { draftId: string; form: RegistrationForm; savedAt?: string } | undefined;
  /** Saves sent to the terminal and not yet acknowledged. */
  pendingSaves: number;
  stepMessage: StepMessage | undefined;
  price: MembershipPriceView | undefined;
  submitting: boolean;
  result: Extract<RegistrationResult, { outcome: 'registered' | 'pending' }> | undefined;
  stock: StockView | undefined;
  report: DayReportView | undefined;
  history: HistoryItem[];
  kansenstatuut: KansenstatuutView | undefined;
  cardSystems: { id: number; name: string }[];
  /** Whether the last card or membership write is done at UiTPAS or still queued in the ledger. */
  writeState: DeskWriteState | undefined;
  /** The last problem of a desk command that has no step of its own. */
  problem: TerminalProblem | undefined;
  notice: UserText | undefined;
  show(view: DeskView): Promise<void>;
  /** A new registration, with a blank card from stock filled in when one was scanned or tapped. */
  startRegistration(uitpasNumber?: string, chipNumber?: string): Promise<void>;
  resumeDraft(draftId: string): Promise<void>;
  abandonDraft(): Promise<void>;
  update(patch: Partial<RegistrationForm>): void;
  setStepMessage(message: StepMessage | undefined): void;
  goToStep(step: RegistrationStep): void;
  loadPrice(): Promise<void>;
  submit(): Promise<void>;
  receiveRange(from: string, to: string): Promise<void>;
  receiveScanned(numbers: string[]): Promise<void>;
  markDamaged(uitpasNumber: string): Promise<void>;
  count(counted: number): Promise<void>;
  setThreshold(threshold: number): Promise<void>;
  loadReport(day?: string): Promise<void>;
  closeDay(): Promise<void>;
  undo(actionId: string): Promise<void>;
  loadKansenstatuut(uitpasNumber: string): Promise<void>;
  replaceCard(uitpasNumber: string, newUitpasNumber: string): Promise<void>;
  setKansenstatuut(uitpasNumber: string, endDate: string): Promise<void>;
  blockCard(uitpasNumber: string, reason: CardReason, note: string): Promise<boolean>;
  addMembership(uitpasNumber: string, cardSystemId: number, newUitpasNumber: string): Promise<boolean>;
}

export type DeskStore = StoreApi<DeskState>;

export function createDeskStore(client: ContractClient): DeskStore {
  // Saves go out one after another, so the ledger always ends with the newest form.
  let saving: Promise<unknown> = Promise.resolve();

  return createStore<DeskState>()((set, get) => {
    const save = () => {
      const draft = get().draft;
      if (draft === undefined) return;
      const { draftId, form } = draft;
      set((s) => ({ pendingSaves: s.pendingSaves + 1 }));
      saving = saving.then(async () => {
        const r = await client.invoke('desk.draft.save', { draftId, form });
        set((s) => ({ pendingSaves: s.pendingSaves - 1 }));
        if (r.ok && get().draft?.draftId === draftId)
          set((s) => (s.draft ? { draft: { ...s.draft, savedAt: r.value.updatedAt } } : {}));
        if (!r.ok) set({ problem: r.problem });
      });
    };
    const stockCall = async (
      r: Promise<{ ok: true; value: StockView } | { ok: false; problem: TerminalProblem }>,
    ) => {
      const result = await r;
      set(result.ok ? { stock: result.value, problem: undefined } : { problem: result.problem });
    };
    const loadHistory = async () => {
      const r = await client.invoke('desk.history', {});
      set(r.ok ? { history: r.value.items } : { problem: r.problem });
    };

    return {
      view: 'counter',
      drafts: [],
      draft: undefined,
      pendingSaves: 0,
      stepMessage: undefined,
      price: undefined,
      submitting: false,
      result: undefined,
      stock: undefined,
      report: undefined,
      history: [],
      kansenstatuut: undefined,
      cardSystems: [],
      writeState: undefined,
      problem: undefined,
      notice: undefined,

      async show(view) {
        set({ view, problem: undefined, notice: undefined, writeState: undefined });
        if (view === 'register') {
          const r = await client.invoke('desk.drafts.list', {});
          set(r.ok ? { drafts: r.value.drafts } : { problem: r.problem });
        } else if (view === 'stock') await stockCall(client.invoke('desk.stock.get', {}));
        else if (view === 'report') await get().loadReport();
        else if (view === 'history') await loadHistory();
        else if (view === 'cards' && get().cardSystems.length === 0) {
          const r = await client.invoke('desk.cardSystems', {});
          set(r.ok ? { cardSystems: r.value.cardSystems } : { problem: r.problem });
        }
      },
      async startRegistration(uitpasNumber, chipNumber) {
        const r = await client.invoke('desk.draft.open', {
          ...(uitpasNumber ? { uitpasNumber } : {}),
          ...(chipNumber ? { chipNumber } : {}),
        });
        if (!r.ok) return set({ problem: r.problem });
        set({
          view: 'register',
          draft: { draftId: r.value.draftId, form: r.value.form, savedAt: r.value.updatedAt },
          stepMessage: undefined,
          price: undefined,
          result: undefined,
        });
      },
      async resumeDraft(draftId) {
        const r = await client.invoke('desk.draft.open', { draftId });
        if (!r.ok) return set({ problem: r.problem });
        set({
          draft: { draftId, form: r.value.form, savedAt: r.value.updatedAt },
          stepMessage: undefined,
          price: undefined,
          result: undefined,
        });
      },
      async abandonDraft() {
        const draft = get().draft;
        if (draft) await client.invoke('desk.draft.abandon', { draftId: draft.draftId });
        set({ draft: undefined, stepMessage: undefined, price: undefined });
        await get().show('register');
      },
      update(patch) {
        set((s) => {
          if (!s.draft) return {};
          const touched = Object.keys(patch);
          const clears = s.stepMessage?.field !== undefined && touched.includes(s.stepMessage.field);
          return {
            draft: { ...s.draft, form: { ...s.draft.form, ...patch } },
            ...(clears ? { stepMessage: undefined } : {}),
            ...(touched.some((k) => k !== 'paymentMethod' && k !== 'step') ? { price: undefined } : {}),
          };
        });
        save();
      },
      setStepMessage(stepMessage) {
        set({ stepMessage });
      },
      goToStep(step) {
        get().update({ step });
        if (step === 'payment') void get().loadPrice();
      },
      async loadPrice() {
        const draft = get().draft;
        if (!draft) return;
        await saving;
        const r = await client.invoke('desk.registration.price', { draftId: draft.draftId });
        if (!r.ok) return set({ problem: r.problem });
        if (r.value.outcome === 'refused') {
          const { step, message, field } = r.value;
          set({
            price: undefined,
            stepMessage: { step, message, ...(field === undefined ? {} : { field }) },
          });
          if (step !== draft.form.step) get().update({ step });
        } else set({ price: r.value });
      },
      async submit() {
        const draft = get().draft;
        if (!draft || get().submitting) return;
        set({ submitting: true, stepMessage: undefined });
        await saving;
        const r = await client.invoke('desk.registration.submit', { draftId: draft.draftId });
        set({ submitting: false });
        if (!r.ok) return set({ problem: r.problem });
        const v = r.value;
        if (v.outcome === 'refused') {
          const next = v.draftId ?? draft.draftId;
          set({
            draft: { draftId: next, form: { ...draft.form, step: v.step } },
            stepMessage: {
              step: v.step,
              message: v.message,
              ...(v.field === undefined ? {} : { field: v.field }),
            },
          });
          if (v.draftId !== undefined) save();
          return;
        }
        set({ result: v, draft: undefined, price: undefined });
      },
      receiveRange: (from, to) => stockCall(client.invoke('desk.stock.receive', { from, to })),
      receiveScanned: (uitpasNumbers) => stockCall(client.invoke('desk.stock.receive', { uitpasNumbers })),
      markDamaged: (uitpasNumber) => stockCall(client.invoke('desk.stock.damaged', { uitpasNumber })),
      count: (counted) => stockCall(client.invoke('desk.stock.count', { counted })),
      setThreshold: (threshold) => stockCall(client.invoke('desk.stock.threshold', { threshold })),
      async loadReport(day) {
        const r = await client.invoke('desk.day.report', day ? { day } : {});
        set(r.ok ? { report: r.value, problem: undefined } : { problem: r.problem });
      },
      async closeDay() {
        const day = get().report?.day;
        if (!day) return;
        const r = await client.invoke('desk.day.close', { day });
        set(r.ok ? { report: r.value } : { problem: r.problem });
      },
      async loadKansenstatuut(uitpasNumber) {
        const r = await client.invoke('desk.kansenstatuut.get', { uitpasNumber });
        set(
          r.ok
            ? { kansenstatuut: r.value, problem: undefined }
            : { kansenstatuut: undefined, problem: r.problem },
        );
      },
      async replaceCard(uitpasNumber, newUitpasNumber) {
        const r = await client.invoke('desk.card.replace', {
          uitpasNumber,
          newUitpasNumber,
          reason: 'LOSS_THEFT',
        });
        set(
          r.ok
            ? { notice: r.value.message, writeState: r.value.state, problem: undefined }
            : { problem: r.problem, notice: undefined, writeState: undefined },
        );
        if (r.ok && r.value.state === 'done') await get().loadKansenstatuut(r.value.uitpasNumber);
      },
      async setKansenstatuut(uitpasNumber, endDate) {
        const r = await client.invoke('desk.kansenstatuut.set', { uitpasNumber, endDate });
        set(
          r.ok
            ? {
                kansenstatuut: r.value,
                notice: r.value.message,
                writeState: r.value.state,
                problem: undefined,
              }
            : { problem: r.problem, notice: undefined, writeState: undefined },
        );
      },
      async blockCard(uitpasNumber, reason, note) {
        const r = await client.invoke('desk.card.block', {
          uitpasNumber,
          reason,
          ...(note.trim() === '' ? {} : { note }),
        });
        set(
          r.ok
            ? { notice: r.value.message, writeState: r.value.state, problem: undefined }
            : { problem: r.problem, notice: undefined, writeState: undefined },
        );
        return r.ok;
      },
      async addMembership(uitpasNumber, cardSystemId, newUitpasNumber) {
        const card = newUitpasNumber.replace(/\D/g, '');
        const r = await client.invoke('desk.membership.add', {
          uitpasNumber,
          cardSystemId,
          ...(card === '' ? {} : { newUitpasNumber: card }),
        });
        set(
          r.ok
            ? { notice: r.value.message, writeState: r.value.state, problem: undefined }
            : { problem: r.problem, notice: undefined, writeState: undefined },
        );
        return r.ok;
      },
      async undo(actionId) {
        const r = await client.invoke('desk.undo', { actionId });
        set(r.ok ? { notice: r.value.message, problem: undefined } : { problem: r.problem });
        await loadHistory();
      },
    };
  });
}
