// One place that turns reader configuration into a running set of sources, for the terminal and the CLI.
import { HidScannerSource, type HidScannerOptions } from './hid-source.node.ts';
import { PcscSource, type PcscSourceOptions } from './pcsc-source.node.ts';
import { ReaderHub } from './reader-hub.ts';
import { SimulatedSource, type SimulatedSourceOptions } from './simulated-source.ts';
import type { CardSource } from './types.ts';

export interface ReaderConfig {
  /** PC/SC NFC readers; on unless `false`. */
  pcsc?: PcscSourceOptions | false;
  /** USB scanners node-hid can read, each chosen by vendor and product id. */
  hid?: HidScannerOptions[];
  /** A scriptable source for demo mode and training; off unless given. */
  simulator?: SimulatedSourceOptions | false;
  minRepeatIntervalMs?: number;
}

export function createReaderHub(config: ReaderConfig = {}): {
  hub: ReaderHub;
  simulator: SimulatedSource | null;
} {
  const sources: CardSource[] = [];
  if (config.pcsc !== false) sources.push(new PcscSource(config.pcsc ?? {}));
  for (const hid of config.hid ?? []) sources.push(new HidScannerSource(hid));
  const simulator = config.simulator ? new SimulatedSource(config.simulator) : null;
  if (simulator) sources.push(simulator);
  const hub = new ReaderHub({
    sources,
    ...(config.minRepeatIntervalMs !== undefined ? { minRepeatIntervalMs: config.minRepeatIntervalMs } : {}),
  });
  return { hub, simulator };
}
