// The front desk on the real data path (issue 7): registration drafts in the ledger, the pass price from
// the membership-price API, the registration recorded with its outbox row (and the card leaving stock)
// in one transaction and sent by the sync engine, card stock movements, the day report and undo.
import { randomUUID } from 'node:crypto';
import {
  brusselsDate,
  buildDayReport,
  centsFromApiNumber,
  checkRegistrationForm,
  createAction,
  dayReportCsv,
  emptyRegistrationForm,
  passholderFromForm,
  periodWindow,
  registrationFormSchema,
  stepForProblem,
  uitpasCheckDigit,
  userMessage,
  validateUitpasNumber,
  type CommandOutput,
  type ContractResult,
  type HistoryItem,
  type LocalAction,
  type Problem,
  type RegistrationForm,
  type RegistrationStep,
  type ReportEntry,
  type StockView,
  type UserText,
} from '@uitpas/domain';
import type { Ledger, RecordedAction, SyncEngine, UitpasClient } from '@uitpas/sync';
import type { DeskContext, DeskFactory, DeskHandlers } from './handlers.ts';

export interface ApiDeskOptions {
  ledger: Ledger;
  client: UitpasClient;
  engine: SyncEngine;
  stationId: string;
  staffId: string;
  /** How long a registration waits for the API's verdict before the wizard says it is still underway. */
  confirmWithinMs?: number;
  /** Stock warning level for a sales point that has none set yet. */
  defaultThreshold?: number;
  now?: () => Date;
}

const ok = <T>(value: T): ContractResult<T> => ({ ok: true, value });
const refuse = (kind: string, nl: string): ContractResult<never> => ({
  ok: false,
  problem: { kind, message: { nl } },
});

const OFFLINE: UserText = {
  nl: 'Geen verbinding met UiTPAS. Een nieuwe pas registreren kan alleen online: de kaart en het rijksregisternummer moeten gecontroleerd worden. Alles wat u invulde blijft bewaard; probeer opnieuw zodra de verbinding terug is.',
  fr: "Pas de connexion avec UiTPAS. L'enregistrement d'un nouveau pass nécessite une connexion. Les données saisies sont conservées.",
  en: 'No connection to UiTPAS. Registering a new pass needs the connection. Everything entered is kept; try again once it is back.',
};

const OFFLINE_SHORT: UserText = {
  nl: 'Geen verbinding met UiTPAS. Het kansenstatuut wijzigen kan alleen online; probeer opnieuw zodra de verbinding terug is.',
  en: 'No connection to UiTPAS. Changing the social tariff needs the connection.',
};

const UNDOABLE = new Set<LocalAction['type']>(['checkin', 'ticket-sale', 'reward-redemption']);

function problemText(problem: Problem | undefined, fallback: string): UserText {
  if (problem === undefined) return { nl: fallback };
  return { nl: userMessage(problem, 'nl'), fr: userMessage(problem, 'fr'), en: userMessage(problem, 'en') };
}

const shortName = (type: string | undefined) => (type ?? '').split('/').pop();

