// The counter in real Chromium (browser mode): the built renderer served by the terminal's browser host,
// driven by typed input, simulated taps and keyboard-wedge scans. One browser for the whole file.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { stationSettingsFromEnv } from '@uitpas/terminal/station';
import { STAND_IN } from '@uitpas/terminal/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';

/** The machine is shared and slow at times: wait for behaviour, never for a number of milliseconds. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/counter/', import.meta.url));
let browser: Browser;
let counter: Awaited<ReturnType<typeof startBrowserMode>>;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  counter = await startBrowserMode();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await counter?.stop();
});

beforeEach(async () => {
  consoleErrors.length = 0;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
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
const visibleText = () => page.locator('body').innerText();
/** What the screen says about people: everything except the simulator's own buttons. */
const screenAboutPeople = () =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.simulator').forEach((el) => el.remove());
    document.body.append(copy);
    copy.hidden = false;
    const text = copy.innerText;
    copy.remove();
    return text;
  });

describe('the counter in Chromium', () => {
  it('identifies a typed number and checks the pass holder in, keyboard only', async () => {
    await poll(() => identifyField().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(STAND_IN.passholder.uitpasNumber);
    await poll(() => page.getByTestId('identify-message').innerText()).toBe('Geldig UiTPAS-nummer.');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Anna Peeters');
    expect(await visibleText()).toContain('Je sociaal tarief vervalt binnenkort.');
    // Focus lands on the check-in: Enter checks in.
    const checkin = page.getByRole('button', { name: `Inchecken voor ${STAND_IN.event.name}` });
    await poll(() => checkin.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain(
      `Ingecheckt voor ${STAND_IN.event.name}`,
    );
    await page.screenshot({ path: `${ARTIFACTS}passholder-checked-in.nl.png`, fullPage: true });
  });

  it('identifies a simulated tap', async () => {
    await page.getByRole('button', { name: 'Tik Anna (chip)' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Anna Peeters');
  });

  it('wrong-person guard: after tap B nothing of A remains', async () => {
    await page.getByRole('button', { name: 'Tik Anna (chip)' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Anna');
    await page.getByRole('button', { name: `Inchecken voor ${STAND_IN.event.name}` }).click();
    await poll(() => page.getByTestId('checkin-result').count()).toBe(1);
    await page.getByRole('button', { name: 'Tik Bram (pas)' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Bram Claes');
    const text = await screenAboutPeople();
    for (const trace of [
      'Anna',
      'Peeters',
      '0900 000 095 902',
      '12 punten',
      'Je sociaal tarief vervalt',
      'Ingecheckt',
    ]) {
      expect(text, trace).not.toContain(trace);
    }
  });

  it('keeps invalid typed input and explains it in Dutch, without a lookup', async () => {
    await identifyField().fill('0900000095903');
    await poll(() => page.getByTestId('identify-message').innerText()).toContain('controlecijfer is fout');
    await page.keyboard.press('Enter');
    expect(await identifyField().inputValue()).toBe('0900000095903');
    expect(await identifyField().getAttribute('aria-invalid')).toBe('true');
    await identifyField().fill('12345');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identify-message').innerText()).toContain('Dit is geen UiTPAS-nummer');
    expect(await identifyField().inputValue()).toBe('12345');
    expect(await page.getByTestId('identification').count()).toBe(0);
  });

  it('answers a garbage keyboard-wedge scan, an unknown card and a blocked card with a clear Dutch message', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.type('zz-not-a-pass!', { delay: 0 });
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('invalid-input');
    expect(await page.getByTestId('identification-message').innerText()).toMatch(
      /geen UiTPAS-nummer|ongeldige tekens/,
    );

    await identifyField().fill('1234567890102');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identification-message').innerText()).toContain(
      'Deze pas is onbekend',
    );

    await page.getByRole('button', { name: 'Tik Geblokkeerde pas' }).click();
    await poll(() => page.getByTestId('identification-message').innerText()).toContain('geblokkeerd');
    await page.screenshot({ path: `${ARTIFACTS}blocked-card.nl.png`, fullPage: true });

    await page.getByRole('button', { name: 'Tik Nieuwe kaart' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blank-card');
    expect(await visibleText()).toContain('Nieuwe pashouder registreren');
    expect(consoleErrors).toEqual([]);
  });

  it('has no serious or critical axe violations, identified or not', { timeout: 120_000 }, async () => {
    const scan = async () => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
        .analyze();
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await scan()).toEqual([]);
    await page.getByRole('button', { name: 'Tik Anna (chip)' }).click();
    await poll(() => page.getByTestId('passholder').count()).toBe(1);
    expect(await scan()).toEqual([]);
    await page.getByRole('button', { name: 'Tik Geblokkeerde pas' }).click();
    await poll(() => page.getByTestId('identification-message').count()).toBe(1);
    expect(await scan()).toEqual([]);
  });

  it('switches to French and saves the French screens', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Comptoir UiTPAS');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-BE');
    await page.getByRole('button', { name: 'Présenter Anna (chip)' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Tarif social');
    await page.screenshot({ path: `${ARTIFACTS}passholder.fr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Présenter Geblokkeerde pas' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blocked');
    await page.screenshot({ path: `${ARTIFACTS}blocked-card.fr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });
});

describe('training mode', () => {
  it('is marked on the screen', async () => {
    const training = await startBrowserMode({
      settings: {
        ...stationSettingsFromEnv({}),
        station: { ...stationSettingsFromEnv({}).station, trainingMode: true },
      },
    });
    try {
      await page.goto(training.host.url);
      await poll(() => page.getByTestId('training-banner').innerText()).toContain('OEFENMODUS');
      await page.screenshot({ path: `${ARTIFACTS}training.nl.png` });
    } finally {
      await training.stop();
    }
  });
});
