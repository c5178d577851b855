// More of the front desk in real Chromium against the sandbox: a blank card identified at the counter
// starts the registration, registration of someone living abroad and of a child with a parent's consent,
// blocking a card (with confirmation and reason) and adding a membership, the day picker, and the new
// screens in Dutch and French (axe scan and screenshots).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';
import { launchChromium } from '../../../test/support/chromium.ts';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/counter/desk/', import.meta.url));
let sandbox: SandboxHandle;
let dataDir: string;
let browser: Browser;
let counter: Awaited<ReturnType<typeof startBrowserMode>>;
let context: BrowserContext;
let page: Page;

async function axe(name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

const nav = (name: string) => page.locator('nav.desk-nav').getByRole('button', { name, exact: true });
const next = () => page.getByRole('button', { name: 'Volgende' }).click();
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

async function identify(value: string) {
  await nav('Balie').click();
  await page.getByLabel('UiTPAS-nummer of rijksregisternummer').fill(value);
  await page.keyboard.press('Enter');
}

async function pay(method: string, number: string) {
  await poll(() => page.getByTestId('registration-price').innerText()).toMatch(/€/);
  await page.getByRole('radio', { name: method }).check();
  await page.getByRole('button', { name: 'Registreren' }).click();
  await poll(() => page.getByTestId('registration-done').innerText()).toContain(number);
}

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'counter-desk2-e2e-'));
  sandbox = await startSandbox();
  const s = sandbox.seed;
  counter = await startBrowserMode({
    settings: {
      backend: 'api',
      apiBaseUrl: sandbox.baseUrl,
      tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
      clientId: s.CLIENTS.counter.clientId,
      clientSecret: s.CLIENTS.counter.clientSecret,
      ledgerFile: join(dataDir, 'ledger.sqlite'),
      stationId: 'balie-3',
      staffId: 'els',
      station: {
        environment: 'sandbox',
        language: 'nl',
        trainingMode: false,
        simulator: false,
        organizerId: s.ORGANIZERS.ccEeklo.id,
      },
    },
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await counter?.stop();
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(counter.host.url);
  await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
});

afterEach(async () => {
  await context.close();
});