function euro(cents: number): string {
  return new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

function summarise(a: LocalAction): string {
  switch (a.type) {
    case 'checkin':
      return `Check-in ${a.uitpasNumber}`;
    case 'kiosk-checkin':
      return `Check-in aan de zuil ${a.chipNumber}`;
    case 'ticket-sale':
      return `${a.sales.length} ticket(s) aan ${a.sales.map((s) => s.tariffName ?? s.tariffId).join(', ')} voor ${a.sales[0]?.uitpasNumber ?? ''}`;
    case 'reward-redemption':
      return `Voordeel ${a.rewardId} omgeruild (${a.points} punten) voor ${a.uitpasNumber}`;
    case 'registration':
      return `Pas verkocht aan ${a.passholder.firstName} ${a.passholder.name}: ${euro(a.priceCents)} (${a.paymentMethod})`;
    case 'card-block':
      return `Kaart ${a.uitpasNumber} geblokkeerd (${a.reason})`;
    case 'card-replace':
      return `Kaart ${a.oldUitpasNumber} vervangen door ${a.newUitpasNumber}`;
    case 'kansenstatuut-set':
      return `Kansenstatuut van ${a.uitpasNumber} tot ${a.endDate}`;
    case 'membership-add':
      return `Lidmaatschap kaartsysteem ${a.cardSystemId} voor ${a.uitpasNumber}${a.newUitpasNumber ? ` (kaart ${a.newUitpasNumber})` : ''}`;
    case 'undo':
      return `Geannuleerd: ${a.targetType}`;
  }
}

export function createApiDesk(options: ApiDeskOptions): DeskFactory {
  const { ledger, client, engine } = options;
  const now = options.now ?? (() => new Date());
  const confirmWithinMs = options.confirmWithinMs ?? 20_000;
  // Read on every use: the signed-in staff member changes during the station's life.
  const who = {
    stationId: options.stationId,
    get staffId() {
      return options.staffId;
    },
  };

  return (context: DeskContext): DeskHandlers => {
    const today = () => brusselsDate(now()) ?? now().toISOString().slice(0, 10);

    const formOf = (draftId: string): RegistrationForm | undefined => {
      const draft = ledger.getDraft(draftId);
      if (draft === undefined) return undefined;
      const parsed = registrationFormSchema.safeParse(draft.form);
      return parsed.success ? parsed.data : emptyRegistrationForm();
    };

    /** The card system a registration goes to: the one the organizer may write pass holders for. */
    const cardSystemOf = async (organizerId: string): Promise<number | 'offline' | undefined> => {
      const r = await client.http.GET('/permissions', {}).catch(() => undefined);
      if (r === undefined || r.response === undefined || r.response.status >= 500) return 'offline';
      const grants = (r.data ?? []) as {
        organizer?: { id?: string };
        permissionDetails?: { id?: string; cardSystemIds?: number[] }[];
      }[];
      const grant = grants.find((g) => g.organizer?.id === organizerId);
      const write = grant?.permissionDetails?.find((d) => d.id === 'PASSHOLDERS_WRITE');
      return write?.cardSystemIds?.[0];
    };

    type Refusal = { outcome: 'refused'; step: RegistrationStep; field?: string; message: UserText };
    const refusal = (step: RegistrationStep, message: UserText, field?: string): Refusal => ({
      outcome: 'refused',
      step,
      message,
      ...(field === undefined ? {} : { field }),
    });

    const price = async (
      form: RegistrationForm,
      cardSystemId: number,
    ): Promise<{ outcome: 'price'; priceCents: number; label: string; description?: string } | Refusal> => {
      const query = {
        postalCode: form.abroad ? '0000' : form.postalCode.trim(),
        dateOfBirth: form.dateOfBirth,
        cardType: form.cardType,
        ...(form.socialTariff ? { socialTariff: true } : {}),
        ...(form.voucher.trim() === '' ? {} : { voucher: form.voucher.trim() }),
      };
      let r;
      try {
        r = await client.http.GET('/passholders/membership-prices/{cardSystemId}', {
          params: { path: { cardSystemId }, query: query as never },
        });
      } catch {
        return refusal('payment', OFFLINE);
      }
      if (r.response.status >= 500 || r.response.status === 429) return refusal('payment', OFFLINE);
      if (r.error !== undefined || r.data === undefined) {
        const p = r.error as Problem | undefined;
        const where = stepForProblem(shortName(p?.type));
        return refusal(where.step, problemText(p, 'De prijs kon niet opgevraagd worden.'), where.field);
      }
      const data = r.data as { price?: unknown; label?: string; description?: string };
      const cents = centsFromApiNumber(data.price);
      if (!cents.ok) return refusal('payment', { nl: 'UiTPAS gaf een onleesbare prijs terug.' });
      return {
        outcome: 'price',
        priceCents: cents.cents,
        label: data.label ?? '',
        ...(data.description ? { description: data.description } : {}),
      };
    };

    const prepare = async (
      draftId: string,
    ): Promise<
      ContractResult<
        | Refusal
        | {
            outcome: 'ready';
            form: RegistrationForm;
            organizerId: string;
            cardSystemId: number;
            priceCents: number;
            price: { outcome: 'price'; priceCents: number; label: string; description?: string };
          }
      >
    > => {
      const form = formOf(draftId);
      if (form === undefined) return refuse('draft-not-found', 'Deze registratie bestaat niet (meer).');
      const organizer = await context.organizer();
      if (!organizer.ok) return organizer;
      const stepProblem = checkRegistrationForm(form, today());
      if (stepProblem && stepProblem.step !== 'payment')
        return ok(refusal(stepProblem.step, { nl: stepProblem.message }, stepProblem.field));
      const cardSystemId = await cardSystemOf(organizer.value.id);
      if (cardSystemId === 'offline') return ok(refusal('payment', OFFLINE));
      if (cardSystemId === undefined)
        return ok(
          refusal('payment', {
            nl: 'Deze balie mag geen nieuwe pashouders registreren (recht PASSHOLDERS_WRITE ontbreekt).',
          }),
        );
      const p = await price(form, cardSystemId);
      if (p.outcome === 'refused') return ok(p);
      return ok({
        outcome: 'ready',
        form,
        organizerId: organizer.value.id,
        cardSystemId,
        priceCents: p.priceCents,
        price: p,
      });
    };

    /** Waits for the engine's verdict on one action, or leaves it underway. */
    const settled = (actionId: string): Promise<RecordedAction | undefined> =>
      new Promise((resolve) => {
        const done = (action: RecordedAction | undefined) => {
          clearTimeout(timer);
          off();
          resolve(action);
        };
        const off = engine.on('action', (action) => {
          if (action.id === actionId && action.state !== 'pending' && action.state !== 'sent') done(action);
        });
        const timer = setTimeout(() => done(ledger.getAction(actionId)), confirmWithinMs);
        const already = ledger.getAction(actionId);
        if (already && !['pending', 'sent'].includes(already.state)) done(already);
      });

    // ---- card stock ----

    const salesPoint = async (): Promise<ContractResult<string>> => {
      const organizer = await context.organizer();
      return organizer.ok ? ok(organizer.value.id) : organizer;
    };
    const thresholdOf = (sp: string) => {
      const raw = ledger.getState(`stock-threshold:${sp}`);
      return raw === undefined ? (options.defaultThreshold ?? 5) : Number(raw);
    };
    const cardsOnHand = (sp: string): string[] => {
      const on = new Set<string>();
      for (const m of ledger.stockMovements(sp)) {
        if (m.uitpasNumber === null) continue;
        if (m.movement === 'received' || m.movement === 'returned') on.add(m.uitpasNumber);
        else if (m.movement === 'issued' || m.movement === 'damaged' || m.movement === 'lost')
          on.delete(m.uitpasNumber);
      }
      return [...on].sort();
    };
    const stockView = (sp: string): StockView => {
      const level = ledger.stockLevel(sp);
      const threshold = thresholdOf(sp);
      return {
        salesPointId: sp,
        level,
        threshold,
        low: level <= threshold,
        cards: cardsOnHand(sp),
        movements: ledger
          .stockMovements(sp)
          .slice(-100)
          .reverse()
          .map((m) => ({
            seq: m.seq,
            movement: m.movement,
            quantity: m.quantity,
            uitpasNumber: m.uitpasNumber,
            staffId: m.staffId,
            note: m.note,
            at: new Date(m.at).toISOString(),
          })),
      };
    };

    // ---- day report ----

    const dayBounds = (day: string) => {
      const w = periodWindow('DAY', new Date(`${day}T12:00:00Z`));
      return { from: w.start?.getTime() ?? 0, to: w.end?.getTime() ?? Number.MAX_SAFE_INTEGER };
    };
    const closedAtOf = (day: string) => {
      const raw = ledger.getState(`day-closed:${day}`);
      return raw === undefined ? null : Number(raw);
    };
    const report = async (day: string): Promise<ContractResult<CommandOutput<'desk.day.report'>>> => {
      const organizer = await context.organizer();
      if (!organizer.ok) return organizer;
      const { from, to } = dayBounds(day);
      const closedAt = closedAtOf(day);
      const actions = ledger.history({ organizerId: organizer.value.id, since: from, limit: 10_000 });
      const ofDay = new Set(actions.filter((a) => a.recordedAt < to).map((a) => a.id));
      // Later undos of this day's actions belong to its report too (as corrections once it is closed).
      const entries: ReportEntry[] = actions
        .filter((a) => a.recordedAt < to || (a.action.type === 'undo' && ofDay.has(a.action.targetActionId)))
        .map((a) => ({ action: a.action, state: a.state, recordedAt: a.recordedAt }))
        .sort((x, y) => x.recordedAt - y.recordedAt);
      const built = buildDayReport(day, entries, closedAt);
      return ok({
        ...built,
        closedAt: closedAt === null ? null : new Date(closedAt).toISOString(),
        corrections: built.corrections.map((c) => ({
          ...c,
          recordedAt: new Date(c.recordedAt).toISOString(),
        })),
        csv: dayReportCsv(built),
      });
    };

    // ---- kansenstatuut ----

    type Holder = {
      id: string;
      firstName: string;
      name: string;
      dateOfBirth: string;
      gender?: string;
      email?: string;
      phoneNumber?: string;
      nationality?: string;
      optInPreferences?: unknown;
      address: Record<string, unknown>;
      cardSystemMemberships?: {
        cardSystem?: { id?: number };
        uitpasNumber?: string;
        currentCard?: { uitpasNumber?: string };
        socialTariff?: {
          status?: 'ACTIVE' | 'EXPIRED' | 'SUSPENDED';
          endDate?: string;
          inGracePeriod?: boolean;
          suspendedUntilDate?: string;
        };
      }[];
    };
    const apiFailure = (error: unknown, response: Response | undefined): ContractResult<never> => {
      if (response === undefined || response.status >= 500)
        return { ok: false, problem: { kind: 'offline', message: OFFLINE_SHORT } };
      const p = error as Problem | undefined;
      return {
        ok: false,
        problem: {
          kind: shortName(p?.type) ?? 'problem',
          ...(p?.type === undefined ? {} : { type: p.type }),
          message: problemText(p, 'UiTPAS weigerde deze wijziging.'),
        },
      };
    };
    const holderOf = async (uitpasNumber: string): Promise<ContractResult<Holder>> => {
      const n = uitpasNumber.replace(/\D/g, '');
      if (!validateUitpasNumber(n).ok) return refuse('invalid-input', 'Dit UiTPAS-nummer klopt niet.');
      const r = await client.http
        .GET('/passholders', { params: { query: { uitpasNumber: n, limit: 1 } } })
        .catch(() => undefined);
      if (r === undefined || r.data === undefined) return apiFailure(r?.error, r?.response);
      const holder = (r.data as { member?: Holder[] }).member?.[0];
      return holder ? ok(holder) : refuse('not-found', 'Geen pashouder met dit UiTPAS-nummer.');
    };
    const kansenstatuutView = (holder: Holder, uitpasNumber: string) => {
      const n = uitpasNumber.replace(/\D/g, '');
      const membership =
        holder.cardSystemMemberships?.find(
          (m) => m.uitpasNumber === n || m.currentCard?.uitpasNumber === n,
        ) ?? holder.cardSystemMemberships?.[0];
      const st = membership?.socialTariff;
      return {
        uitpasNumber: n,
        firstName: holder.firstName,
        status: st?.status ?? ('NONE' as const),
        ...(st?.endDate === undefined ? {} : { endDate: st.endDate }),
        inGracePeriod: st?.inGracePeriod === true,
        ...(st?.suspendedUntilDate === undefined ? {} : { suspendedUntilDate: st.suspendedUntilDate }),
      };
    };

    /**
     * Records a desk write with its outbox row (and the stock movement of a card it hands out) in one
     * transaction, lets the engine send it and waits a while for UiTPAS's answer. A refusal undoes the
     * stock movement and is shown to staff now, which is its review.
     */
    const write = async (
      action: LocalAction,
      card: { salesPointId: string; uitpasNumber: string } | undefined,
    ): Promise<ContractResult<{ state: 'done' | 'queued'; recorded: RecordedAction | undefined }>> => {
      let recordError: string | undefined;
      try {
        ledger.db
          .transaction(() => {
            const recorded = ledger.record(action);
            if (!recorded.ok) {
              recordError = recorded.error.message;
              throw new Error('record failed');
            }
            if (card !== undefined)
              ledger.recordStockMovement({
                ...card,
                movement: 'issued',
                quantity: 1,
                actionId: action.id,
                ...who,
              });
          })
          .immediate();
      } catch {
        return refuse(
          'storage',
          recordError ?? 'De wijziging kon niet lokaal bewaard worden. Probeer opnieuw.',
        );
      }
      engine.wake();
      const outcome = await verdict(action.id);
      if (outcome?.state === 'rejected') {
        ledger.markReviewed(action.id, who.staffId, who.stationId);
        if (card !== undefined)
          ledger.recordStockMovement({
            ...card,
            movement: 'returned',
            quantity: 1,
            actionId: action.id,
            ...who,
            note: 'geweigerd door UiTPAS',
          });
        const p = outcome.lastProblem;
        return {
          ok: false,
          problem: {
            kind: shortName(p?.type ?? p?.problem?.type) ?? 'rejected',
            ...(p?.type === undefined ? {} : { type: p.type }),
            message: p?.problem
              ? problemText(p.problem, p.message)
              : { nl: outcome.endUserMessage ?? p?.message ?? 'UiTPAS weigerde deze wijziging.' },
          },
        };
      }
      const done = outcome?.state === 'confirmed' || outcome?.state === 'reconciled';
      return ok({ state: done ? 'done' : 'queued', recorded: outcome });
    };

    /** The engine's verdict, or the action as it stands once the engine had to put it aside for later. */
    const verdict = (actionId: string): Promise<RecordedAction | undefined> =>
      new Promise((resolve) => {
        const check = () => {
          const a = ledger.getAction(actionId);
          if (a === undefined) return;
          const final = ['confirmed', 'rejected', 'reconciled'].includes(a.state);
          const waiting = a.attempts > 0 && (a.state === 'pending' || a.state === 'uncertain');
          if (final || waiting) done(a);
        };
        const done = (a: RecordedAction | undefined) => {
          clearTimeout(timer);
          offAction();
          offStatus();
          resolve(a);
        };
        const offAction = engine.on('action', (a) => {
          if (a.id === actionId) check();
        });
        const offStatus = engine.on('status', check);
        const timer = setTimeout(() => done(ledger.getAction(actionId)), confirmWithinMs);
        check();
      });

    const QUEUED: UserText = {
      nl: 'Bewaard en in de wachtrij: UiTPAS antwoordde nog niet. De kassa verstuurt het zodra de verbinding er is; volg het op in de geschiedenis.',
      fr: "Enregistré et en file d'attente : UiTPAS n'a pas encore répondu. Le poste l'enverra dès que la connexion sera rétablie ; suivez-le dans l'historique.",
      en: 'Saved and queued: UiTPAS has not answered yet. The station sends it as soon as the connection is back; follow it in the history.',
    };

    const membershipOf = (holder: Holder, uitpasNumber: string) =>
      holder.cardSystemMemberships?.find(
        (m) => m.uitpasNumber === uitpasNumber || m.currentCard?.uitpasNumber === uitpasNumber,
      );

    const history = async (): Promise<ContractResult<HistoryItem[]>> => {
      const organizer = await context.organizer();
      if (!organizer.ok) return organizer;
      const day = today();
      const { from } = dayBounds(day);
      const closed = closedAtOf(day) !== null;
      const actions = ledger
        .history({ organizerId: organizer.value.id, since: from, limit: 500 })
        .filter((a) => a.stationId === who.stationId);
      const undone = new Set(
        actions.flatMap((a) =>
          a.action.type === 'undo' && a.state !== 'rejected' ? [a.action.targetActionId] : [],
        ),
      );
      return ok(
        actions.map((a) => ({
          actionId: a.id,
          type: a.type,
          summary: summarise(a.action),
          staffId: a.staffId,
          stationId: a.stationId,
          createdAt: a.createdAt,
          state: a.state,
          undone: undone.has(a.id),
          undoable: !closed && UNDOABLE.has(a.type) && a.state !== 'rejected' && !undone.has(a.id),
        })),
      );
    };

    return {
      'desk.drafts.list': async () =>
        ok({
          drafts: ledger.listDrafts('draft').map((d) => {
            const form = registrationFormSchema.safeParse(d.form);
            const label = form.success ? `${form.data.firstName} ${form.data.name}`.trim() : '';
            return {
              draftId: d.id,
              label: label === '' ? 'Nieuwe registratie' : label,
              step: form.success ? form.data.step : 'personal',
              updatedAt: new Date(d.updatedAt).toISOString(),
            };
          }),
        }),

      'desk.draft.open': async (input) => {
        if (input.draftId !== undefined) {
          const draft = ledger.getDraft(input.draftId);
          if (draft === undefined || draft.state !== 'draft')
            return refuse('draft-not-found', 'Deze registratie is al verstuurd of bestaat niet.');
          return ok({
            draftId: draft.id,
            form: formOf(draft.id) ?? emptyRegistrationForm(),
            updatedAt: new Date(draft.updatedAt).toISOString(),
          });
        }
        const form = emptyRegistrationForm();
        let card = input.uitpasNumber;
        if (card === undefined && input.chipNumber !== undefined) {
          const r = await client.http
            .GET('/cards', { params: { query: { chipNumber: input.chipNumber } } })
            .catch(() => undefined);
          card = (r?.data as { uitpasNumber?: string } | undefined)?.uitpasNumber;
        }
        if (card !== undefined && validateUitpasNumber(card).ok) form.uitpasNumber = card;
        const draft = ledger.saveDraft({ id: randomUUID(), ...who, form });
        return ok({ draftId: draft.id, form, updatedAt: new Date(draft.updatedAt).toISOString() });
      },

      'desk.draft.save': async (input) => {
        const existing = ledger.getDraft(input.draftId);
        if (existing === undefined || existing.state !== 'draft')
          return refuse(
            'draft-not-found',
            'Deze registratie is al verstuurd en kan niet meer gewijzigd worden.',
          );
        const saved = ledger.saveDraft({ id: input.draftId, ...who, form: input.form });
        return ok({ draftId: saved.id, updatedAt: new Date(saved.updatedAt).toISOString() });
      },

      'desk.draft.abandon': async (input) => {
        if (!ledger.abandonDraft(input.draftId, who.staffId, who.stationId))
          return refuse('draft-not-found', 'Deze registratie bestaat niet (meer).');
        return ok({ draftId: input.draftId });
      },

      'desk.registration.price': async (input) => {
        const ready = await prepare(input.draftId);
        if (!ready.ok) return ready;
        const v = ready.value;
        return ok(v.outcome === 'refused' ? v : v.price);
      },

      'desk.registration.submit': async (input) => {
        const ready = await prepare(input.draftId);
        if (!ready.ok) return ready;
        if (ready.value.outcome === 'refused') return ok(ready.value);
        const { form, organizerId, cardSystemId, priceCents } = ready.value;
        if (form.paymentMethod === '')
          return ok(refusal('payment', { nl: 'Kies hoe er betaald werd.' }, 'paymentMethod'));
        const passholder = passholderFromForm(form, cardSystemId);
        if (!passholder.ok) return ok(refusal(passholder.problem.step, { nl: passholder.problem.message }));
        const created = createAction(
          { ...who, organizerId, now: now() },
          {
            type: 'registration',
            passholder: passholder.value,
            paymentMethod: form.paymentMethod,
            priceCents,
          },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const action = created.value;
        const card = passholder.value.registrationUitpasNumber;
        // The action, its outbox row, the draft's link to it and the card leaving the drawer: one commit.
        let recordError: string | undefined;
        try {
          ledger.db
            .transaction(() => {
              const recorded = ledger.record(action, {
                auditDetail: { draftId: input.draftId, paymentMethod: form.paymentMethod, priceCents },
              });
              if (!recorded.ok) {
                recordError = recorded.error.message;
                throw new Error('record failed');
              }
              ledger.markDraftSubmitted(input.draftId, action.id, who.staffId, who.stationId);
              if (card !== undefined)
                ledger.recordStockMovement({
                  salesPointId: organizerId,
                  movement: 'issued',
                  quantity: 1,
                  uitpasNumber: card,
                  actionId: action.id,
                  ...who,
                });
            })
            .immediate();
        } catch {
          return refuse(
            'storage',
            recordError ?? 'De registratie kon niet lokaal bewaard worden. Probeer opnieuw.',
          );
        }
        engine.wake();
        const outcome = await settled(action.id);
        if (outcome === undefined || ['pending', 'sent', 'uncertain'].includes(outcome.state)) {
          return ok({
            outcome: 'pending' as const,
            actionId: action.id,
            message: {
              nl: 'De registratie is bewaard en verstuurd; UiTPAS heeft nog niet geantwoord. Ze staat in de wachtrij en wordt gecontroleerd.',
            },
          });
        }
        if (outcome.state === 'rejected') {
          const p = outcome.lastProblem;
          const where = stepForProblem(shortName(p?.type ?? p?.problem?.type));
          // Staff see the refusal on the step right now: that is its review. The form comes back as a new
          // draft (the old one stays linked to the refused action) with the card back in the drawer.
          ledger.markReviewed(action.id, who.staffId, who.stationId);
          if (card !== undefined)
            ledger.recordStockMovement({
              salesPointId: organizerId,
              movement: 'returned',
              quantity: 1,
              uitpasNumber: card,
              actionId: action.id,
              ...who,
              note: 'registratie geweigerd',
            });
          const again = ledger.saveDraft({ id: randomUUID(), ...who, form: { ...form, step: where.step } });
          return ok({
            ...refusal(
              where.step,
              p?.problem
                ? problemText(p.problem, p.message)
                : { nl: outcome.endUserMessage ?? p?.message ?? 'UiTPAS weigerde de registratie.' },
              where.field,
            ),
            draftId: again.id,
          });
        }
        const result = (outcome.result ?? {}) as { id?: string; uitpasNumber?: string };
        const rewards = await client.getRewards({ organizerId }).catch(() => undefined);
        const welcomeRewards =
          rewards?.ok === true
            ? (rewards.value.member as { id?: unknown; title?: unknown; type?: unknown }[])
                .filter((r) => r.type === 'WELCOME')
                .map((r) => ({ id: String(r.id), title: String(r.title ?? '') }))
            : [];
        return ok({
          outcome: 'registered' as const,
          actionId: action.id,
          passholderId: result.id ?? outcome.serverIds[0] ?? '',
          uitpasNumber: result.uitpasNumber ?? card ?? '',
          priceCents,
          paymentMethod: form.paymentMethod,
          welcomeRewards,
        });
      },

      'desk.stock.get': async () => {
        const sp = await salesPoint();
        return sp.ok ? ok(stockView(sp.value)) : sp;
      },

      'desk.stock.receive': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        let numbers: string[];
        if (input.uitpasNumbers !== undefined) numbers = input.uitpasNumbers.map((n) => n.replace(/\D/g, ''));
        else if (input.from !== undefined && input.to !== undefined) {
          const from = input.from.replace(/\D/g, '');
          const to = input.to.replace(/\D/g, '');
          if (!validateUitpasNumber(from).ok || !validateUitpasNumber(to).ok)
            return refuse('invalid-range', 'Begin en einde van de reeks moeten geldige UiTPAS-nummers zijn.');
          // A range runs over the serial (the first 11 digits); digit 12 (kansenstatuut) stays that of the
          // first card and the check digit follows.
          const a = BigInt(from.slice(0, 11));
          const b = BigInt(to.slice(0, 11));
          if (b < a || b - a >= 1000n)
            return refuse(
              'invalid-range',
              'Een reeks loopt van klein naar groot en telt hoogstens 1000 kaarten.',
            );
          numbers = [];
          for (let n = a; n <= b; n++) {
            const first12 = `${n.toString().padStart(11, '0')}${from[11]}`;
            numbers.push(`${first12}${uitpasCheckDigit(first12)}`);
          }
        } else return refuse('invalid-range', 'Geef een reeks (van – tot) of scan de kaarten.');
        const bad = numbers.find((n) => !validateUitpasNumber(n).ok);
        if (bad !== undefined) return refuse('invalid-card', `${bad} is geen geldig UiTPAS-nummer.`);
        const onHand = new Set(cardsOnHand(sp.value));
        const already = numbers.filter((n) => onHand.has(n));
        if (already.length > 0)
          return refuse('already-in-stock', `Al in de voorraad: ${already.slice(0, 5).join(', ')}.`);
        ledger.db.transaction(() => {
          for (const n of numbers)
            ledger.recordStockMovement({
              salesPointId: sp.value,
              movement: 'received',
              quantity: 1,
              uitpasNumber: n,
              ...who,
            });
        })();
        return ok(stockView(sp.value));
      },

      'desk.stock.damaged': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const n = input.uitpasNumber.replace(/\D/g, '');
        if (!cardsOnHand(sp.value).includes(n))
          return refuse('not-in-stock', `Kaart ${n} zit niet in de voorraad van deze balie.`);
        ledger.recordStockMovement({
          salesPointId: sp.value,
          movement: 'damaged',
          quantity: 1,
          uitpasNumber: n,
          ...who,
          ...(input.note === undefined ? {} : { note: input.note }),
        });
        return ok(stockView(sp.value));
      },

      'desk.stock.count': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const difference = input.counted - ledger.stockLevel(sp.value);
        if (difference !== 0)
          ledger.recordStockMovement({
            salesPointId: sp.value,
            movement: 'correction',
            quantity: difference,
            ...who,
            note: `geteld: ${input.counted}`,
          });
        return ok(stockView(sp.value));
      },

      'desk.stock.threshold': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        ledger.setState(`stock-threshold:${sp.value}`, String(input.threshold));
        return ok(stockView(sp.value));
      },

      'desk.day.report': async (input) => report(input.day ?? today()),

      'desk.day.close': async (input) => {
        if (closedAtOf(input.day) === null) {
          ledger.setState(`day-closed:${input.day}`, String(now().getTime()));
          ledger.audit({ ...who, event: 'day:closed', detail: { day: input.day } });
        }
        return report(input.day);
      },

      'desk.kansenstatuut.get': async (input) => {
        const holder = await holderOf(input.uitpasNumber);
        return holder.ok ? ok(kansenstatuutView(holder.value, input.uitpasNumber)) : holder;
      },

      'desk.kansenstatuut.set': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const holder = await holderOf(input.uitpasNumber);
        if (!holder.ok) return holder;
        if (input.endDate < today())
          return refuse('invalid-input', 'De einddatum kan niet in het verleden liggen.');
        const n = input.uitpasNumber.replace(/\D/g, '');
        const created = createAction(
          { ...who, organizerId: sp.value, now: now() },
          {
            type: 'kansenstatuut-set',
            passholderId: holder.value.id,
            uitpasNumber: n,
            endDate: input.endDate,
          },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const w = await write(created.value, undefined);
        if (!w.ok) return w;
        const after = w.value.state === 'done' ? await holderOf(n) : holder;
        const view = kansenstatuutView(after.ok ? after.value : holder.value, n);
        return ok({
          ...view,
          actionId: created.value.id,
          state: w.value.state,
          message:
            w.value.state === 'done'
              ? {
                  nl: `Kansenstatuut bijgewerkt tot ${input.endDate}.`,
                  fr: `Statut d'opportunité mis à jour jusqu'au ${input.endDate}.`,
                  en: `Social tariff updated until ${input.endDate}.`,
                }
              : QUEUED,
        });
      },

      'desk.card.replace': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const holder = await holderOf(input.uitpasNumber);
        if (!holder.ok) return holder;
        const old = input.uitpasNumber.replace(/\D/g, '');
        const fresh = input.newUitpasNumber.replace(/\D/g, '');
        if (!validateUitpasNumber(fresh).ok)
          return refuse('invalid-input', 'Het nummer van de nieuwe kaart klopt niet.');
        if (!cardsOnHand(sp.value).includes(fresh))
          return refuse('not-in-stock', `Kaart ${fresh} zit niet in de voorraad van deze balie.`);
        const cardSystemId = membershipOf(holder.value, old)?.cardSystem?.id;
        if (cardSystemId === undefined)
          return refuse('not-found', 'Deze kaart hoort bij geen lidmaatschap van de pashouder.');
        const created = createAction(
          { ...who, organizerId: sp.value, now: now() },
          {
            type: 'card-replace',
            passholderId: holder.value.id,
            cardSystemId,
            oldUitpasNumber: old,
            newUitpasNumber: fresh,
            reason: input.reason,
          },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const w = await write(created.value, { salesPointId: sp.value, uitpasNumber: fresh });
        if (!w.ok) return w;
        const pass = w.value.state === 'done' ? await client.getPass(fresh) : undefined;
        return ok({
          uitpasNumber: fresh,
          points: pass?.ok ? pass.value.points : 0,
          actionId: created.value.id,
          state: w.value.state,
          message:
            w.value.state === 'done'
              ? {
                  nl: `Kaart ${old} is vervangen door ${fresh}; de punten blijven behouden.`,
                  fr: `La carte ${old} est remplacée par ${fresh} ; les points sont conservés.`,
                  en: `Card ${old} was replaced by ${fresh}; the points are kept.`,
                }
              : QUEUED,
        });
      },

      'desk.card.block': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const holder = await holderOf(input.uitpasNumber);
        if (!holder.ok) return holder;
        const n = input.uitpasNumber.replace(/\D/g, '');
        const membership = membershipOf(holder.value, n);
        const cardSystemId = membership?.cardSystem?.id;
        if (cardSystemId === undefined)
          return refuse('not-found', 'Deze kaart hoort bij geen lidmaatschap van de pashouder.');
        const created = createAction(
          { ...who, organizerId: sp.value, now: now() },
          {
            type: 'card-block',
            passholderId: holder.value.id,
            cardSystemId,
            uitpasNumber: n,
            reason: input.reason,
            ...(input.note === undefined || input.note.trim() === '' ? {} : { note: input.note.trim() }),
          },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const w = await write(created.value, undefined);
        if (!w.ok) return w;
        return ok({
          actionId: created.value.id,
          state: w.value.state,
          message:
            w.value.state === 'done'
              ? {
                  nl: `Kaart ${n} is geblokkeerd. De pashouder houdt lidmaatschap en punten op een digitale pas; geef een nieuwe kaart mee via "Kaart vervangen".`,
                  fr: `La carte ${n} est bloquée. Le titulaire garde son affiliation et ses points sur un pass numérique ; remettez une nouvelle carte via « Remplacer la carte ».`,
                  en: `Card ${n} is blocked. The pass holder keeps the membership and points on a digital pass; hand out a new card with "Replace card".`,
                }
              : QUEUED,
        });
      },

      'desk.membership.add': async (input) => {
        const sp = await salesPoint();
        if (!sp.ok) return sp;
        const holder = await holderOf(input.uitpasNumber);
        if (!holder.ok) return holder;
        const n = input.uitpasNumber.replace(/\D/g, '');
        if (holder.value.cardSystemMemberships?.some((m) => m.cardSystem?.id === input.cardSystemId))
          return refuse(
            'already-member',
            'De pashouder is al lid van dit kaartsysteem. Een nieuwe kaart geeft u via "Kaart vervangen".',
          );
        const card = input.newUitpasNumber?.replace(/\D/g, '');
        if (card !== undefined && !cardsOnHand(sp.value).includes(card))
          return refuse('not-in-stock', `Kaart ${card} zit niet in de voorraad van deze balie.`);
        const created = createAction(
          { ...who, organizerId: sp.value, now: now() },
          {
            type: 'membership-add',
            passholderId: holder.value.id,
            uitpasNumber: n,
            cardSystemId: input.cardSystemId,
            ...(card === undefined ? {} : { newUitpasNumber: card }),
          },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const w = await write(
          created.value,
          card === undefined ? undefined : { salesPointId: sp.value, uitpasNumber: card },
        );
        if (!w.ok) return w;
        let number = card;
        if (w.value.state === 'done' && number === undefined) {
          const after = await holderOf(n);
          const m = after.ok
            ? after.value.cardSystemMemberships?.find((x) => x.cardSystem?.id === input.cardSystemId)
            : undefined;
          number = m?.currentCard?.uitpasNumber ?? m?.uitpasNumber;
        }
        return ok({
          ...(number === undefined ? {} : { uitpasNumber: number }),
          actionId: created.value.id,
          state: w.value.state,
          message:
            w.value.state === 'done'
              ? {
                  nl: `Lidmaatschap toegevoegd${number ? ` (pas ${number})` : ''}.`,
                  fr: `Affiliation ajoutée${number ? ` (pass ${number})` : ''}.`,
                  en: `Membership added${number ? ` (pass ${number})` : ''}.`,
                }
              : QUEUED,
        });
      },

      'desk.cardSystems': async () => {
        const r = await client.http.GET('/card-systems', {}).catch(() => undefined);
        if (r === undefined || r.data === undefined) return apiFailure(r?.error, r?.response);
        const list = (r.data as { member?: { id?: number; name?: string }[] }).member ?? [];
        return ok({
          cardSystems: list.flatMap((c) =>
            typeof c.id === 'number' ? [{ id: c.id, name: c.name ?? String(c.id) }] : [],
          ),
        });
      },

      'desk.history': async () => {
        const items = await history();
        return items.ok ? ok({ items: items.value }) : items;
      },

      'desk.undo': async (input) => {
        const target = ledger.getAction(input.actionId);
        if (target === undefined) return refuse('not-found', 'Deze handeling bestaat niet.');
        const items = await history();
        if (!items.ok) return items;
        const item = items.value.find((i) => i.actionId === input.actionId);
        if (item === undefined)
          return refuse(
            'not-today',
            'Alleen de handelingen van vandaag op deze balie kunnen geannuleerd worden.',
          );
        if (!item.undoable)
          return refuse(
            'not-undoable',
            item.undone
              ? 'Deze handeling werd al geannuleerd.'
              : closedAtOf(today()) !== null
                ? 'De dag is afgesloten: handelingen van vandaag kunnen niet meer geannuleerd worden.'
                : 'Deze handeling kan niet geannuleerd worden.',
          );
        const created = createAction(
          { ...who, organizerId: target.organizerId, now: now() },
          { type: 'undo', targetActionId: target.id, targetType: target.type as 'checkin' },
        );
        if (!created.ok) return refuse('invalid-input', created.error.message);
        const recorded = ledger.record(created.value, { auditDetail: { target: target.id } });
        if (!recorded.ok) return refuse(recorded.error.kind, recorded.error.message);
        engine.wake();
        return ok({
          undoActionId: created.value.id,
          message: { nl: `Geannuleerd: ${item.summary}.`, en: `Undone: ${item.summary}.` },
        });
      },
    };
  };
}

export type { DeskHandlers };
