// The counter in real Chromium (browser mode): the built renderer served by the terminal's browser host,
// driven by typed input, simulated taps and keyboard-wedge scans. One browser for the whole file.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { fallbackMessage, uitpasCheckDigit, type ProblemTypeName } from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { StationSettings } from '@uitpas/terminal/station';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../src/browser-mode.node.ts';
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

const seed = () => sandbox.seed;
const unknownNumber = `040000099901${uitpasCheckDigit('040000099901')}`;

function settings(overrides: Partial<StationSettings['station']> = {}): StationSettings {
  const s = seed();
  return {
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    ledgerFile: join(dataDir, `ledger-${Math.random().toString(36).slice(2)}.sqlite`),
    stationId: 'counter-test',
    staffId: 'staff-test',
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: true,
      organizerId: s.ORGANIZERS.ccEeklo.id,
      simulatorCards: [
        { label: 'Amira', value: s.PASSHOLDERS.amira.chipNumber },
        { label: 'Jonas', value: s.PASSHOLDERS.jonas.chipNumber },
        { label: 'Kobe (geblokkeerd)', value: s.PASSHOLDERS.kobe.chipNumber },
        { label: 'Nieuwe kaart', value: s.STOCK_CARDS[0].chipNumber },
        { label: 'Groepspas', value: s.GROUP_PASSES.deSleutel.chipNumber },
      ],
      ...overrides,
    },
  };
}

beforeAll(async () => {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
  });
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'counter-e2e-'));
  sandbox = await startSandbox();
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
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
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
/** A keyboard-wedge scanner: the whole code and its Enter in one burst, as fast as the hardware types. */
const scannerTypes = (code: string) =>
  page.evaluate((keys) => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const key of [...keys, 'Enter']) {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  }, code);
const visibleText = () => page.locator('body').innerText();
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

const CONCERT = 'Concert: Meetjeslandse Harmonie';

/** Keeps the screen as it is as an artifact in Dutch and in French, then goes back to Dutch. */
async function shoot(name: string, options: { fullPage?: boolean } = { fullPage: true }): Promise<void> {
  const lang = () => page.evaluate(() => document.documentElement.lang);
  await page.screenshot({ ...options, path: `${ARTIFACTS}${name}.nl.png` });
  await page.getByRole('button', { name: 'Français' }).click();
  await poll(lang).toBe('fr-BE');
  await page.screenshot({ ...options, path: `${ARTIFACTS}${name}.fr.png` });
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await poll(lang).toBe('nl-BE');
}

