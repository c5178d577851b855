// Rewards, the review list, every-tap mode, shortcuts and the offline scenario in real Chromium (browser
// mode) against the sandbox: the built renderer served by the terminal's browser host. One browser.
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
import { launchChromium } from '../../../test/support/chromium.ts';

/** The machine is shared and slow at times: wait for behaviour, never for a number of milliseconds. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/counter/', import.meta.url));
let sandbox: SandboxHandle;
let dataDir: string;
let browser: Browser;
let counter: Awaited<ReturnType<typeof startBrowserMode>>;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const seed = () => sandbox.seed;
const CONCERT = 'Concert: Meetjeslandse Harmonie';

function settings(): StationSettings {
  const s = seed();
  return {
    backend: 'api',
    apiBaseUrl: sandbox.baseUrl,
    tokenUrl: `${sandbox.baseUrl}/realms/uitid/protocol/openid-connect/token`,
    clientId: s.CLIENTS.counter.clientId,
    clientSecret: s.CLIENTS.counter.clientSecret,
    ledgerFile: join(dataDir, 'ledger.sqlite'),
    stationId: 'counter-rewards',
    staffId: 'staff-rewards',
    station: {
      environment: 'sandbox',
      language: 'nl',
      trainingMode: false,
      simulator: true,
      organizerId: s.ORGANIZERS.ccEeklo.id,
      simulatorCards: [
        { label: 'Amira', value: s.PASSHOLDERS.amira.chipNumber },
        { label: 'Jonas', value: s.PASSHOLDERS.jonas.chipNumber },
        { label: 'Fatima', value: s.PASSHOLDERS.fatima.chipNumber },
        { label: 'Noah', value: s.PASSHOLDERS.noah.chipNumber },
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
  dataDir = await mkdtemp(join(tmpdir(), 'counter-rewards-e2e-'));
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
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
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
const focusedLabel = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });
const live = async (passholderId: string) =>
  (await sandbox.admin.state()).redemptions.filter(
    (r) => r.passholder_id === passholderId && r.deleted_at === null,
  );
const reward = (id: string) => page.locator(`[data-testid="reward"][data-reward-id="${id}"]`);

async function typeAndIdentify(uitpasNumber: string, name: string) {
  await identifyField().fill(uitpasNumber);
  await page.keyboard.press('Enter');
  await poll(() => page.getByTestId('passholder').innerText()).toContain(name);
}

async function axeProblems() {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('rewards at the counter in Chromium', () => {
  it(
    'redeems a welcome and a points reward with confirmation (balance, cost, code), explains a refusal, undoes',
    { timeout: 120_000 },
    async () => {
      const { amira } = seed().PASSHOLDERS;
      const { welkom, filmticket, uitverkocht } = seed().REWARDS;
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Amira');
      await page.keyboard.press('F6');
      await poll(() => page.getByTestId('rewards-balance').innerText()).toBe(`Saldo: ${amira.points} punten`);
      // Not redeemable: said so, with the reason, and no button.
      await poll(() => reward(uitverkocht.id).getAttribute('data-redeemable')).toBe('false');
      expect(await reward(uitverkocht.id).getByTestId('reward-reason').innerText()).toMatch(
        /Kan nu niet omgeruild worden: .{5,}/,
      );
      expect(await reward(uitverkocht.id).getByRole('button').count()).toBe(0);
      // Focus lands on the first redeemable reward: Enter asks for confirmation, Enter again redeems.
      await poll(focusedLabel).toMatch(/^Omruilen: /);
      await page.getByRole('button', { name: `Omruilen: ${welkom.title}` }).click();
      await poll(() => page.getByTestId('redeem-confirm').innerText()).toContain(`${amira.points} punten`);
      await poll(focusedLabel).toBe('Bevestigen en omruilen');
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('redeem-result').innerText()).toContain(`${welkom.title} omgeruild.`);
      expect(await page.getByTestId('redeem-info').innerText()).toContain('Toon dit scherm');
      expect((await live(amira.id)).map((r) => r.reward_id)).toEqual([welkom.id]);

      await page.getByRole('button', { name: `Omruilen: ${filmticket.title}` }).click();
      const confirm = await page.getByTestId('redeem-confirm').innerText();
      expect(confirm).toContain(`${filmticket.points} punten`);
      expect(await page.getByTestId('balance-after').innerText()).toBe(
        `${amira.points - filmticket.points} punten`,
      );
      await page.screenshot({ path: `${ARTIFACTS}rewards-confirm.nl.png`, fullPage: true });
      await page.getByRole('button', { name: 'Bevestigen en omruilen' }).click();
      await poll(() => page.getByTestId('redeem-code').innerText()).toMatch(/^[0-9A-F]{8}$/);
      await poll(() => page.getByTestId('rewards-balance').innerText()).toBe(
        `Saldo: ${amira.points - filmticket.points} punten`,
      );
      await page.screenshot({ path: `${ARTIFACTS}rewards-redeemed.nl.png`, fullPage: true });
      expect(await live(amira.id)).toHaveLength(2);
      const code = await page.getByTestId('redeem-code').innerText();
      expect((await live(amira.id)).find((r) => r.reward_id === filmticket.id)?.redeem_code).toBe(code);

      await page.getByRole('button', { name: `Ongedaan maken: ${filmticket.title}` }).click();
      await poll(() => page.getByTestId('redeem-undone').innerText()).toContain('Omruiling ongedaan gemaakt');
      await poll(() => page.getByTestId('rewards-balance').innerText()).toBe(`Saldo: ${amira.points} punten`);
      expect((await live(amira.id)).map((r) => r.reward_id)).toEqual([welkom.id]);

      await page.getByRole('button', { name: 'Français' }).click();
      await poll(() => page.getByTestId('rewards').locator('h2').innerText()).toBe('Avantages');
      await page.screenshot({ path: `${ARTIFACTS}rewards.fr.png`, fullPage: true });
      await page.getByRole('button', { name: 'Nederlands' }).click();
      expect(consoleErrors).toEqual([]);
    },
  );

  it(
    'review list: a refused redemption with the API message, retried; another dismissed with a note',
    { timeout: 120_000 },
    async () => {
      const { jonas } = seed().PASSHOLDERS;
      const { koffie, draagtas } = seed().REWARDS;
      const refuse = async (rewardTitle: string) => {
        await page.getByRole('button', { name: 'Tik Jonas' }).click();
        await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
        await page.keyboard.press('F6');
        await poll(() => page.getByTestId('rewards-balance').count()).toBe(1);
        // The points are spent elsewhere between the list and the redemption: UiTPAS refuses it.
        await sandbox.admin.setPoints(jonas.id, 0);
        await page.getByRole('button', { name: `Omruilen: ${rewardTitle}` }).click();
        await page.getByRole('button', { name: 'Bevestigen en omruilen' }).click();
        await poll(() => page.getByTestId('redeem-result').innerText()).toContain('Omruilen geweigerd');
        await sandbox.admin.setPoints(jonas.id, jonas.points);
      };
      await refuse(koffie.title);
      await poll(() => page.getByTestId('review-badge').innerText()).toContain('Na te kijken: 1');
      await page.keyboard.press('F8');
      const item = page.getByTestId('review-item');
      await poll(() => item.count()).toBe(1);
      expect(await item.getAttribute('data-state')).toBe('rejected');
      expect((await item.getByTestId('review-message').innerText()).length).toBeGreaterThan(5);
      await page.screenshot({ path: `${ARTIFACTS}review-list.nl.png`, fullPage: true });
      await item.getByRole('button', { name: 'Opnieuw versturen' }).click();
      await poll(() => item.count()).toBe(0);
      await poll(async () => (await live(jonas.id)).map((r) => r.reward_id)).toEqual([koffie.id]);
      await poll(() => page.getByTestId('review-badge').innerText()).toContain('Na te kijken: 0');

      await refuse(draagtas.title);
      await poll(() => item.count()).toBe(1);
      await item.getByRole('button', { name: 'Wegzetten' }).click();
      const note = page.getByLabel('Notitie (verplicht): waarom wegzetten?');
      await poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
      // Esc in the note does not send the customer away.
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('passholder').count()).toBe(1);
      await page.keyboard.type('Punten elders gebruikt');
      await page.getByRole('button', { name: 'Wegzetten met notitie' }).click();
      await poll(() => item.count()).toBe(0);
      await poll(() => page.getByTestId('review-badge').innerText()).toContain('Na te kijken: 0');
      expect(await live(jonas.id)).toHaveLength(1);
      await page.getByRole('button', { name: 'Français' }).click();
      await page.keyboard.press('F8');
      await page.keyboard.press('F8');
      await poll(() => page.getByTestId('review-list').locator('h2').innerText()).toBe('À vérifier');
      await page.screenshot({ path: `${ARTIFACTS}review-list.fr.png`, fullPage: true });
      await page.getByRole('button', { name: 'Nederlands' }).click();
    },
  );

  it(
    'shows an uncertain redemption without a dismiss, and checks it at UiTPAS on request',
    { timeout: 120_000 },
    async () => {
      const { noah } = seed().PASSHOLDERS;
      await page.getByRole('button', { name: 'Tik Noah' }).click();
      await poll(() => page.getByTestId('passholder').innerText()).toContain('Noah');
      await page.keyboard.press('F6');
      await poll(() => page.getByTestId('rewards-balance').count()).toBe(1);
      await sandbox.admin.addFault({
        route: 'POST /rewards/redeemed',
        kind: 'status',
        status: 500,
        remaining: 1,
      });
      await sandbox.admin.addFault({
        route: 'GET /rewards/redeemed',
        kind: 'status',
        status: 500,
        remaining: 1000,
      });
      await page.getByRole('button', { name: `Omruilen: ${seed().REWARDS.koffie.title}` }).click();
      await page.getByRole('button', { name: 'Bevestigen en omruilen' }).click();
      await poll(() => page.getByTestId('redeem-result').count()).toBe(1);
      await page.keyboard.press('F8');
      const item = page.locator('[data-testid="review-item"][data-state="uncertain"]');
      await poll(() => item.count()).toBe(1);
      expect(await item.innerText()).toContain('Uitkomst onbekend');
      expect(await item.getByRole('button', { name: 'Wegzetten' }).count()).toBe(0);
      await sandbox.admin.clearFaults();
      await item.getByRole('button', { name: 'Nu nakijken bij UiTPAS' }).click();
      await poll(() => item.count()).toBe(0);
      await poll(async () => (await live(noah.id)).length).toBe(1);
    },
  );

  it(
    'checks in on every tap and shows the outcome large; off again afterwards',
    { timeout: 120_000 },
    async () => {
      const { fatima } = seed().PASSHOLDERS;
      const select = page.getByLabel('Activiteit voor inchecken bij elke tik');
      await poll(() => select.locator('option').count()).toBeGreaterThan(1);
      await select.selectOption({ label: CONCERT });
      await poll(() => page.getByTestId('every-tap-on').innerText()).toContain(CONCERT);
      await page.getByRole('button', { name: 'Tik Fatima' }).click();
      await poll(() => page.getByTestId('every-tap-result').getAttribute('data-ok')).toBe('true');
      expect(await page.getByTestId('every-tap-result').innerText()).toContain('Ingecheckt');
      await page.screenshot({ path: `${ARTIFACTS}every-tap.nl.png`, fullPage: true });
      await page.getByRole('button', { name: 'Tik Fatima' }).click();
      await poll(() => page.getByTestId('every-tap-result').getAttribute('data-ok')).toBe('false');
      expect(await page.getByTestId('every-tap-result').innerText()).toContain('Geweigerd');
      const rows = (await sandbox.admin.state()).checkins.filter(
        (c) => c.passholder_id === fatima.id && c.deleted_at === null,
      );
      expect(rows).toHaveLength(1);
      expect(await axeProblems()).toEqual([]);
      await page.getByRole('button', { name: 'Français' }).click();
      await poll(() => page.getByTestId('every-tap-on').innerText()).toContain('Activé');
      await page.screenshot({ path: `${ARTIFACTS}every-tap.fr.png`, fullPage: true });
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await select.selectOption({ label: 'Uit' });
      await poll(() => page.getByTestId('every-tap-on').count()).toBe(0);
    },
  );

  it('keyboard: F2 identify field, F3 check in, F6 rewards, F8 review, Esc next customer; shortcuts shown', async () => {
    const { jonas } = seed().PASSHOLDERS;
    expect(await page.getByTestId('shortcuts').innerText()).toMatch(
      /F2[\s\S]*Nummer typen[\s\S]*Esc[\s\S]*Volgende klant/,
    );
    await page.getByRole('button', { name: 'Tik Amira' }).focus();
    await page.keyboard.press('F2');
    await poll(() => identifyField().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(jonas.uitpasNumber);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('passholder').innerText()).toContain('Jonas');
    await page.keyboard.press('F3');
    await poll(() => page.getByTestId('checkin-result').count()).toBe(1);
    await page.keyboard.press('F6');
    await poll(() => page.getByTestId('rewards-balance').count()).toBe(1);
    await page.keyboard.press('F8');
    await poll(() => page.getByTestId('review-list').count()).toBe(1);
    await page.keyboard.press('F8');
    await poll(() => page.getByTestId('review-list').count()).toBe(0);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('passholder').count()).toBe(0);
    await poll(() => identifyField().evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing in the field is untouched by the shortcuts.
    await page.keyboard.type('04000');
    expect(await identifyField().inputValue()).toBe('04000');
  });

  it(
    'has no serious or critical axe violations on the rewards screen and the review list',
    { timeout: 120_000 },
    async () => {
      await page.getByRole('button', { name: 'Tik Amira' }).click();
      await poll(() => page.getByTestId('passholder').count()).toBe(1);
      await page.keyboard.press('F6');
      await poll(() => page.getByTestId('rewards-balance').count()).toBe(1);
      await page.getByRole('button', { name: `Omruilen: ${seed().REWARDS.koffie.title}` }).click();
      await poll(() => page.getByTestId('redeem-confirm').count()).toBe(1);
      await page.keyboard.press('F8');
      await poll(() => page.getByTestId('review-list').count()).toBe(1);
      expect(await axeProblems()).toEqual([]);
    },
  );
});

describe('offline', () => {
  it(
    'sandbox stopped: check-in and redemption recorded, tariff provisional; back: the queue drains, each held once',
    { timeout: 180_000 },
    async () => {
      const { lotte, amira } = seed().PASSHOLDERS;
      const { welkom } = seed().REWARDS;
      // Online first: Amira's kansentarief and Lotte's rewards are received (and kept on this device).
      await typeAndIdentify(amira.uitpasNumber, 'Amira');
      await page.getByRole('button', { name: `Kansentarief voor ${CONCERT}` }).click();
      await poll(() => page.getByTestId('sale-total').count()).toBe(1);
      expect(await page.getByTestId('tariff-provisional').count()).toBe(0);
      await typeAndIdentify(lotte.uitpasNumber, 'Lotte');
      await page.keyboard.press('F6');
      await poll(() => page.getByTestId('rewards-balance').count()).toBe(1);
      const before = (await sandbox.admin.state()).checkins.filter(
        (c) => c.passholder_id === lotte.id,
      ).length;

      await sandbox.stop();
      await typeAndIdentify(lotte.uitpasNumber, 'Lotte');
      await poll(() => page.getByTestId('cached-at').count()).toBe(1);
      await page.keyboard.press('F6');
      await poll(() => page.getByTestId('rewards-offline').count()).toBe(1);
      // Lotte has 3 points: the coffee (5 points) is refused by the offline rules, the welcome reward is not.
      expect(await reward(seed().REWARDS.koffie.id).getAttribute('data-redeemable')).toBe('false');
      await page.getByRole('button', { name: `Omruilen: ${welkom.title}` }).click();
      await page.getByRole('button', { name: 'Bevestigen en omruilen' }).click();
      await poll(() => page.getByTestId('redeem-result').innerText()).toContain('zodra er verbinding is');
      await page.getByRole('button', { name: 'Inchecken voor Workshop keramiek' }).click();
      await poll(() => page.getByTestId('checkin-result').innerText()).toContain('zodra er verbinding is');
      await poll(() => page.getByTestId('queue-depth').innerText()).toContain('Wachtrij: 2');
      await page.screenshot({ path: `${ARTIFACTS}rewards-offline.nl.png`, fullPage: true });

      await typeAndIdentify(amira.uitpasNumber, 'Amira');
      await page.getByRole('button', { name: `Kansentarief voor ${CONCERT}` }).click();
      await poll(() => page.getByTestId('tariff-provisional').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('tariff-provisional').first().innerText()).toContain(
        'Voorlopig tarief (offline)',
      );
      await page.screenshot({ path: `${ARTIFACTS}tariff-provisional.nl.png`, fullPage: true });
      await page.getByRole('button', { name: 'Français' }).click();
      await poll(() => page.getByTestId('tariff-provisional').first().innerText()).toContain(
        'Tarif provisoire',
      );
      await page.screenshot({ path: `${ARTIFACTS}tariff-provisional.fr.png`, fullPage: true });
      await page.getByRole('button', { name: 'Nederlands' }).click();

      // Watch the status bar while the sandbox comes back: the queue is seen draining to 0.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { queueSeen: string[] }).queueSeen = seen;
        const note = () => {
          const text = document.querySelector('[data-testid="queue-depth"]')?.textContent ?? '';
          if (seen[seen.length - 1] !== text) seen.push(text);
        };
        note();
        new MutationObserver(note).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await sandbox.restart();
      await poll(() => page.getByTestId('queue-depth').innerText()).toBe('Wachtrij: 0');
      await poll(() => page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1);
      const seen = await page.evaluate(() => (window as unknown as { queueSeen: string[] }).queueSeen);
      expect(seen[0]).toContain('Wachtrij: 2');
      expect(seen[seen.length - 1]).toBe('Wachtrij: 0');
      const state = await sandbox.admin.state();
      expect(state.checkins.filter((c) => c.passholder_id === lotte.id).length).toBe(before + 1);
      expect(
        state.redemptions
          .filter((r) => r.passholder_id === lotte.id && r.deleted_at === null)
          .map((r) => r.reward_id),
      ).toEqual([welkom.id]);
    },
  );
});
