import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyboardWedgeDetector, type WedgeKey, type WedgeResult } from '../src/keyboard-wedge.ts';

/** Keys as a scanner types them: `gap` ms apart, then the terminator. */
function typed(text: string, gap = 10, start = 1000, end = 'Enter'): WedgeKey[] {
  const keys = [...text].map((key, i) => ({ key, time: start + i * gap }));
  return [...keys, { key: end, time: start + text.length * gap }];
}

function run(detector: KeyboardWedgeDetector, keys: WedgeKey[]): WedgeResult[] {
  return keys.map((k) => detector.handleKey(k)).filter((r) => r.type !== 'none');
}

describe('KeyboardWedgeDetector', () => {
  it('turns a fast burst ending in Enter into a classified CardRead', () => {
    const [result] = run(new KeyboardWedgeDetector(), typed('0900000095902'));
    expect(result).toMatchObject({
      type: 'read',
      read: { kind: 'uitpas', value: '0900000095902', source: 'keyboard' },
    });
  });

  it('ends a scan on Tab and normalises chip numbers to uppercase', () => {
    const [result] = run(new KeyboardWedgeDetector(), typed('04a1b2c3d4e5f6', 5, 0, 'Tab'));
    expect(result).toMatchObject({ type: 'read', read: { kind: 'chip', value: '04A1B2C3D4E5F6' } });
  });

  it('ignores Shift between characters', () => {
    const keys: WedgeKey[] = [];
    let t = 0;
    for (const c of '04A1B2C3') {
      if (/[A-Z]/.test(c)) keys.push({ key: 'Shift', time: (t += 3) });
      keys.push({ key: c, time: (t += 3) });
    }
    keys.push({ key: 'Enter', time: t + 3 });
    expect(run(new KeyboardWedgeDetector(), keys)).toMatchObject([
      { type: 'read', read: { value: '04A1B2C3' } },
    ]);
  });

  it('does not take human typing (gaps above the maximum) as a scan', () => {
    expect(run(new KeyboardWedgeDetector(), typed('0900000095902', 120))).toEqual([]);
  });

  it('honours a configured maximum gap', () => {
    const d = new KeyboardWedgeDetector({ maxGapMs: 150 });
    expect(run(d, typed('0900000095902', 120))).toHaveLength(1);
  });

  it('starts over after a slow key, so a scan after typing is still found', () => {
    const keys = [{ key: 'h', time: 0 }, { key: 'i', time: 300 }, ...typed('0900000095902', 10, 1000)];
    expect(run(new KeyboardWedgeDetector(), keys)).toMatchObject([{ type: 'read' }]);
  });

  it('ignores bursts shorter than the minimum length', () => {
    expect(run(new KeyboardWedgeDetector(), typed('1234'))).toEqual([]);
    expect(run(new KeyboardWedgeDetector({ minLength: 3 }), typed('1234'))).toMatchObject([
      { type: 'rejected' },
    ]);
  });

  it('rejects a fast burst that is not a pass, with a readable reason', () => {
    const [result] = run(new KeyboardWedgeDetector(), typed('HELLO-WORLD-123'));
    expect(result?.type).toBe('rejected');
    if (result?.type === 'rejected') expect(result.rejected.reason).toMatch(/UiTPAS/);
  });

  it('leaves keystrokes aimed at input fields alone unless allowed', () => {
    const inField = typed('0900000095902').map((k) => ({ ...k, editable: true }));
    expect(run(new KeyboardWedgeDetector(), inField)).toEqual([]);
    expect(run(new KeyboardWedgeDetector({ allowInEditable: true }), inField)).toHaveLength(1);
    const optedIn = inField.map((k) => ({ ...k, scanAllowed: true }));
    expect(run(new KeyboardWedgeDetector(), optedIn)).toHaveLength(1);
  });

  it('never throws on random keys and timings', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom('Enter', 'Tab', 'Shift', 'Backspace', 'ArrowLeft', '0', '9', 'A', 'f'),
    );
    const event = fc.record({
      key,
      time: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100_000 })),
      editable: fc.boolean(),
      scanAllowed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 200 }),
        fc.integer({ min: 0, max: 500 }),
        (events, maxGapMs) => {
          const d = new KeyboardWedgeDetector({ maxGapMs, minLength: 1 });
          for (const e of events) {
            const r = d.handleKey(e);
            expect(['none', 'read', 'rejected']).toContain(r.type);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
