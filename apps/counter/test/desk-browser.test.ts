// Selling a pass, card stock, day report and undo in real Chromium against the sandbox. The terminal runs
// as its own Node process (browser mode) so the test can kill it mid-registration and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/support/chromium.ts';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts/counter/desk/');
const ENTRY = fileURLToPath(new URL('../src/browser-mode.node.ts', import.meta.url));
let sandbox: SandboxHandle;
let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let terminal: { child: ChildProcess; url: string } | undefined;

/** Starts the counter's terminal as a separate process on the test's ledger file; resolves with its URL. */
function startTerminal(): Promise<{ child: ChildProcess; url: string }> {
  const s = sandbox.seed;
  // Node itself with tsx as a loader, not the tsx wrapper: SIGKILL must hit the terminal, not leave it orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      UITPAS_API_URL: sandbox.baseUrl,
      UITPAS_CLIENT_ID: s.CLIENTS.counter.clientId,
      UITPAS_CLIENT_SECRET: s.CLIENTS.counter.clientSecret,
      UITPAS_ORGANIZER_ID: s.ORGANIZERS.ccEeklo.id,
      UITPAS_LEDGER: join(dataDir, 'ledger.sqlite'),
      UITPAS_STATION_ID: 'balie-1',
      UITPAS_STAFF_ID: 'an',
      UITPAS_SIMULATOR: '0',
      COUNTER_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /browser mode\): (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`terminal exited (${code}) before it was ready: ${out}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function open(url: string) {
  await page.goto(url);
  await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
}

async function axe(name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Balietaken' }).getByRole('button', { name });
const next = () => page.getByRole('button', { name: 'Volgende' }).click();

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'counter-desk-e2e-'));
  sandbox = await startSandbox();
  terminal = await startTerminal();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (terminal) await kill(terminal.child);
  await sandbox?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

afterEach(async () => {
  await context.close();
});

describe('the front desk in Chromium', () => {
  it('receives cards into stock by range and shows the low-stock warning', async () => {
    await open(terminal!.url);
    await nav('Kaartvoorraad').click();
    await page.getByLabel('Van UiTPAS-nummer').fill('0400000011306');
    await page.getByLabel('Tot UiTPAS-nummer').fill('0400000011504');
    await page.getByRole('button', { name: 'Reeks toevoegen' }).click();
    await poll(() => page.getByTestId('stock-level').innerText()).toBe('Kaarten in voorraad: 3');
    await poll(() => page.getByTestId('stock-low').count()).toBe(1);
    await page.getByLabel('Waarschuwingsdrempel', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Drempel bewaren' }).click();
    await poll(() => page.getByTestId('stock-low').count()).toBe(0);
    await axe('stock');
  });

  it('a registration interrupted by killing the terminal resumes from its draft with nothing lost', async () => {
    await open(terminal!.url);
    await nav('Pas verkopen').click();
    await page.getByRole('button', { name: 'Nieuwe registratie starten' }).click();
    await page.getByLabel('Voornaam').fill('Wout');
    await page.getByLabel('Naam', { exact: true }).fill('Desmet');
    await page.getByLabel('Geboortedatum').fill('1990-05-17');
    await page.getByRole('radio', { name: 'Man' }).check();
    // Born 1990-05-17, serial 123 (odd: male), check digits 97 - (900517123 mod 97) = 31.
    await page.getByLabel('Rijksregisternummer').fill('90051712331');
    await axe('register-personal');
    await next();
    await page.getByLabel('Postcode').fill('9900');
    await page.getByLabel('Gemeente').fill('Eeklo');
    await page.getByLabel('Straat').fill('Markt');
    await page.getByLabel('Straat').fill('Marktplein');
    // Killed only once the terminal acknowledged every save: that is when the screen says "saved".
    await poll(() => page.getByTestId('draft-saved').getAttribute('data-pending')).toBe('0');
    await poll(() => page.getByTestId('draft-saved').innerText()).toContain('Concept bewaard');

    await kill(terminal!.child);
    terminal = await startTerminal();
    await open(terminal.url);
    await nav('Pas verkopen').click();
    await page.getByRole('button', { name: 'Verder met Wout Desmet' }).click();
    await poll(() => page.getByLabel('Postcode').inputValue()).toBe('9900');
    expect(await page.getByLabel('Gemeente').inputValue()).toBe('Eeklo');
    await page.getByRole('button', { name: '1. Persoon' }).click();
    expect(await page.getByLabel('Rijksregisternummer').inputValue()).toBe('90051712331');
    expect(await page.getByLabel('Geboortedatum').inputValue()).toBe('1990-05-17');
    await next();
    await poll(() => page.getByLabel('Straat').inputValue()).toBe('Marktplein');
    await next();
    await page.getByLabel('Voorwaarden op papier aanvaard').check();
    await next();
    await next();
    await page.getByLabel('UiTPAS-nummer van de kaart').fill('0400000011306');
    await next();
    await poll(() => page.getByTestId('registration-price').innerText()).toContain('5,00');
    // The INSZ shows masked outside its own input field.
    expect(await page.getByTestId('registration-summary').innerText()).not.toContain('90051712331');
    await page.getByRole('radio', { name: 'Cash' }).check();
    await axe('register-payment');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await poll(() => page.getByTestId('registration-done').innerText()).toContain('0400000011306');
    expect(await page.getByTestId('registration-done').innerText()).toContain('Welkomstgeschenk');
    await axe('register-done');
  });

  it('an INSZ already in use lands on the personal step with the message', async () => {
    const amira = sandbox.seed.PASSHOLDERS.amira;
    await open(terminal!.url);
    await nav('Pas verkopen').click();
    await page.getByRole('button', { name: 'Nieuwe registratie starten' }).click();
    await page.getByLabel('Voornaam').fill('Amira');
    await page.getByLabel('Naam', { exact: true }).fill('Peeters');
    await page.getByLabel('Geboortedatum').fill(amira.dateOfBirth);
    await page.getByRole('radio', { name: 'Vrouw' }).check();
    await page.getByLabel('Rijksregisternummer').fill(amira.inszNumber);
    await next();
    await page.getByLabel('Postcode').fill('9900');
    await page.getByLabel('Gemeente').fill('Eeklo');
    await next();
    await next();
    await next();
    await page.getByLabel('UiTPAS-nummer van de kaart').fill('0400000011405');
    await next();
    await poll(() => page.getByTestId('registration-price').innerText()).toContain('5,00');
    await page.getByRole('radio', { name: 'Kaart (bancontact)' }).check();
    await page.getByRole('button', { name: 'Registreren' }).click();
    await poll(() => page.getByRole('heading', { name: 'Persoon' }).count()).toBe(1);
    const insz = page.getByLabel('Rijksregisternummer');
    await poll(() => insz.getAttribute('aria-invalid')).toBe('true');
    await poll(() => page.getByRole('alert').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/rijksregisternummer/i)]),
    );
    expect(await insz.inputValue()).toBe(amira.inszNumber);
    await axe('register-insz-used');
  });

  it('shows the day report with the sale, exports CSV, and lists history with who did what', async () => {
    await open(terminal!.url);
    await nav('Dagrapport').click();
    await poll(() => page.getByTestId('report-cash').innerText()).toContain('5,00');
    const passes = await page.getByTestId('report-passes').innerText();
    expect(passes).toContain('Cash');
    const staff = await page.getByTestId('report-staff').innerText();
    expect(staff).toContain('balie-1');
    expect(staff).toContain('an');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV downloaden' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^dagrapport-\d{4}-\d{2}-\d{2}\.csv$/);
    await axe('report');
    await nav('Geschiedenis').click();
    await poll(() => page.getByTestId('history').innerText()).toContain('Pas verkocht aan Wout Desmet');
    expect(await page.getByTestId('history').innerText()).toContain('an (balie-1)');
    await axe('history');
    await nav('Dagrapport').click();
    await page.getByRole('button', { name: 'Dag afsluiten' }).click();
    await poll(() => page.getByTestId('report-closed').count()).toBe(1);
  });

  it('grants the kansenstatuut to an existing pass holder and shows the status', async () => {
    const jonas = sandbox.seed.PASSHOLDERS.jonas;
    await open(terminal!.url);
    await nav('Kansenstatuut').click();
    await page.getByLabel('UiTPAS-nummer').fill(jonas.uitpasNumber);
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await poll(() => page.getByTestId('kansenstatuut').innerText()).toContain('Geen kansenstatuut');
    await page.getByRole('button', { name: 'Toekennen of verlengen' }).click();
    await poll(() => page.getByTestId('kansenstatuut').innerText()).toContain('Actief');
    expect(await page.getByTestId('kansenstatuut').innerText()).toContain(
      `${new Date().getFullYear() + 1}-04-30`,
    );
    await axe('kansenstatuut');
    await page.getByLabel('Nieuwe kaart uit de voorraad').fill('0400000011405');
    await page.getByRole('button', { name: 'Kaart vervangen (verloren of defect)' }).click();
    await poll(() => page.getByTestId('desk-notice').innerText()).toContain('de punten blijven behouden');
    await poll(() => page.getByTestId('kansenstatuut').innerText()).toContain('Jonas');
  });
});
