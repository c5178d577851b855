// Staff sign-in in real Chromium: UiTiD (authorization code + PKCE through the sandbox's login page), staff
// PINs with throttling, lock and inactivity lock, the organizer picker, actions hidden for an organizer
// without the permission, and switching the API environment to a second sandbox.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { StationSettings } from '@uitpas/terminal/station';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';
import { launchChromium } from '../../../test/support/chromium.ts';

const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 50 });

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/counter/', import.meta.url));
const STAFF = [
  { id: 'els', name: 'Els Baert', pin: '2468' },
  { id: 'tom', name: 'Tom Claes', pin: '1357' },
];
let sandbox: SandboxHandle;
let second: SandboxHandle;
let dataDir: string;
let browser: Browser;
const counters: Awaited<ReturnType<typeof startBrowserMode>>[] = [];
/** Every access and refresh token the sandboxes' token endpoints handed to the terminal. */
const issuedTokens: string[] = [];
const realFetch = globalThis.fetch;

function settings(
  overrides: Partial<Extract<StationSettings, { backend: 'api' }>> = {},
): Extract<StationSettings, { backend: 'api' }> {
  const s = sandbox.seed;
  return {
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    uitidClientId: s.PKCE_CLIENT_ID,
    ledgerFile: join(dataDir, `ledger-${Math.random().toString(36).slice(2)}.sqlite`),
    stationId: 'counter-session',
    staff: STAFF,
    pinThrottle: { freeAttempts: 3, baseDelayMs: 1_000 },
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: true,
      simulatorCards: [{ label: 'Amira', value: s.PASSHOLDERS.amira.chipNumber }],
    },
    ...overrides,
  };
}

async function counter(overrides: Parameters<typeof settings>[0] = {}) {
  const started = await startBrowserMode({ settings: settings(overrides) });
  counters.push(started);
  return started;
}

