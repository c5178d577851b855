// Composes a kiosk's terminal from real parts: the device ledger (SQLite) with its secret key, the reader
// hub on PC/SC (and a simulated reader for demos and benchmarks), and the UiTPAS API (or the sandbox).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PcscSource, ReaderHub, SimulatedSource, type CardSource } from '@uitpas/reader-driver';
import { loadOrCreateKey, openLedger } from '@uitpas/sync';
import { createKioskTerminal, type KioskTerminal, type KioskTerminalOptions } from './kiosk-terminal.node.ts';

export interface KioskStationSettings extends Omit<KioskTerminalOptions, 'ledger' | 'secretKey' | 'hub'> {
  /** `pcsc`: real readers through pcscd; `simulator`: a simulated reader only (demo, benchmark). */
  readers: 'pcsc' | 'simulator' | 'both';
  /** Only PC/SC readers whose name matches are used. */
  pcscInclude?: RegExp;
  /** The same card again within this time is one tap (a visitor holding it twice). */
  repeatIntervalMs?: number;
}

export interface KioskStation {
  terminal: KioskTerminal;
  hub: ReaderHub;
  simulator: SimulatedSource | undefined;
  stop(): Promise<void>;
}

export const SIMULATED_READER = 'Gesimuleerde lezer';

export async function startKioskStation(settings: KioskStationSettings): Promise<KioskStation> {
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const opened = openLedger(join(settings.dataDir, 'kiosk.sqlite'));
  if (!opened.ok) throw new Error(`the kiosk's database cannot be opened: ${opened.problem.message}`);
  const key = loadOrCreateKey(join(settings.dataDir, 'secret.key'));
  if (!key.ok) throw new Error(`the kiosk's secret key cannot be read: ${key.error.message}`);
  const sources: CardSource[] = [];
  if (settings.readers !== 'simulator')
    sources.push(new PcscSource(settings.pcscInclude === undefined ? {} : { include: settings.pcscInclude }));
  const simulator =
    settings.readers === 'pcsc' ? undefined : new SimulatedSource({ readers: [SIMULATED_READER] });
  if (simulator) sources.push(simulator);
  const hub = new ReaderHub({
    sources,
    ...(settings.repeatIntervalMs === undefined ? {} : { minRepeatIntervalMs: settings.repeatIntervalMs }),
  });
  await hub.start();
  const terminal = createKioskTerminal({ ...settings, ledger: opened.ledger, secretKey: key.key, hub });
  return {
    terminal,
    hub,
    simulator,
    stop: async () => {
      await terminal.stop();
      await hub.stop();
      opened.ledger.close();
    },
  };
}
