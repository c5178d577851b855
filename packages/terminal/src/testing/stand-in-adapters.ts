// In-memory adapters with a handful of fixed passes: enough to exercise the contract and the hosts
// deterministically. They are NOT the product's data path (that is @uitpas/sync against the API); use them
// only where a test is about transport, routing or screens, never about the API.
import type { PassholderView, SyncStatus } from '@uitpas/domain';
import { ReaderHub, SimulatedSource } from '@uitpas/reader-driver';
import type { PassLookup, TerminalAdapters } from '../adapters.ts';
import { cardReadsFromHub } from '../readers.ts';

export const STAND_IN = {
  organizer: { id: 'org-demo', name: 'Cultuurcentrum Demo' },
  passholder: {
    passholderId: 'ph-1',
    uitpasNumber: '0900000095902',
    firstName: 'Anna',
    name: 'Peeters',
    points: 12,
    postalCode: '9900',
    socialTariff: { status: 'ACTIVE', endDate: '2027-04-30T21:59:00Z' },
    messages: [{ level: 'WARN', text: 'Je sociaal tarief vervalt binnenkort.' }],
  } satisfies PassholderView,
  otherPassholder: {
    passholderId: 'ph-2',
    uitpasNumber: '1000000520006',
    firstName: 'Bram',
    name: 'Claes',
    points: 3,
    socialTariff: { status: 'NONE' },
    messages: [],
  } satisfies PassholderView,
  chipOfPassholder: '04784CDAEE3880',
  groupPass: '0900000045410',
  blockedPass: '0900000031618',
  blankCard: '04D0AB6AF85C80',
  event: {
    id: 'evt-1',
    name: 'Voorstelling: De Kleine Prins',
    startDate: '2026-11-24T19:00:00+01:00',
    prices: [{ name: 'Basistarief', regularPriceCents: 1200 }],
  },
} as const;

export interface StandInAdapters extends TerminalAdapters {
  checkinsRecorded: { eventId: string; uitpasNumber: string }[];
  /** Lets a test hold a lookup to reproduce a slow API. */
  holdLookups(): () => void;
  /** The real reader hub with a simulated reader; stop it when done. */
  hub: ReaderHub;
  simulator: SimulatedSource;
}

export function createStandInAdapters(): StandInAdapters {
  const checkinsRecorded: { eventId: string; uitpasNumber: string }[] = [];
  let gate: Promise<void> | undefined;
  const simulator = new SimulatedSource({ readers: ['sim-1'] });
  const hub = new ReaderHub({ sources: [simulator] });
  const sync: SyncStatus = { online: true, queueDepth: 0, draining: false, needsReview: 0 };

  const lookup = (value: string): PassLookup => {
    if (value === STAND_IN.passholder.uitpasNumber || value === STAND_IN.chipOfPassholder) {
      return { kind: 'passholder', pass: STAND_IN.passholder };
    }
    if (value === STAND_IN.otherPassholder.uitpasNumber)
      return { kind: 'passholder', pass: STAND_IN.otherPassholder };
    if (value === STAND_IN.groupPass) {
      return {
        kind: 'group-pass',
        pass: { groupPassId: 'gp-1', uitpasNumber: value, name: 'Jeugdhuis De Schakel', messages: [] },
      };
    }
    if (value === STAND_IN.blockedPass) return { kind: 'blocked', cardStatus: 'BLOCKED' };
    if (value === STAND_IN.blankCard) return { kind: 'blank-card', chipNumber: value };
    return { kind: 'not-found' };
  };

  void hub.start();
  return {
    hub,
    simulator,
    checkinsRecorded,
    holdLookups() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    passes: {
      async lookup(query) {
        if (gate) await gate;
        return { ok: true, value: lookup(query.value) };
      },
    },
    activities: {
      async list() {
        return {
          ok: true,
          value: {
            activities: [{ ...STAND_IN.event, prices: [...STAND_IN.event.prices] }],
            fetchedAt: new Date().toISOString(),
          },
        };
      },
    },
    checkins: {
      async checkin(request) {
        checkinsRecorded.push({ eventId: request.eventId, uitpasNumber: request.uitpasNumber });
        return {
          ok: true,
          value: {
            actionId: `00000000-0000-4000-8000-${String(checkinsRecorded.length).padStart(12, '0')}`,
            eventId: request.eventId,
            state: 'confirmed',
            points: 1,
            message: { nl: '1 punt gespaard.', fr: '1 point épargné.', en: '1 point saved.' },
          },
        };
      },
    },
    ticketSales: {
      async tariffs(request) {
        return {
          ok: true,
          value: request.prices.map((price) => ({
            regularPriceCents: price.regularPriceCents,
            regularPriceLabel: price.name,
            tariffs: [
              {
                id: 'SOCIALTARIFF',
                name: 'Kansentarief',
                priceCents: Math.round(price.regularPriceCents / 4),
                type: 'SOCIALTARIFF' as const,
                remaining: 2,
              },
            ],
          })),
        };
      },
      async register(request) {
        return {
          ok: true,
          value: {
            actionId: '00000000-0000-4000-8000-100000000000',
            eventId: request.eventId,
            state: 'confirmed',
            tickets: request.sales.length,
            totalCents: request.sales.reduce((sum, sale) => sum + sale.tariffPriceCents, 0),
            message: { nl: 'Verkoop geregistreerd.' },
          },
        };
      },
    },
    undo: {
      async undo(request) {
        return {
          ok: true,
          value: {
            actionId: `undo-${request.targetActionId}`,
            state: 'confirmed',
            message: { nl: 'Ongedaan gemaakt.' },
          },
        };
      },
    },
    sync: { current: () => sync, subscribe: () => () => {} },
    readers: cardReadsFromHub(hub, simulator),
    async organizers() {
      return { ok: true, value: [STAND_IN.organizer] };
    },
  };
}
