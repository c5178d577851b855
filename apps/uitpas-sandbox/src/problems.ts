// Problem answers (RFC 7807) as publiq sends them: official type URIs, a developer title, and an
// endUserMessage in nl (always) plus fr and en. Types, statuses and messages come from @uitpas/domain.
import { fallbackMessage, problemStatus, problemTypeUri, type ProblemTypeName } from '@uitpas/domain';

export type ProblemName = ProblemTypeName;

export interface EndUserMessage {
  nl: string;
  fr: string;
  en: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Where the definition documents another status than the type's usual one (event-not-found: 400 on writes). */
const SANDBOX_STATUS: Partial<Record<ProblemName, number>> = {
  'uitpas/event-not-found': 400,
};

/** Technical problems carry no endUserMessage at publiq ("not for errors caused by a technical issue"). */
const TECHNICAL = /^(body|url|header|method)\//;

export const messageOf = (name: ProblemName, nl?: string): EndUserMessage => ({
  nl: nl ?? fallbackMessage(name, 'nl'),
  fr: fallbackMessage(name, 'fr'),
  en: fallbackMessage(name, 'en'),
});

const titleOf = (name: ProblemName): string => {
  const words = (name.split('/').pop() ?? name).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export interface ProblemOptions {
  detail?: string;
  /** Overrides the default end-user message (e.g. a rule's specific reason); `null` sends none. */
  message?: EndUserMessage | null;
  status?: number;
  /** Documented extras such as jsonPointer, cardStatus, passholderId, schemaErrors. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function problem(name: ProblemName, options: ProblemOptions = {}): Reply {
  const status = options.status ?? SANDBOX_STATUS[name] ?? problemStatus(name);
  const message =
    options.message === null
      ? undefined
      : (options.message ?? (TECHNICAL.test(name) ? undefined : messageOf(name)));
  return {
    status,
    contentType: 'application/problem+json',
    ...(options.headers ? { headers: options.headers } : {}),
    body: {
      type: problemTypeUri(name),
      title: titleOf(name),
      status,
      ...(options.detail ? { detail: options.detail } : {}),
      ...(message ? { endUserMessage: message } : {}),
      ...options.extra,
    },
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  contentType: 'application/json',
  ...(headers ? { headers } : {}),
});

export const noContent = (): Reply => ({ status: 204 });
