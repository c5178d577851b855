import { describe, expect, it } from 'vitest';
import { requestMessageSchema, serverMessageSchema } from './index.ts';

describe('terminal contract', () => {
  it('accepts a well-formed identify request', () => {
    const parsed = requestMessageSchema.safeParse({
      kind: 'request',
      id: 1,
      command: { name: 'identify', input: { source: 'typed', value: '0900000095902' } },
    });
    expect(parsed.success).toBe(true);
  });

  it('refuses unknown commands, extra fields and oversized input', () => {
    const bad = [
      { kind: 'request', id: 1, command: { name: 'format-disk', input: {} } },
      { kind: 'request', id: 2, command: { name: 'identify', input: { source: 'typed', value: '1', x: 1 } } },
      {
        kind: 'request',
        id: 3,
        command: { name: 'identify', input: { source: 'typed', value: '1'.repeat(300) } },
      },
      { kind: 'request', id: -1, command: { name: 'station.get', input: {} } },
    ];
    for (const message of bad) expect(requestMessageSchema.safeParse(message).success).toBe(false);
  });

  it('validates events pushed by the terminal', () => {
    const ok = serverMessageSchema.safeParse({
      kind: 'event',
      event: { type: 'identification-cleared', identificationId: 3 },
    });
    expect(ok.success).toBe(true);
    const bad = serverMessageSchema.safeParse({ kind: 'event', event: { type: 'identified' } });
    expect(bad.success).toBe(false);
  });
});
