import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PROBLEM_TYPES,
  appErrorFromProblem,
  canonicalProblemName,
  endUserMessageText,
  fallbackMessage,
  makeProblem,
  parseProblem,
  problemNameFromUri,
  problemSchema,
  problemTypeUri,
  userMessage,
  type ProblemTypeName,
} from './problems.ts';

describe('problem types', () => {
  it('contains the documented types, both spellings included', () => {
    const names: ProblemTypeName[] = [
      'auth/unauthorized',
      'body/invalid-data',
      'url/query-limit-exceeded',
      'uitpas/checkin-not-allowed',
      'uitpas/invalid-uitpas-number',
      'uitpas/invalid-uitpasnumber',
      'uitpas/distributionkey-not-found',
      'uitpas/disributionkey-not-found',
      'uitpas/reward-passholder-points-constraint',
      'uitpas/social-tariff-suspended',
      'uitpas/rate-limited',
    ];
    for (const n of names) expect(PROBLEM_TYPES).toContain(n);
    expect(new Set(PROBLEM_TYPES).size).toBe(PROBLEM_TYPES.length);
  });

  it('maps names to URIs and back', () => {
    for (const name of PROBLEM_TYPES) {
      const uri = problemTypeUri(name);
      expect(uri).toBe(`https://api.publiq.be/probs/${name}`);
      expect(problemNameFromUri(uri)).toBe(name);
    }
    expect(problemNameFromUri('https://api.publiq.be/probs/uitpas/no-such-thing')).toBeUndefined();
    expect(problemNameFromUri('about:blank')).toBeUndefined();
    expect(problemNameFromUri(42)).toBeUndefined();
  });

  it.each(PROBLEM_TYPES)('%s has a Dutch, French and English fallback message', (name) => {
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const m = fallbackMessage(name, lang);
      expect(m.trim().length).toBeGreaterThan(5);
      expect(m).not.toContain('http');
      expect(m).not.toContain(name);
    }
    expect(fallbackMessage(name, 'nl')).not.toBe(fallbackMessage(name, 'fr'));
    expect(fallbackMessage(name, 'de')).toBe(fallbackMessage(name, 'nl'));
  });

  it('treats both spellings of the UiTPAS-number type alike', () => {
    expect(canonicalProblemName('uitpas/invalid-uitpasnumber')).toBe('uitpas/invalid-uitpas-number');
    expect(fallbackMessage('uitpas/invalid-uitpasnumber')).toBe(
      fallbackMessage('uitpas/invalid-uitpas-number'),
    );
  });
});

describe('problem bodies and user messages', () => {
  const sample = {
    type: 'https://api.publiq.be/probs/uitpas/checkin-not-allowed',
    title: 'Checkin not allowed',
    status: 400,
    endUserMessage: {
      nl: 'Deze activiteit is afgelopen, je kan op deze activiteit geen punt meer sparen.',
      fr: 'Cette activité est terminée.',
    },
    somethingNew: { kept: true },
  };

  it('parses a publiq problem and keeps unknown fields', () => {
    const p = parseProblem(sample);
    expect(p).toBeDefined();
    expect(p?.['somethingNew']).toEqual({ kept: true });
    expect(parseProblem({ type: 'x' })).toBeUndefined();
    expect(parseProblem('not json')).toBeUndefined();
    expect(parseProblem(null)).toBeUndefined();
  });

  it('parses the UiTPAS extras', () => {
    const p = problemSchema.parse({
      type: problemTypeUri('uitpas/invalid-card-status'),
      title: 'Invalid card status',
      status: 400,
      cardStatus: 'BLOCKED',
      passholderId: 'abc',
      passType: 'INDIVIDUAL',
      groupPass: false,
      jsonPointer: '/1',
      schemaErrors: [{ jsonPointer: '/0/eventId', error: 'required' }],
    });
    expect(p.cardStatus).toBe('BLOCKED');
    expect(p.schemaErrors?.[0]?.jsonPointer).toBe('/0/eventId');
  });

  it('prefers endUserMessage in the wanted language, then Dutch, then the fallback, then a generic text', () => {
    expect(userMessage(sample, 'fr')).toBe('Cette activité est terminée.');
    expect(userMessage(sample, 'en')).toBe(sample.endUserMessage.nl);
    expect(userMessage({ type: sample.type }, 'nl')).toBe(
      fallbackMessage('uitpas/checkin-not-allowed', 'nl'),
    );
    expect(userMessage({ type: sample.type, endUserMessage: { nl: '  ' } }, 'en')).toBe(
      fallbackMessage('uitpas/checkin-not-allowed', 'en'),
    );
    const unknown = userMessage({ type: 'https://api.publiq.be/probs/uitpas/brand-new' });
    expect(unknown).toMatch(/Er ging iets mis/);
    expect(unknown).not.toContain('http');
  });

  it('reads endUserMessage of 200 responses too', () => {
    expect(endUserMessageText({ nl: 'Je kan maximaal 1 ticket per maand kopen.' }, 'fr')).toBe(
      'Je kan maximaal 1 ticket per maand kopen.',
    );
    expect(endUserMessageText({ nl: 'nl', en: 'en' }, 'en')).toBe('en');
    expect(endUserMessageText(undefined)).toBeUndefined();
    expect(endUserMessageText({ nl: '' })).toBeUndefined();
  });

  it('never shows a raw URI for any type string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (type) => {
        const m = userMessage({ type });
        return m.length > 0 && !m.includes('://');
      }),
    );
  });

  it('builds problems with the documented status and maps them to errors', () => {
    const p = makeProblem('uitpas/reward-not-found');
    expect(p.status).toBe(404);
    expect(p.type).toBe('https://api.publiq.be/probs/uitpas/reward-not-found');
    expect(problemSchema.safeParse(p).success).toBe(true);
    expect(appErrorFromProblem(makeProblem('auth/unauthorized')).kind).toBe('unauthorized');
    expect(appErrorFromProblem(makeProblem('uitpas/rate-limited')).kind).toBe('rate-limited');
    const e = appErrorFromProblem(makeProblem('uitpas/maximum-reached'));
    expect(e).toMatchObject({ kind: 'problem', message: fallbackMessage('uitpas/maximum-reached') });
  });
});
