// The kiosk terminal's settings from the environment, shared by browser mode and the Electron utility
// process. The data directory holds the ledger, the secret key and the configuration; nothing else.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KioskStationSettings } from '@uitpas/terminal/kiosk';

const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function kioskSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Omit<KioskStationSettings, 'appVersion'> {
  const readers = env.UITPAS_KIOSK_READERS;
  return {
    dataDir: env.UITPAS_KIOSK_DATA ?? join(homedir(), '.local', 'share', 'uitpas-kiosk'),
    apiBaseUrl: env.UITPAS_API_URL ?? 'https://api-test.uitpas.be',
    ...(env.UITPAS_CLIENT_ID === undefined ? {} : { clientId: env.UITPAS_CLIENT_ID }),
    readers: readers === 'simulator' || readers === 'both' ? readers : 'pcsc',
    idleSeconds: int(env.UITPAS_KIOSK_IDLE_SECONDS, 15),
    warningSeconds: Math.max(20, int(env.UITPAS_KIOSK_WARNING_SECONDS, 20)),
  };
}
