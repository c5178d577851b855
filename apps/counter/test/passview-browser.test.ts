// The pass view in real Chromium against the sandbox: search by name and birth date, memberships of every
// card system, each social tariff state, the API's messages, history, a group pass buying kansentarief
// tickets, the data's age offline, accessibility, and the screens in Dutch and French.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { StationSettings } from '@uitpas/terminal/station';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';
import { addPassviewFixtures, FAMILY } from './passview-fixtures.ts';
import { launchChromium } from '../../../test/support/chromium.ts';

/** The machine is shared and slow at times: wait for behaviour, never for a number of milliseconds. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/counter/', import.meta.url));
let sandbox: SandboxHandle;
let dataDir: string;
let browser: Browser;
let counter: Awaited<ReturnType<typeof startBrowserMode>>;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

function settings(): StationSettings {
  const s = sandbox.seed;
  return {
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    ledgerFile: join(dataDir, 'ledger.sqlite'),
    stationId: 'passview-test',
    staffId: 'staff-test',
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: true,
      organizerId: s.ORGANIZERS.ccEeklo.id,
      simulatorCards: [
        { label: 'Amira', value: s.PASSHOLDERS.amira.chipNumber },
        { label: 'Groepspas', value: s.GROUP_PASSES.deSleutel.chipNumber },
      ],
    },
  };
}

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'counter-passview-e2e-'));
  sandbox = await startSandbox();
  await addPassviewFixtures(sandbox);
  counter = await startBrowserMode({ settings: settings() });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await counter?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  consoleErrors.length = 0;
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(counter.host.url);
  await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
});

afterEach(async () => {
  await context.close();
});

const identifyField = () => page.getByLabel('UiTPAS-nummer of rijksregisternummer');
const nameField = () => page.getByLabel('Familienaam');
const firstNameField = () => page.getByLabel('Voornaam (niet verplicht)');
const birthField = () => page.getByLabel('Geboortedatum (niet verplicht)');
const searchButton = () => page.getByRole('button', { name: 'Pashouder zoeken' });
const typed = async (uitpasNumber: string, firstName: string) => {
  await identifyField().fill(uitpasNumber);
  await page.keyboard.press('Enter');
  await poll(() => page.getByTestId('passholder').innerText()).toContain(firstName);
};
const details = () => page.getByTestId('passholder-details');
/** What the screen says about people: everything except the simulator's own buttons. */
const screenAboutPeople = () =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.simulator').forEach((el) => el.remove());
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
const axeScan = async () => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

