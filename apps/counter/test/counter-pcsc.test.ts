// The counter's identify → check-in flow through a real card reader path: pcscd with the vpcd virtual
// readers, our VirtualCard carrying a seeded pass holder's chip, the station's PC/SC source, the real
// sandbox and real Chromium. Holds the machine-wide pcscd lease for the whole file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquirePcscd, VirtualCard, type PcscdLease } from '@uitpas/reader-driver/testing';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';
import { launchChromium } from '../../../test/support/chromium.ts';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const CONCERT = 'Concert: Meetjeslandse Harmonie';

let lease: PcscdLease;
let sandbox: SandboxHandle;
let dataDir: string;
let counter: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  lease = await acquirePcscd();
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'counter-pcsc-'));
  const seed = sandbox.seed;
  counter = await startBrowserMode({
    settings: {
      backend: 'api',
      apiBaseUrl: sandbox.baseUrl,
      tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: seed.CLIENTS.counter.clientId,
      clientSecret: seed.CLIENTS.counter.clientSecret,
      ledgerFile: join(dataDir, 'ledger.sqlite'),
      stationId: 'counter-pcsc',
      staffId: 'staff-pcsc',
      pcsc: { include: /^Virtual PCD/ },
      station: {
        environment: 'sandbox',
        language: 'nl',
        trainingMode: false,
        simulator: false,
        organizerId: seed.ORGANIZERS.ccEeklo.id,
      },
    },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(counter.host.url);
}, 330_000);

afterAll(async () => {
  await browser?.close();
  await counter?.stop();
  await sandbox?.dispose();
  await lease?.release();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the counter with a card on a real PC/SC reader', () => {
  it('shows the PC/SC readers in the status bar', async () => {
    const status = page.getByRole('contentinfo');
    await poll(() => status.innerText()).toContain('Kaartlezer Virtual PCD 00 00 (klaar)');
    expect(await status.innerText()).toContain('PC/SC-dienst (klaar)');
  });

  it('identifies the pass holder whose chip is tapped, checks them in, and the sandbox holds it once', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    const card = new VirtualCard({ uid: amira.chipNumber, profile: 'ultralight' });
    await card.insert();
    try {
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    } finally {
      card.remove();
    }
    await page.getByRole('button', { name: `Inchecken voor ${CONCERT}` }).click();
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain(`Ingecheckt voor ${CONCERT}`);
    await poll(
      async () =>
        (await sandbox.admin.state()).checkins.filter(
          (c) => c.passholder_id === amira.id && c.deleted_at === null,
        ).length,
    ).toBe(1);
  });
});
