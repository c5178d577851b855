// Composes a station's terminal from its configuration: which backend, which readers, which station
// settings. Both apps and both hosts start their terminal through here.
import type { StationConfig } from '@uitpas/domain';
import { createTerminal, type Terminal } from './terminal.ts';
import { createStandInAdapters, STAND_IN } from './testing/stand-in-adapters.ts';

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
      simulatorCards: [
        { label: `${STAND_IN.passholder.firstName} (chip)`, value: STAND_IN.chipOfPassholder },
        {
          label: `${STAND_IN.otherPassholder.firstName} (pas)`,
          value: STAND_IN.otherPassholder.uitpasNumber,
        },
        { label: 'Groepspas', value: STAND_IN.groupPass },
        { label: 'Geblokkeerde pas', value: STAND_IN.blockedPass },
        { label: 'Nieuwe kaart', value: STAND_IN.blankCard },
      ],
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