describe('search by name and birth date', () => {
  it(
    'identifies the chosen result like a tap; choosing B after A leaves nothing of A',
    { timeout: 180_000 },
    async () => {
      const { amira, noah } = sandbox.seed.PASSHOLDERS;
      await nameField().fill('Peeters');
      await birthField().fill('30/07/1985');
      await poll(() => page.getByTestId('search-dateOfBirth-message').innerText()).toBe(
        'Geldige datum: 30 juli 1985.',
      );
      await searchButton().click();
      const results = page.getByTestId('search-results');
      await poll(() => results.innerText()).toContain('Amira Peeters');
      const listed = await results.innerText();
      expect(listed).toContain('geboren 30 juli 1985');
      expect(listed).toContain('Eeklo');
      expect(listed).toContain('85.....-..27');
      expect(await page.locator('body').innerText()).not.toContain(amira.inszNumber);
      expect(await axeScan()).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}passholder-search.nl.png`, fullPage: true });

      await page.getByRole('button', { name: /^Kies Amira Peeters, geboren 30 juli 1985/ }).click();
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira Peeters');
      await poll(() => page.getByTestId('search-results').count()).toBe(0);
      expect(await nameField().inputValue()).toBe('');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('UiTPAS Meetjesland');

      await nameField().fill('Verstraete');
      await searchButton().click();
      await page.getByRole('button', { name: /^Kies Noah Verstraete/ }).click();
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Noah Verstraete');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Respijtperiode');
      const text = await screenAboutPeople();
      for (const trace of ['Peeters', '0400 000 010 118', '85.....-..27', `${amira.points} punten`])
        expect(text, trace).not.toContain(trace);
      expect(text).toContain(noah.firstName);
      expect(consoleErrors).toEqual([]);
    },
  );

  it('explains an invalid birth date, no result and a too broad search in Dutch', async () => {
    await nameField().fill('Peeters');
    await birthField().fill('31/02/1985');
    await poll(() => page.getByTestId('search-dateOfBirth-message').innerText()).toContain(
      'Deze geboortedatum bestaat niet',
    );
    expect(await birthField().getAttribute('aria-invalid')).toBe('true');
    await searchButton().click();
    await poll(() => birthField().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('search-results').count()).toBe(0);

    await birthField().fill('');
    await nameField().fill('Zzyzx');
    await searchButton().click();
    await poll(() => page.getByTestId('search-message').innerText()).toContain('Geen pashouder gevonden');

    await nameField().fill(FAMILY);
    await searchButton().click();
    await poll(() => page.getByTestId('search-message').innerText()).toContain('te veel om te tonen');
    await firstNameField().fill('Chloë');
    await searchButton().click();
    await poll(() => page.getByTestId('search-results').innerText()).toContain(`Chloë ${FAMILY}`);

    await nameField().fill('P');
    await firstNameField().fill('');
    await searchButton().click();
    await poll(() => page.getByTestId('search-name-message').innerText()).toContain('minstens 2 letters');
    expect(consoleErrors).toEqual([]);
  });
});

describe('the pass view', () => {
  it(
    'shows every social tariff state, the messages of UiTPAS, memberships of every card system and the history',
    { timeout: 180_000 },
    async () => {
      const p = sandbox.seed.PASSHOLDERS;
      await typed(p.fatima.uitpasNumber, 'Fatima');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Opgeschort tot');
      expect(await page.getByTestId('passholder').innerText()).toMatch(/Opgeschort tot \d+ \w+ \d{4}/);
      expect(await page.getByTestId('pass-messages').innerText()).toContain('opgeschort');
      await page.screenshot({ path: `${ARTIFACTS}passview-suspended.nl.png`, fullPage: true });

      await typed(p.noah.uitpasNumber, 'Noah');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Respijtperiode: verlopen op');
      expect(await page.getByTestId('passholder').innerText()).toContain('Respijtperiode');
      expect(await page.getByTestId('pass-messages').innerText()).toContain('overgangsperiode');

      await typed(p.lotte.uitpasNumber, 'Lotte');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Verlopen op');
      expect(await page.getByTestId('pass-messages').innerText()).toContain('sociaal tarief is verlopen');

      await typed(p.sofie.uitpasNumber, 'Sofie');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('UiTPAS Gent');
      expect(await page.getByTestId('memberships').innerText()).toContain('UiTPAS Meetjesland');

      await typed(p.amira.uitpasNumber, 'Amira');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Actief tot');
      await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
      await poll(() => page.getByTestId('checkin-result').innerText()).toContain('Ingecheckt');
      await poll(() => details().getByTestId('history').innerText()).toContain('Check-in: Workshop keramiek');
      expect(await axeScan()).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}passview.nl.png`, fullPage: true });
      expect(consoleErrors).toEqual([]);
    },
  );

  it('lets a group pass buy kansentarief tickets instead of refusing it as a check-in', async () => {
    await page.getByRole('button', { name: 'Tik Groepspas' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('group-pass');
    const open = page.getByRole('button', { name: /^Kansentarief voor / }).first();
    await poll(() => open.isEnabled()).toBe(true);
    await open.click();
    const count = page.getByRole('spinbutton').first();
    await poll(() => count.count()).toBe(1);
    expect(await page.getByTestId('tariffs').innerText()).not.toContain('inchecken');
    await count.fill('2');
    await page.getByRole('button', { name: 'Verkoop registreren' }).click();
    await poll(() => page.getByTestId('sale-result').innerText()).toContain('Geregistreerd: 2 ticket(s).');
    const group = sandbox.seed.GROUP_PASSES.deSleutel;
    const rows = (await sandbox.admin.state()).ticketSales.filter(
      (t) => t.group_pass_id === group.id && t.deleted_at === null,
    );
    expect(rows).toHaveLength(2);
  });

  it('shows the search and pass view in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Comptoir UiTPAS');
    await page.getByLabel('Nom de famille').fill('El Amrani');
    await page.getByRole('button', { name: 'Rechercher le détenteur' }).click();
    await poll(() => page.getByTestId('search-results').innerText()).toContain('Fatima El Amrani');
    expect(await page.getByTestId('search-results').innerText()).toContain('né(e) le 17 septembre 2001');
    await page.screenshot({ path: `${ARTIFACTS}passholder-search.fr.png`, fullPage: true });
    await page.getByRole('button', { name: /^Choisir Fatima El Amrani/ }).click();
    await poll(() => page.getByTestId('memberships').innerText()).toContain('Suspendu jusqu');
    expect(await details().innerText()).toContain('Affiliations');
    await page.screenshot({ path: `${ARTIFACTS}passview.fr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('UiTPAS balie');
  });
});

describe('offline', () => {
  it(
    'says how old the pass data is and keeps the last memberships and history',
    { timeout: 180_000 },
    async () => {
      const lotte = sandbox.seed.PASSHOLDERS.lotte;
      await typed(lotte.uitpasNumber, 'Lotte');
      await poll(() => page.getByTestId('memberships').innerText()).toContain('Verlopen op');

      await sandbox.stop();
      try {
        await typed(lotte.uitpasNumber, 'Lotte');
        await poll(() => page.getByTestId('cached-at').innerText()).toMatch(/^Gegevens van .*\d{1,2}:\d{2}/);
        expect(await page.getByTestId('cached-at').innerText()).toContain('UiTPAS is niet bereikbaar');
        await poll(() => page.getByTestId('details-stale').innerText()).toContain(
          'Lidmaatschappen en geschiedenis van',
        );
        expect(await page.getByTestId('memberships').innerText()).toContain('Verlopen op');
        await nameField().fill('Van Damme');
        await searchButton().click();
        await poll(() => page.getByTestId('search-message').innerText()).toContain(
          'zoeken op naam kan nu niet',
        );
        await page.screenshot({ path: `${ARTIFACTS}passview-offline.nl.png`, fullPage: true });
      } finally {
        await sandbox.restart();
      }
      await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
    },
  );
});