async function open(url: string, locale = 'nl-BE'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return { context, page };
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signInWithPin(page: Page, name: string, pin: string) {
  // The previous attempt's answer clears the field: wait for it before typing the next PIN.
  await poll(() => page.getByRole('button', { name: 'Aanmelden', exact: true }).isEnabled()).toBe(true);
  await page.getByLabel('Medewerker').selectOption({ label: name });
  await page.getByLabel('Pincode', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
}

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'session-e2e-'));
  [sandbox, second] = await Promise.all([startSandbox(), startSandbox()]);
  // Watches (does not change) the terminal's token requests, to prove no token ever reaches the screen.
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/openid-connect/token') && response.ok) {
      const body = (await response.clone().json()) as { access_token?: string; refresh_token?: string };
      for (const t of [body.access_token, body.refresh_token]) if (t) issuedTokens.push(t);
    }
    return response;
  };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await browser?.close();
  for (const c of counters) await c.stop();
  await Promise.all([sandbox?.dispose(), second?.dispose()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('counter sign-in', () => {
  it(
    'signs in with UiTiD on the sandbox login page; the token never reaches the screen',
    { timeout: 120_000 },
    async () => {
      const station = await counter();
      const { context, page } = await open(station.host.url);
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
      await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}session-sign-in.nl.png`, fullPage: true });

      const popup = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Aanmelden met UiTiD' }).click();
      const login = await popup;
      await login.waitForLoadState();
      await login.getByLabel('E-mailadres').fill('balie@eeklo.demo');
      await login.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
      await login.getByRole('button', { name: 'Aanmelden' }).click();
      await login.getByText('Onbekend e-mailadres of fout wachtwoord.').waitFor();
      await login.getByLabel('E-mailadres').fill('balie@eeklo.demo');
      await login.getByLabel('Wachtwoord').fill('uitpas-eeklo');
      await login.getByRole('button', { name: 'Aanmelden' }).click();
      await login.getByText('Je bent aangemeld als Ilse Baert.').waitFor();
      await login.close();

      await page.getByTestId('signed-in-as').filter({ hasText: 'Aangemeld: Ilse Baert' }).waitFor();
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await page.getByTestId('passholder').waitFor();

      expect(issuedTokens.length).toBeGreaterThan(0);
      const seen = await page.evaluate(() => {
        const strings: string[] = [document.documentElement.outerHTML, document.cookie, location.href];
        for (const store of [localStorage, sessionStorage])
          for (let i = 0; i < store.length; i++)
            strings.push(`${store.key(i)}=${store.getItem(store.key(i) ?? '')}`);
        for (const key of Object.keys(window)) {
          const value = (window as unknown as Record<string, unknown>)[key];
          if (typeof value === 'string') strings.push(value);
        }
        return strings.join('\n');
      });
      for (const token of issuedTokens) {
        expect(seen).not.toContain(token);
        expect(frames.join('\n')).not.toContain(token);
      }
      await context.close();
    },
  );

  it(
    'signs in with a staff PIN, refuses and throttles wrong PINs, locks and unlocks',
    { timeout: 120_000 },
    async () => {
      const station = await counter({ pinThrottle: { freeAttempts: 3, baseDelayMs: 5_000 } });
      const { context, page } = await open(station.host.url);
      await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
      await signInWithPin(page, 'Els Baert', '1111');
      await poll(() => page.getByTestId('session-problem').innerText()).toBe(
        'Deze pincode klopt niet. Probeer opnieuw.',
      );
      await signInWithPin(page, 'Els Baert', '2222');
      await signInWithPin(page, 'Els Baert', '3333');
      await signInWithPin(page, 'Els Baert', '2468');
      await poll(() => page.getByTestId('session-problem').innerText()).toMatch(
        /^Te veel foute pincodes\. Wacht \d+ seconden en probeer dan opnieuw\.$/,
      );
      // Once the wait is over the right PIN gets in.
      await poll(async () => {
        if ((await page.getByTestId('signed-in-as').count()) === 0)
          await signInWithPin(page, 'Els Baert', '2468');
        return page.getByTestId('signed-in-as').count();
      }, 30_000).toBe(1);
      expect(await page.getByTestId('signed-in-as').innerText()).toBe('Aangemeld: Els Baert');

      await page.getByRole('button', { name: 'Vergrendelen' }).click();
      await page.getByRole('heading', { name: 'Balie vergrendeld' }).waitFor();
      expect(await page.getByTestId('passholder').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}session-locked.nl.png`, fullPage: true });
      await page.getByLabel('Pincode', { exact: true }).fill('1357');
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
      await poll(() => page.getByTestId('session-problem').innerText()).toBe(
        'Deze pincode klopt niet. Probeer opnieuw.',
      );
      await page.getByLabel('Pincode', { exact: true }).fill('2468');
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
      await page.getByTestId('signed-in-as').waitFor();
      await context.close();
    },
  );

  it('locks by itself after the quiet period', { timeout: 120_000 }, async () => {
    const station = await counter({ idleLockMs: 1_500 });
    const { context, page } = await open(station.host.url);
    await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
    await signInWithPin(page, 'Tom Claes', '1357');
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('heading', { name: 'Balie vergrendeld' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Vergrendeld door Tom Claes.').count()).toBe(1);
    await context.close();
  });

  it(
    'offers the organizers used last first and hides what the organizer may not do',
    { timeout: 120_000 },
    async () => {
      const limited = sandbox.seed.CLIENTS.limited;
      const station = await counter({ clientId: limited.clientId, clientSecret: limited.clientSecret });
      const { context, page } = await open(station.host.url);
      await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
      await signInWithPin(page, 'Els Baert', '2468');
      await page.getByTestId('signed-in-as').waitFor();

      // CC Eeklo (everything allowed): check-in, kansentarief and the desk's registration are there.
      await page.getByRole('button', { name: 'Organisatie kiezen' }).click();
      await page.getByRole('button', { name: /^Cultuurcentrum Eeklo/ }).click();
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await page.getByTestId('passholder').waitFor();
      await page
        .getByRole('button', { name: /^Kansentarief voor / })
        .first()
        .waitFor();
      expect(await page.getByRole('button', { name: 'Pas verkopen' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Organisatie kiezen' }).click();
      await page.getByRole('heading', { name: 'Organisatie kiezen' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}session-organizers.nl.png`, fullPage: true });
      await page.getByRole('button', { name: /^Bibliotheek Maldegem/ }).click();
      await poll(() => page.locator('.organizer').innerText()).toBe('Bibliotheek Maldegem (demo)');
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await page.getByTestId('passholder').waitFor();
      await page.getByRole('button', { name: '30 dagen' }).click();
      await page.getByRole('button', { name: /^Inchecken voor Lezing/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Kansentarief voor / }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Pas verkopen' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Kansenstatuut' }).count()).toBe(0);

      // A new screen on the same station: the organizer used last comes first.
      await context.close();
      const again = await open(station.host.url);
      await again.page.getByTestId('signed-in-as').waitFor();
      await again.page.getByRole('button', { name: 'Organisatie kiezen' }).click();
      const names = again.page.locator('.organizer-list button');
      await names.first().waitFor();
      expect(await names.first().innerText()).toContain('Bibliotheek Maldegem (demo) (huidige)');
      await again.context.close();
    },
  );

  it(
    'switches the environment to another UiTPAS only with nothing queued, then asks for a new sign-in',
    { timeout: 120_000 },
    async () => {
      const s2 = second.seed;
      const station = await counter({
        idleLockMs: 0,
        environments: {
          'publiq-test': {
            apiBaseUrl: second.baseUrl,
            tokenUrl: `${second.baseUrl}/realms/uitid/protocol/openid-connect/token`,
            stationClient: {
              clientId: s2.CLIENTS.counter.clientId,
              clientSecret: s2.CLIENTS.counter.clientSecret,
            },
          },
        },
      });
      const { context, page } = await open(station.host.url);
      await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
      await signInWithPin(page, 'Els Baert', '2468');
      await page.getByTestId('signed-in-as').waitFor();
      await poll(() => page.getByTestId('environment').innerText()).toBe('Omgeving: Sandbox (oefenen)');

      // A check-in the API cannot take yet stays queued for this environment: switching is refused.
      const fault = await sandbox.admin.addFault({ route: 'POST /checkins', kind: 'status', status: 503 });
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await page.getByTestId('passholder').waitFor();
      await page.getByRole('button', { name: /^Inchecken voor Concert/ }).click();
      await poll(() => page.getByTestId('queue-depth').innerText()).toContain('1');
      await page.getByRole('button', { name: 'Instellingen' }).click();
      await page.getByRole('heading', { name: 'Balie-instellingen' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}session-settings.nl.png`, fullPage: true });
      await page.getByLabel('UiTPAS-omgeving').selectOption('publiq-test');
      await page.getByRole('button', { name: 'Omgeving wisselen' }).click();
      await poll(() => page.getByTestId('session-problem').innerText()).toBe(
        'Er wacht nog 1 handeling om naar de huidige omgeving verstuurd te worden. Wissel pas van omgeving als alles verstuurd is.',
      );
      await sandbox.admin.removeFault(fault.id);
      await poll(() => page.getByTestId('queue-depth').innerText(), 60_000).toMatch(/\b0\b/);

      await page.getByRole('button', { name: 'Omgeving wisselen' }).click();
      await page.getByRole('heading', { name: 'Aanmelden op de balie' }).waitFor();
      await poll(() => page.getByTestId('environment').innerText()).toBe('Omgeving: publiq test');
      expect(await page.getByText('Omgeving: publiq test').count()).toBeGreaterThan(0);
      await signInWithPin(page, 'Els Baert', '2468');
      await page.getByTestId('signed-in-as').waitFor();
      // Jonas exists in both sandboxes; his check-in must land in the second one only.
      await page.getByLabel('UiTPAS-nummer of rijksregisternummer').fill(s2.PASSHOLDERS.jonas.uitpasNumber);
      await page.getByLabel('UiTPAS-nummer of rijksregisternummer').press('Enter');
      await page.getByTestId('passholder').waitFor();
      await page.getByRole('button', { name: /^Inchecken voor Concert/ }).click();
      await poll(
        async () =>
          (await second.admin.state()).checkins.filter((c) => c.passholder_id === s2.PASSHOLDERS.jonas.id)
            .length,
      ).toBe(1);
      expect(
        (await sandbox.admin.state()).checkins.filter((c) => c.passholder_id === s2.PASSHOLDERS.jonas.id)
          .length,
      ).toBe(0);
      await context.close();
    },
  );

  it('shows the session screens in French', { timeout: 120_000 }, async () => {
    const station = await counter({ station: { ...settings().station, language: 'fr' } });
    const { context, page } = await open(station.host.url, 'fr-BE');
    await page.getByRole('heading', { name: 'Se connecter au comptoir' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}session-sign-in.fr.png`, fullPage: true });
    await page.getByLabel('Collaborateur').selectOption({ label: 'Els Baert' });
    await page.getByLabel('Code PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await poll(() => page.getByTestId('session-problem').innerText()).toBe(
      'Ce code PIN est incorrect. Réessayez.',
    );
    await page.getByLabel('Code PIN', { exact: true }).fill('2468');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await page.getByRole('heading', { name: 'Comptoir verrouillé' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}session-locked.fr.png`, fullPage: true });
    await page.getByLabel('Code PIN', { exact: true }).fill('2468');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('button', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Paramètres du comptoir' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}session-settings.fr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Retour' }).click();
    await page.getByRole('button', { name: "Choisir l'organisation" }).click();
    await page.getByRole('heading', { name: "Choisir l'organisation" }).waitFor();
    await page.locator('.organizer-list button').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}session-organizers.fr.png`, fullPage: true });
    await context.close();
  });
});