describe('the counter in Chromium against the sandbox', () => {
  it('identifies a typed number and checks the pass holder in, keyboard only; the sandbox holds it once', async () => {
    const amira = seed().PASSHOLDERS.amira;
    await poll(() => identifyField().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(amira.uitpasNumber);
    await poll(() => page.getByTestId('identify-message').innerText()).toBe('Geldig UiTPAS-nummer.');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    // Focus lands on the first check-in: Enter checks in.
    const checkin = page.getByRole('button', { name: `Inchecken voor ${CONCERT}` });
    await poll(() => checkin.count()).toBe(1);
    await checkin.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain(`Ingecheckt voor ${CONCERT}`);
    await shoot('passholder-checked-in');
    const state = await sandbox.admin.state();
    const rows = state.checkins.filter((c) => c.passholder_id === amira.id && c.deleted_at === null);
    expect(rows).toHaveLength(1);
  });

  it('moves focus to the first check-in once a pass holder is identified', async () => {
    await page.getByRole('button', { name: 'Tik Jonas' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      /^Inchecken voor /,
    );
  });

  it('shows the refusal of a second check-in on the same day in Dutch', async () => {
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    await page.getByRole('button', { name: `Inchecken voor ${CONCERT}` }).click();
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain('Inchecken geweigerd');
    expect(consoleErrors).toEqual([]);
  });

  it('wrong-person guard: after tap B nothing of A remains', async () => {
    await page.getByRole('button', { name: 'Tik Jonas' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    const text = await screenAboutPeople();
    const jonas = seed().PASSHOLDERS.jonas;
    for (const trace of [
      'Jonas',
      jonas.name,
      '0400 000 010 209',
      `${jonas.points} punten`,
      'Ingecheckt',
      'geweigerd',
    ]) {
      expect(text, trace).not.toContain(trace);
    }
  });

  it('wrong-person guard with a slow API: a late check-in answer for A never shows on B', async () => {
    const noah = seed().PASSHOLDERS.noah;
    await sandbox.admin.addFault({
      route: 'POST /checkins',
      kind: 'latency',
      latencyMs: 2_500,
      remaining: 1,
    });
    await identifyField().fill(noah.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Noah');
    await page.getByRole('button', { name: `Inchecken voor ${CONCERT}` }).click();
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    // Noah's check-in still lands (staff confirmed it for Noah), but nothing of it reaches Amira's screen.
    await poll(
      async () =>
        (await sandbox.admin.state()).checkins.filter(
          (c) => c.passholder_id === noah.id && c.deleted_at === null,
        ).length,
    ).toBe(1);
    await poll(() => page.getByTestId('queue-depth').innerText()).toContain('Wachtrij: 0');
    const text = await screenAboutPeople();
    for (const trace of ['Noah', '0400 000 010 415', 'Ingecheckt']) expect(text, trace).not.toContain(trace);
    expect(await page.getByTestId('passholder').innerText()).toContain('Amira');
  });

  it('identifies a keyboard-wedge scan and a typed INSZ', async () => {
    const { jonas, amira } = seed().PASSHOLDERS;
    await scannerTypes(jonas.uitpasNumber);
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await identifyField().fill(amira.inszNumber);
    await poll(() => page.getByTestId('identify-message').innerText()).toBe('Geldig rijksregisternummer.');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    expect(await visibleText()).not.toContain(amira.inszNumber);
  });

  it('sells a ticket at kansentarief: tariffs from the API, the amount to collect, registered once', async () => {
    const amira = seed().PASSHOLDERS.amira;
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    await page.getByRole('button', { name: `Kansentarief voor ${CONCERT}` }).click();
    const count = page.getByRole('spinbutton').first();
    await poll(() => count.count()).toBe(1);
    await poll(() => count.evaluate((el) => el === document.activeElement)).toBe(true);
    await count.fill('1');
    await poll(() => page.getByTestId('sale-total').innerText()).not.toBe('Te betalen: € 0,00');
    const total = await page.getByTestId('sale-total').innerText();
    await page.getByRole('button', { name: 'Verkoop registreren' }).click();
    await poll(() => page.getByTestId('sale-result').innerText()).toContain('Geregistreerd: 1 ticket(s).');
    expect(await page.getByTestId('sale-result').innerText()).toContain(total.replace('Te betalen: ', ''));
    await shoot('kansentarief');
    const sales = (await sandbox.admin.state()).ticketSales.filter(
      (t) => t.passholder_id === amira.id && t.deleted_at === null,
    );
    expect(sales).toHaveLength(1);
  });

  it('explains in Dutch when a pass holder has no kansentarief', async () => {
    await page.getByRole('button', { name: 'Tik Jonas' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await page.getByRole('button', { name: `Kansentarief voor ${CONCERT}` }).click();
    await poll(() => page.getByTestId('tariffs').innerText()).toMatch(/kansentarief|tarief|UiTPAS/i);
    expect(await page.getByRole('button', { name: 'Verkoop registreren' }).isDisabled()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('undoes a check-in: the sandbox keeps it as deleted', async () => {
    const fatima = seed().PASSHOLDERS.fatima;
    await identifyField().fill(fatima.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Fatima');
    await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain('Ingecheckt');
    await page.getByRole('button', { name: 'Ongedaan maken: Workshop keramiek' }).click();
    await poll(() => page.getByTestId('undone').count()).toBe(1);
    await poll(async () => {
      const rows = (await sandbox.admin.state()).checkins.filter((c) => c.passholder_id === fatima.id);
      return rows.length === 1 && rows[0]?.deleted_at !== null;
    }).toBe(true);
  });

  it('keeps invalid typed input and explains it in Dutch, without a lookup', async () => {
    await identifyField().fill('0400000010119');
    await poll(() => page.getByTestId('identify-message').innerText()).toContain('controlecijfer is fout');
    await page.keyboard.press('Enter');
    expect(await identifyField().inputValue()).toBe('0400000010119');
    expect(await identifyField().getAttribute('aria-invalid')).toBe('true');
    await identifyField().fill('12345');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identify-message').innerText()).toContain('Dit is geen UiTPAS-nummer');
    expect(await identifyField().inputValue()).toBe('12345');
    expect(await page.getByTestId('identification').count()).toBe(0);
  });

  it('answers a garbage scan, an unknown card, a blocked card and a blank card clearly, in Dutch', async () => {
    await scannerTypes('zz-not-a-pass!');
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('invalid-input');
    expect(await page.getByTestId('identification-message').innerText()).toMatch(
      /geen UiTPAS-nummer|ongeldige tekens/,
    );

    await identifyField().fill(unknownNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('unknown');
    expect((await page.getByTestId('identification-message').innerText()).length).toBeGreaterThan(10);

    await page.getByRole('button', { name: 'Tik Kobe (geblokkeerd)' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blocked');
    expect(await page.getByTestId('identification-message').innerText()).toMatch(/[a-z]{4,}/);
    await shoot('blocked-card');

    await page.getByRole('button', { name: 'Tik Nieuwe kaart' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blank-card');
    expect(await visibleText()).toContain('Nieuwe pashouder registreren');

    await page.getByRole('button', { name: 'Tik Groepspas' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('group-pass');
    expect(consoleErrors).toEqual([]);
  });

  it('shows the Dutch message of each API problem on every flow, keeping what was entered', async () => {
    const { jonas, amira } = seed().PASSHOLDERS;
    const inject = (route: string, problem: ProblemTypeName) =>
      sandbox.admin.addFault({ route, kind: 'problem', problem, endUserMessage: false, remaining: 1 });

    await inject('GET /passes', 'uitpas/passholder-blocked');
    await identifyField().fill(jonas.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identification-message').innerText()).toBe(
      fallbackMessage('uitpas/passholder-blocked'),
    );

    await inject('GET /passes', 'auth/forbidden');
    await identifyField().fill(jonas.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('identification-message').innerText()).toBe(
      fallbackMessage('auth/forbidden'),
    );

    await identifyField().fill(jonas.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await inject('POST /checkins', 'uitpas/checkin-not-allowed');
    await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
    await poll(() => page.getByTestId('checkin-result').innerText()).toContain(
      fallbackMessage('uitpas/checkin-not-allowed'),
    );

    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    await inject('GET /tariffs', 'uitpas/social-tariff-expired');
    await page.getByRole('button', { name: `Kansentarief voor ${CONCERT}` }).click();
    await poll(() => page.getByTestId('tariffs').innerText()).toContain(
      fallbackMessage('uitpas/social-tariff-expired'),
    );

    // Amira bought her kansentarief ticket for the concert above; the workshop still has one for her.
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
    await page.getByRole('button', { name: 'Kansentarief voor Workshop keramiek' }).click();
    const count = page.getByRole('spinbutton').first();
    await poll(() => count.count()).toBe(1);
    await count.fill('1');
    const salesOf = async (id: string) =>
      (await sandbox.admin.state()).ticketSales.filter((t) => t.passholder_id === id).length;
    const before = await salesOf(amira.id);
    await inject('POST /ticket-sales', 'uitpas/maximum-reached');
    await page.getByRole('button', { name: 'Verkoop registreren' }).click();
    await poll(() => page.getByTestId('sale-result').innerText()).toContain(
      fallbackMessage('uitpas/maximum-reached'),
    );
    expect(await count.inputValue()).toBe('1');
    await shoot('problem-ticket-sale');
    expect(await salesOf(amira.id)).toBe(before);
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
    await page.getByRole('button', { name: 'Tik Amira' }).click();
    await poll(() => page.getByTestId('passholder').count()).toBe(1);
    expect(await scan()).toEqual([]);
    await page.getByRole('button', { name: 'Tik Kobe (geblokkeerd)' }).click();
    await poll(() => page.getByTestId('identification-message').count()).toBe(1);
    expect(await scan()).toEqual([]);
  });

  it('switches to French and saves the French screens', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Comptoir UiTPAS');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-BE');
    await page.getByRole('button', { name: 'Présenter Amira' }).click();
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Tarif social');
    await page.screenshot({ path: `${ARTIFACTS}passholder.fr.png`, fullPage: true });
    await page.getByRole('button', { name: 'Présenter Kobe (geblokkeerd)' }).click();
    await poll(() => page.getByTestId('identification').getAttribute('data-kind')).toBe('blocked');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('UiTPAS balie');
  });
});

describe('training mode', () => {
  it('is marked on the screen', async () => {
    const training = await startBrowserMode({ settings: settings({ trainingMode: true }) });
    try {
      await page.goto(training.host.url);
      await poll(() => page.getByTestId('training-banner').innerText()).toContain('OEFENMODUS');
      await shoot('training', {});
    } finally {
      await training.stop();
    }
  });
});

describe('offline', () => {
  it(
    'identifies from the cache, queues a check-in, and syncs it exactly once when the API is back',
    { timeout: 180_000 },
    async () => {
      const lotte = seed().PASSHOLDERS.lotte;
      await identifyField().fill(lotte.uitpasNumber);
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Lotte');

      await sandbox.stop();
      await identifyField().fill(lotte.uitpasNumber);
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('cached-at').count()).toBe(1);
      expect(await page.getByTestId('passholder').innerText()).toContain('Lotte');
      await poll(() => page.getByRole('status').filter({ hasText: 'Offline' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
      await poll(() => page.getByTestId('checkin-result').innerText()).toContain('zodra er verbinding is');
      await poll(() => page.getByTestId('queue-depth').innerText()).toContain('Wachtrij: 1');
      await shoot('offline-queued');

      await sandbox.restart();
      await poll(() => page.getByTestId('queue-depth').innerText()).toContain('Wachtrij: 0');
      await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
      const state = await sandbox.admin.state();
      expect(
        state.checkins.filter((c) => c.passholder_id === lotte.id && c.deleted_at === null),
      ).toHaveLength(1);
    },
  );
});
