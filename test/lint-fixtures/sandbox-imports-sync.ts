import { openLedger } from '@uitpas/sync';

export const ledger = openLedger;