describe('more of the front desk in Chromium', () => {
  it('a blank card from stock starts the registration of someone living abroad, with a staff note', async () => {
    await nav('Kaartvoorraad').click();
    await page.getByLabel('Van UiTPAS-nummer').fill('0400000011306');
    await page.getByLabel('Tot UiTPAS-nummer').fill('0400000011504');
    await page.getByRole('button', { name: 'Reeks toevoegen' }).click();
    await poll(() => page.getByTestId('stock-level').innerText()).toBe('Kaarten in voorraad: 3');

    await identify('0400000011306');
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blank-card');
    await page.getByTestId('register-blank-card').click();
    await page.getByLabel('Voornaam').fill('Femke');
    await page.getByLabel('Naam', { exact: true }).fill('de Vries');
    await page.getByLabel('Geboortedatum').fill('1988-03-09');
    await page.getByRole('radio', { name: 'Vrouw' }).check();
    await next();
    await page.getByLabel('Woont in het buitenland').check();
    await page.getByLabel('Straat').fill('Kade');
    await page.getByLabel('Nummer', { exact: true }).fill('12');
    await page.getByLabel('Land (2 letters)').fill('NL');
    await page.getByLabel('Gemeente').fill('Sluis');
    await poll(() => page.getByLabel('Postcode').count()).toBe(0);
    await axe('register-abroad');
    await next();
    await page.getByLabel('Voorwaarden op papier aanvaard').check();
    await next();
    await next();
    // The blank card is already filled in.
    await poll(() => page.getByLabel('UiTPAS-nummer van de kaart').inputValue()).toBe('0400000011306');
    await page.getByLabel('Notitie (alleen voor medewerkers)').fill('Woont in Sluis, werkt in Eeklo');
    await next();
    expect(await page.getByTestId('registration-summary').innerText()).toContain('NL Sluis');
    await pay('Cash', '0400000011306');
  });

  it('a child under 16 needs a parent’s consent, on the contact step, before the pass is sold', async () => {
    const [y, m, d] = today().split('-');
    const born = `${Number(y) - 10}-${m}-${d === '29' && m === '02' ? '28' : d}`;
    await nav('Pas verkopen').click();
    await page.getByRole('button', { name: 'Nieuwe registratie starten' }).click();
    await page.getByLabel('Voornaam').fill('Lena');
    await page.getByLabel('Naam', { exact: true }).fill('Claeys');
    await page.getByLabel('Geboortedatum').fill(born);
    await next();
    await page.getByLabel('Straat').fill('Markt');
    await page.getByLabel('Postcode').fill('9900');
    await page.getByLabel('Gemeente').fill('Eeklo');
    await next();
    await page.getByLabel('Voorwaarden op papier aanvaard').check();
    await next();
    // Without the consent the wizard stays on the contact step and says why, at the checkbox.
    const consent = page.getByLabel('Toestemming van een ouder (onder 16 jaar)');
    await poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    await poll(() => page.getByRole('alert').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/toestemming van een ouder/i)]),
    );
    await axe('register-parental-consent');
    await consent.check();
    await next();
    await next();
    await page.getByLabel('UiTPAS-nummer van de kaart').fill('0400000011405');
    await next();
    await pay('Gratis', '0400000011405');
  });

  it('blocks a card after a confirmation with a reason; identifying it then shows it blocked', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    await nav('Kaarten en lidmaatschappen').click();
    await page.getByLabel('UiTPAS-nummer van de pashouder').fill(amira.uitpasNumber);
    await page.getByRole('radio', { name: 'Verloren of gestolen' }).check();
    await page.getByLabel('Toelichting (optioneel)').fill('Gestolen op de markt');
    await page.getByRole('button', { name: 'Kaart blokkeren…' }).click();
    const dialog = page.getByRole('alertdialog');
    await poll(() => dialog.innerText()).toContain(amira.uitpasNumber);
    await axe('cards-block-confirm');
    await dialog.getByRole('button', { name: 'Niet blokkeren' }).click();
    await poll(() => page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Kaart blokkeren…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, blokkeren' }).click();
    await poll(() => page.getByTestId('write-state').innerText()).toBe('Verwerkt door UiTPAS.');
    expect(await page.getByTestId('desk-notice').innerText()).toContain('geblokkeerd');

    await identify(amira.uitpasNumber);
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blocked');
    await nav('Geschiedenis').click();
    await poll(() => page.getByTestId('history').innerText()).toContain(
      `Kaart ${amira.uitpasNumber} geblokkeerd`,
    );
  });

  it('adds a membership of another card system on a card from stock', async () => {
    const sofie = sandbox.seed.PASSHOLDERS.sofie;
    await nav('Kaarten en lidmaatschappen').click();
    await page.getByLabel('UiTPAS-nummer van de pashouder').fill(sofie.uitpasNumber);
    await page.getByLabel('Kaartsysteem').selectOption({ label: sandbox.seed.CARD_SYSTEMS.meetjesland.name });
    await page.getByLabel('Kaart uit de voorraad (optioneel)').fill('0400000011504');
    await page.getByRole('button', { name: 'Lidmaatschap toevoegen' }).click();
    await poll(() => page.getByTestId('write-state').innerText()).toBe('Verwerkt door UiTPAS.');
    expect(await page.getByTestId('desk-notice').innerText()).toContain('0400000011504');
    await axe('cards');
    await nav('Kaartvoorraad').click();
    await poll(() => page.getByTestId('stock-level').innerText()).toBe('Kaarten in voorraad: 0');
  });

  it('the day picker shows an earlier day; the new screens in French', async () => {
    await nav('Dagrapport').click();
    await poll(() => page.getByTestId('report-cash').innerText()).toContain('5,00');
    const yesterday = new Date(`${today()}T12:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    const day = yesterday.toISOString().slice(0, 10);
    await page.getByLabel('Dag', { exact: true }).fill(day);
    await page.getByRole('button', { name: 'Toon deze dag' }).click();
    await poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe(`Dagrapport ${day}`);
    expect(await page.getByTestId('report-cash').innerText()).toContain('0,00');
    await axe('report-day-picker');
    await page.getByRole('button', { name: 'Vandaag' }).click();
    await poll(() => page.getByTestId('report-cash').innerText()).toContain('5,00');

    await page.locator('.language-switch button[lang="fr"]').click();
    await poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe(
      `Rapport du ${today()}`,
    );
    await axe('report-fr');
    await page.locator('nav.desk-nav').getByRole('button', { name: 'Cartes et affiliations' }).click();
    await poll(() => page.getByRole('heading', { name: 'Bloquer une carte' }).count()).toBe(1);
    await axe('cards-fr');
    await page.locator('nav.desk-nav').getByRole('button', { name: 'Vendre un pass' }).click();
    await page.getByRole('button', { name: 'Nouvel enregistrement' }).click();
    await poll(() => page.getByLabel('Prénom').count()).toBe(1);
    await axe('register-fr');
    await page.locator('.language-switch button[lang="nl"]').click();
  });
});
