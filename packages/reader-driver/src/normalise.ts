// Turns a raw scan into a CardRead or a ScanRejected, using the domain classifier (one place for the rules).
import { classifyIdentifier, validateChipNumber } from '@uitpas/domain';
import type { CardRead, ScanRejected, ScanSourceKind } from './types.ts';

/** Rejected input is shown to staff and logged: keep it short and printable. */
export const RAW_DISPLAY_LIMIT = 40;

export function displayRaw(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = raw.replace(/[\x00-\x1f\x7f-\x9f]/g, '·');
  return printable.length > RAW_DISPLAY_LIMIT ? `${printable.slice(0, RAW_DISPLAY_LIMIT)}…` : printable;
}

export interface ScanInput {
  raw: string;
  readerId: string;
  source: ScanSourceKind;
  at: number;
  expect?: 'chip';
}

export type NormalisedScan = { ok: true; read: CardRead } | { ok: false; rejected: ScanRejected };

export function normaliseScan(input: ScanInput): NormalisedScan {
  const result = input.expect === 'chip' ? validateChipNumber(input.raw) : classifyIdentifier(input.raw);
  if (result.ok) {
    return {
      ok: true,
      read: {
        kind: result.kind,
        value: result.value,
        readerId: input.readerId,
        source: input.source,
        at: input.at,
      },
    };
  }
  return {
    ok: false,
    rejected: {
      raw: displayRaw(input.raw),
      reason: result.message,
      readerId: input.readerId,
      source: input.source,
      at: input.at,
    },
  };
}
