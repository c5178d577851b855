// Composes a station's terminal from its configuration: which backend, which readers, which station
// settings. Both apps and both hosts start their terminal through here.
import type { StationConfig } from '@uitpas/domain';
import { createTerminal, type Terminal } from './terminal.ts';
import { createStandInAdapters } from './testing/stand-in-adapters.ts';

export interface StationSettings {
  /** `stand-in`: fixed in-memory passes, for screen work and transport tests only (clearly not the API). */
  backend: 'stand-in';
  station: Omit<StationConfig, 'organizer'> & { organizerId?: string };
}

export function stationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StationSettings {
  const language = env.UITPAS_LANGUAGE === 'fr' || env.UITPAS_LANGUAGE === 'en' ? env.UITPAS_LANGUAGE : 'nl';
  return {
    backend: 'stand-in',
    station: {
      environment: 'sandbox',
      language,
      trainingMode: env.UITPAS_TRAINING === '1',
      simulator: env.UITPAS_SIMULATOR !== '0',
    },
  };
}

export async function createStationTerminal(
  settings: StationSettings = stationSettingsFromEnv(),
): Promise<{ terminal: Terminal; stop(): Promise<void> }> {
  const adapters = createStandInAdapters();
  const terminal = createTerminal({ adapters, station: settings.station, log: (m) => console.error(m) });
  return {
    terminal,
    stop: async () => {
      terminal.close();
      await adapters.hub.stop();
    },
  };
}
