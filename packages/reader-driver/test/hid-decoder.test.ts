import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BootKeyboardDecoder, HidPosDecoder } from '../src/hid-decoder.ts';
import {
  BOOT_KEYBOARD_CHIP,
  BOOT_KEYBOARD_ROLLOVER,
  BOOT_KEYBOARD_UITPAS,
  HID_POS_MULTI,
  HID_POS_MULTI_TEXT,
  HID_POS_UITPAS,
  bytes,
} from './fixtures/hid-reports.ts';

function feed(decoder: BootKeyboardDecoder | HidPosDecoder, reports: string[]) {
  const scans: string[] = [];
  const errors: string[] = [];
  for (const r of reports) {
    const out = decoder.push(bytes(r));
    scans.push(...out.scans);
    errors.push(...out.errors);
  }
  return { scans, errors };
}

describe('BootKeyboardDecoder', () => {
  it('decodes a UiTPAS barcode typed as press/release reports', () => {
    expect(feed(new BootKeyboardDecoder(), BOOT_KEYBOARD_UITPAS)).toEqual({
      scans: ['0900000095902'],
      errors: [],
    });
  });

  it('applies Shift for uppercase hex', () => {
    expect(feed(new BootKeyboardDecoder(), BOOT_KEYBOARD_CHIP).scans).toEqual(['04A1B2C3D4E5F6']);
  });

  it('counts rolled-over keys once and ignores ErrorRollOver reports; Tab ends a scan', () => {
    expect(feed(new BootKeyboardDecoder(), BOOT_KEYBOARD_ROLLOVER).scans).toEqual(['0900']);
  });

  it('skips reports of another report id when the device numbers its reports', () => {
    const d = new BootKeyboardDecoder(1);
    const numbered = BOOT_KEYBOARD_UITPAS.map((r) => `01${r}`);
    expect(feed(d, ['02000027000000000000', ...numbered]).scans).toEqual(['0900000095902']);
  });

  it('reports short reports and unknown keys as errors', () => {
    const out = feed(new BootKeyboardDecoder(), ['00', '0000e80000000000']);
    expect(out.scans).toEqual([]);
    expect(out.errors).toHaveLength(2);
  });
});

describe('HidPosDecoder', () => {
  it('decodes a single HID-POS report and drops the AIM symbology id', () => {
    expect(feed(new HidPosDecoder(), HID_POS_UITPAS)).toEqual({ scans: ['0900000095902'], errors: [] });
  });

  it('reassembles a scan spread over several reports', () => {
    const d = new HidPosDecoder();
    const first = d.push(bytes(HID_POS_MULTI[0] ?? ''));
    expect(first.scans).toEqual([]);
    expect(d.push(bytes(HID_POS_MULTI[1] ?? '')).scans).toEqual([HID_POS_MULTI_TEXT]);
  });

  it('clamps a declared length longer than the report and says so', () => {
    const out = new HidPosDecoder().push(bytes('02ff5d4330303132'));
    expect(out.scans).toEqual(['012']);
    expect(out.errors[0]).toMatch(/255/);
  });
});

describe('decoders under random input', () => {
  it('never throw and only return strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 40 }),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
        (reports, reportId) => {
          const decoders = [new BootKeyboardDecoder(reportId), new HidPosDecoder()];
          for (const d of decoders) {
            for (const [i, r] of reports.entries()) {
              const out = i % 7 === 6 ? d.flush() : d.push(r);
              for (const s of [...out.scans, ...out.errors]) expect(typeof s).toBe('string');
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
