// What the terminal needs from the outside world, as narrow interfaces. The real implementations come
// from @uitpas/sync (API client, ledger, engine) and @uitpas/reader-driver (ReaderHub); tests and the
// demo may plug in others, but the use cases never know which.
import type {
  Activity,
  CheckinReceipt,
  GroupPassView,
  PassholderView,
  PriceClass,
  TariffOffer,
  TicketSaleReceipt,
  ReaderHealth,
  ContractResult,
  SyncStatus,
  UserText,
} from '@uitpas/domain';

export type IdentifierQuery = { kind: 'uitpas' | 'insz' | 'chip'; value: string };

/** The outcome of looking a pass up (API `GET /passes?identifier=`, or the pass cache offline). */
export type PassLookup =
  | { kind: 'passholder'; pass: PassholderView }
  | { kind: 'group-pass'; pass: GroupPassView }
  | { kind: 'blocked'; cardStatus?: string; message?: UserText }
  | { kind: 'blank-card'; uitpasNumber?: string; chipNumber?: string }
  | { kind: 'not-found'; message?: UserText };

export interface PassDirectory {
  lookup(query: IdentifierQuery): Promise<ContractResult<PassLookup>>;
}

export type ActivityRange = 'today' | '7d' | '30d';

export interface ActivityCatalogue {
  list(query: {
    organizerId: string | undefined;
    range: ActivityRange;
    text?: string;
  }): Promise<ContractResult<{ activities: Activity[]; fetchedAt: string }>>;
}

/** Records a check-in: in the ledger first, then (possibly later) at the API. */
export interface CheckinRecorder {
  checkin(request: {
    eventId: string;
    uitpasNumber: string;
    passholderId: string;
    organizerId: string | undefined;
  }): Promise<ContractResult<CheckinReceipt>>;
}

export interface TicketSaleLine {
  regularPriceCents: number;
  regularPriceLabel: string;
  tariffId: string;
  tariffName: string;
  tariffPriceCents: number;
  /** Sold offline at a tariff reused from an earlier answer (rule 7). */
  provisional?: boolean;
}

/** Kansentarief: tariffs from `GET /tariffs`, sales recorded in the ledger first. */
export interface TicketSales {
  tariffs(request: {
    eventId: string;
    uitpasNumber: string;
    prices: PriceClass[];
  }): Promise<ContractResult<TariffOffer[]>>;
  register(request: {
    eventId: string;
    uitpasNumber: string;
    passholderId: string;
    organizerId: string | undefined;
    /** One entry per ticket. */
    sales: TicketSaleLine[];
  }): Promise<ContractResult<TicketSaleReceipt>>;
}

/** Undo: a compensating action in the ledger (the engine sends the matching DELETE). */
export interface ActionUndo {
  undo(request: {
    targetActionId: string;
    targetType: 'checkin' | 'ticket-sale';
    organizerId: string | undefined;
  }): Promise<ContractResult<{ actionId: string; state: 'confirmed' | 'queued'; message: UserText }>>;
}

export interface SyncStatusSource {
  current(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
}

/** What a reader delivered: a pass identifier, or input that is not one (with the reason in Dutch). */
export type CardInput =
  | { kind: 'chip' | 'uitpas' | 'insz'; value: string; readerId: string }
  | { kind: 'rejected'; reason: string; readerId: string };

export interface CardReads {
  subscribe(listener: (input: CardInput) => void): () => void;
  health(): ReaderHealth[];
  subscribeHealth(listener: (readers: ReaderHealth[]) => void): () => void;
  /** Present only when a simulated reader runs (sandbox, demo, tests). */
  simulateTap?(value: string, readerId?: string): void;
}

export interface Organizer {
  id: string;
  name: string;
  /** PermissionDetail ids this station has for the organizer; absent when the backend does not say. */
  permissions?: string[];
}

export interface TerminalAdapters {
  passes: PassDirectory;
  activities: ActivityCatalogue;
  checkins: CheckinRecorder;
  ticketSales: TicketSales;
  undo: ActionUndo;
  sync: SyncStatusSource;
  readers: CardReads;
  /** Organizers this station may act for (`GET /permissions`); the first is the default. */
  organizers(): Promise<ContractResult<Organizer[]>>;
}
