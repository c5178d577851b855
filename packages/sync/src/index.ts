// Public API of @uitpas/sync (see README.md). Runs in Node only (the terminal process): it owns the
// device's SQLite file and everything that crosses the network to the UiTPAS API.
export { openLedger, Ledger, laneOf } from './ledger.node.ts';
export type {
  OpenLedgerResult,
  RecordOptions,
  RecordResult,
  RecordProblem,
  LedgerOptions,
} from './ledger.node.ts';
export type { OpenProblem } from './db/connection.node.ts';
export { MIGRATIONS, LATEST_VERSION } from './db/migrations.ts';
export * from './ledger-types.ts';
export { createUitpasClient } from './api/client.ts';
export type { ApiError, ApiResult, UitpasClient, UitpasClientOptions } from './api/client.ts';
export type { AuthConfig, StoredTokens, TokenStore } from './api/auth.ts';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF } from './api/backoff.ts';
export type { BackoffPolicy } from './api/backoff.ts';
export { SyncEngine } from './engine/engine.ts';
export type { SyncEngineOptions, SyncEvents, SyncStatus } from './engine/engine.ts';
export { lookupPass, lookupTariffs } from './lookup.ts';
export type { PassLookup, TariffLookup } from './lookup.ts';
export type {
  Pass,
  Checkin,
  TicketSaleResponse,
  RedeemedReward,
  TariffsResponse,
  CardSystemMembership,
  PassholderRecord,
} from './api/schemas.ts';
export { SecretStore, loadOrCreateKey, encryptSecret, decryptSecret } from './secrets.node.ts';
export { createKioskApi } from './api/kiosk-client.ts';
export type {
  KioskApi,
  KioskApiError,
  KioskApiOptions,
  KioskApiResult,
  KioskCurrentEvent,
  KioskDeviceRecord,
  KioskRewardRecord,
} from './api/kiosk-client.ts';
export { createPkceRequest, authorizeUrl, exchangeAuthorizationCode } from './api/pkce.node.ts';
export type { PkceRequest, SignedInUser, CodeExchange } from './api/pkce.node.ts';
