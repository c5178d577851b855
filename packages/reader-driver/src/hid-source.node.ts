// USB barcode scanners that node-hid can open: HID-POS mode (usage page 0x8C) or a raw boot-keyboard
// interface. A scanner in ordinary keyboard mode belongs to the OS (node-hid cannot read it); its scans reach
// the renderer as keystrokes and go through the KeyboardWedgeDetector instead.
// Uses node-hid's async API in a read loop (not the 'data' event, which crashes under Electron: node-hid #540).
import HID from 'node-hid';
import { BootKeyboardDecoder, HidPosDecoder, type HidDecoder, type HidPosLayout } from './hid-decoder.ts';
import type { CardSource, ScanSourceKind, SourceSink } from './types.ts';

export const HID_POS_USAGE_PAGE = 0x8c;

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  product?: string | undefined;
}

export interface HidDeviceHandle {
  read(timeoutMs?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

/** The part of node-hid we use; replaceable because no USB device can be attached in CI. */
export interface HidBackend {
  devices(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceHandle>;
}

export const nodeHidBackend: HidBackend = {
  devices: (vendorId, productId) => HID.devicesAsync(vendorId, productId),
  open: (path) => HID.HIDAsync.open(path),
};

export interface HidScannerOptions {
  vendorId: number;
  productId: number;
  mode: 'hid-pos' | 'boot-keyboard';
  /** Defaults to `hid:<vid>:<pid>` in lowercase hex. */
  readerId?: string;
  /** Interface to use when the scanner offers several (default 0x8C for HID-POS, any for keyboard). */
  usagePage?: number;
  hidPosLayout?: HidPosLayout;
  /** Report id of the keyboard report if the device numbers its reports. */
  keyboardReportId?: number | null;
  /** Wait between looks for the device; each look is a USB enumeration, so not too often. */
  retryMs?: { initial: number; max: number };
  backend?: HidBackend;
}

export class HidScannerSource implements CardSource {
  readonly id: string;
  readonly kind: ScanSourceKind = 'hid';
  private readonly options: HidScannerOptions;
  private readonly backend: HidBackend;
  private readonly retry: { initial: number; max: number };
  private sink: SourceSink | null = null;
  private running = false;
  private device: HidDeviceHandle | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(options: HidScannerOptions) {
    this.options = options;
    this.id = options.readerId ?? `hid:${hex4(options.vendorId)}:${hex4(options.productId)}`;
    this.backend = options.backend ?? nodeHidBackend;
    this.retry = options.retryMs ?? { initial: 1000, max: 10_000 };
  }

  async start(sink: SourceSink): Promise<void> {
    if (this.running) return;
    this.sink = sink;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    const device = this.device;
    this.device = null;
    await device?.close().catch(() => {});
    await this.loop;
    this.sink = null;
  }

  private async run(): Promise<void> {
    let wait = this.retry.initial;
    let lastProblem = '';
    const report = (status: 'absent' | 'error', error: string) => {
      if (error === lastProblem) return;
      lastProblem = error;
      this.sink?.emit({ type: 'reader', readerId: this.id, status, error });
    };
    while (this.running) {
      try {
        const info = await this.find();
        if (info?.path === undefined) {
          report('absent', `Scanner ${this.id} niet gevonden (USB-kabel, modus HID-POS, udev-rechten?)`);
        } else {
          this.device = await this.backend.open(info.path);
          lastProblem = '';
          wait = this.retry.initial;
          this.sink?.emit({ type: 'reader', readerId: this.id, status: 'present' });
          await this.readLoop(this.device);
        }
      } catch (err) {
        if (!this.running) return;
        report(
          'absent',
          `Scanner ${this.id} losgekoppeld of onleesbaar: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const device = this.device;
      this.device = null;
      await device?.close().catch(() => {});
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      wait = Math.min(wait * 2, this.retry.max);
    }
  }

  private async find(): Promise<HidDeviceInfo | undefined> {
    const { vendorId, productId, mode } = this.options;
    const usagePage = this.options.usagePage ?? (mode === 'hid-pos' ? HID_POS_USAGE_PAGE : undefined);
    const all = await this.backend.devices(vendorId, productId);
    return all.find((d) => usagePage === undefined || d.usagePage === usagePage);
  }

  private async readLoop(device: HidDeviceHandle): Promise<void> {
    const decoder: HidDecoder =
      this.options.mode === 'hid-pos'
        ? new HidPosDecoder(this.options.hidPosLayout)
        : new BootKeyboardDecoder(this.options.keyboardReportId ?? null);
    while (this.running && this.device === device) {
      // The timeout lets stop() end the loop; a quiet 250 ms also ends a half-received scan.
      const data = await device.read(250);
      const quiet = data === undefined || data.length === 0;
      const { scans, errors } = quiet ? decoder.flush() : decoder.push(data);
      for (const raw of scans) this.sink?.emit({ type: 'scan', readerId: this.id, raw });
      for (const reason of errors) {
        this.sink?.emit({
          type: 'rejected',
          readerId: this.id,
          raw: quiet ? '' : data.toString('hex'),
          reason,
        });
      }
    }
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
