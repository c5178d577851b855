// Decoders for the two report formats a USB barcode scanner sends when node-hid can read it.
// Pure (bytes in, scans out) so recorded reports can test them without a device.

export interface DecodedScan {
  text: string;
}

export interface HidDecoder {
  /** Feed one input report as read from hidraw (report id first when the device numbers its reports). */
  push(report: Uint8Array): { scans: string[]; errors: string[] };
  /** The device went quiet: end whatever is half-received. */
  flush(): { scans: string[]; errors: string[] };
  reset(): void;
}

export interface HidPosLayout {
  /** Report id of the scanned-data input report; `null` when the device does not number its reports. */
  reportId: number | null;
  /** Offset (after the report id) of the byte holding the data length of this report. */
  lengthOffset: number;
  /** Offset of the first data byte; the AIM symbology identifier sits between length and data. */
  dataOffset: number;
  /** Most data bytes one report can hold. */
  maxData: number;
  /** Offset of the flags byte whose bit 0 says "more data follows in the next report". */
  moreFlagOffset: number;
}

/**
 * HID-POS (usage page 0x8C, bar code scanner), in the layout most scanners use for their 64-byte input
 * report: id 2, length, 3 bytes AIM symbology id, up to 56 data bytes, a "more data follows" flag at the
 * end (Access-IS LSR118 manual, appendix B; Honeywell and Zebra "HID POS" modes are alike). Vendors differ
 * in details, so the layout is configurable.
 */
export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 2,
  lengthOffset: 0,
  dataOffset: 4,
  maxData: 56,
  moreFlagOffset: 62,
};

/** Longest scan we assemble from several reports; anything longer is not a pass. */
const MAX_SCAN = 512;

export class HidPosDecoder implements HidDecoder {
  private pending = '';
  constructor(private readonly layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT) {}

  push(report: Uint8Array): { scans: string[]; errors: string[] } {
    const scans: string[] = [];
    const errors: string[] = [];
    let body = report;
    if (this.layout.reportId !== null) {
      if (report[0] !== this.layout.reportId) return { scans, errors };
      body = report.subarray(1);
    }
    const declared = body[this.layout.lengthOffset];
    if (declared === undefined) {
      errors.push('HID-POS-rapport te kort');
      return { scans, errors };
    }
    const available = Math.max(0, Math.min(this.layout.maxData, body.length - this.layout.dataOffset));
    if (declared > available)
      errors.push(`HID-POS-rapport meldt ${declared} bytes maar bevat er ${available}`);
    const data = body.subarray(
      this.layout.dataOffset,
      this.layout.dataOffset + Math.min(declared, available),
    );
    this.pending += latin1(data);
    const more = ((body[this.layout.moreFlagOffset] ?? 0) & 0x01) === 1;
    if (this.pending.length > MAX_SCAN) {
      errors.push('HID-POS-scan te lang');
      this.pending = '';
      return { scans, errors };
    }
    if (!more) {
      const text = stripTerminator(this.pending);
      this.pending = '';
      if (text.length > 0) scans.push(text);
    }
    return { scans, errors };
  }

  /** A scan whose "more data" report never came is incomplete: reject it rather than glue it to the next. */
  flush(): { scans: string[]; errors: string[] } {
    const errors = this.pending.length > 0 ? ['onvolledige HID-POS-scan (vervolgrapport ontbreekt)'] : [];
    this.pending = '';
    return { scans: [], errors };
  }

  reset(): void {
    this.pending = '';
  }
}

/** US layout, HID usage page 0x07 ids 0x04–0x38: [unshifted, shifted]. */
const USAGE_CHARS: Record<number, [string, string]> = (() => {
  const map: Record<number, [string, string]> = {};
  for (let i = 0; i < 26; i++) {
    const c = String.fromCharCode(97 + i);
    map[0x04 + i] = [c, c.toUpperCase()];
  }
  const digits = '1234567890';
  const shiftedDigits = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) map[0x1e + i] = [digits[i] ?? '', shiftedDigits[i] ?? ''];
  const rest: [number, string, string][] = [
    [0x2c, ' ', ' '],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
  ];
  for (const [usage, plain, shifted] of rest) map[usage] = [plain, shifted];
  // Keypad digits: some scanners send these (ids 0x59–0x62 = 1..9, 0).
  for (let i = 0; i < 10; i++) map[0x59 + i] = [digits[i] ?? '', digits[i] ?? ''];
  return map;
})();

const ENTER = new Set([0x28, 0x58]);
const TAB = 0x2b;
const SHIFT_BITS = 0x02 | 0x20;
/** "ErrorRollOver": too many keys at once; the report carries no key information. */
const ROLLOVER = 0x01;

/**
 * Boot-protocol keyboard reports (8 bytes: modifiers, reserved, 6 key usages) from a scanner that
 * presents itself as a raw HID keyboard node-hid may open. A key counts when it appears in a report
 * (it was not down in the previous one); Enter or Tab ends the scan.
 */
export class BootKeyboardDecoder implements HidDecoder {
  private pending = '';
  private down = new Set<number>();
  constructor(private readonly reportId: number | null = null) {}

  push(report: Uint8Array): { scans: string[]; errors: string[] } {
    const scans: string[] = [];
    const errors: string[] = [];
    let body = report;
    if (this.reportId !== null) {
      if (report[0] !== this.reportId) return { scans, errors };
      body = report.subarray(1);
    }
    if (body.length < 3) {
      errors.push('toetsenbordrapport te kort');
      return { scans, errors };
    }
    const modifiers = body[0] ?? 0;
    const keys = [...body.subarray(2, 8)].filter((k) => k !== 0);
    if (keys.includes(ROLLOVER)) return { scans, errors };
    const shifted = (modifiers & SHIFT_BITS) !== 0;
    for (const key of keys) {
      if (this.down.has(key)) continue;
      if (ENTER.has(key) || key === TAB) {
        if (this.pending.length > 0) scans.push(this.pending);
        this.pending = '';
        continue;
      }
      const chars = USAGE_CHARS[key];
      if (chars === undefined) {
        errors.push(`onbekende toets 0x${key.toString(16).padStart(2, '0')}`);
        continue;
      }
      this.pending += shifted ? chars[1] : chars[0];
      if (this.pending.length > MAX_SCAN) {
        errors.push('toetsenbordscan te lang');
        this.pending = '';
      }
    }
    this.down = new Set(keys);
    return { scans, errors };
  }

  /** A scanner configured without an Enter/Tab suffix just stops typing: what it typed is the scan. */
  flush(): { scans: string[]; errors: string[] } {
    const scans = this.pending.length > 0 ? [this.pending] : [];
    this.pending = '';
    return { scans, errors: [] };
  }

  reset(): void {
    this.pending = '';
    this.down.clear();
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Scanners may be set to append CR, LF or Tab even in HID-POS mode. */
function stripTerminator(text: string): string {
  return text.replace(/[\r\n\t\0]+$/, '');
}
