// The kiosk end to end in browser mode: the built page in real Chromium, the terminal in this process with
// real pcscd + vpcd and a VirtualCard for taps, a real SQLite ledger, and the sandbox over loopback (as a
// child process, so it can go down for the offline case). One Chromium for the whole file.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { acquirePcscd, VirtualCard, type PcscdLease } from '@uitpas/reader-driver/testing';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskServer, type KioskServer } from '../src/browser/serve.node.ts';
import { launchChromium } from '../../../test/support/chromium.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHOTS = join(ROOT, 'artifacts', 'kiosk');
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PIN = '2468';

const CHIPS = {
  amira: '04a1b2c3d4e5f6',
  jonas: '04b2c3d4e5f607',
  noah: '04d4e5f6071829',
  blocked: '04f60718293a4b',
  groupPass: '045c6d7e8f90a1',
  /** In no seed data: a card UiTPAS does not know. */
  unknown: '04c0ffee00beef',
};
const NOAH_UITPAS = '0400000010415';

let lease: PcscdLease;
let sandbox: SandboxHandle;
let server: KioskServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;

async function tap(uid: string): Promise<void> {
  const card = new VirtualCard({ uid });
  await card.insert();
  // Long enough for pcscd to notice the card (it polls about every 400 ms), then lift it.
  await new Promise((r) => setTimeout(r, 1200));
  card.remove();
}

async function answer(outcome: string): Promise<void> {
  await page.locator(`[data-testid="answer"][data-outcome="${outcome}"]`).waitFor({ timeout: 15_000 });
}

async function axe(target: Page = page): Promise<void> {
  const result = await new AxeBuilder({ page: target }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shootAsIs(state: string, language: string, shows?: string, keepAlive = false): Promise<void> {
  for (const [name, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    // A touch on an empty corner counts as the visitor being there: a screenshot on a loaded machine can
    // take longer than the idle time, and the reset would replace the state being shot.
    if (keepAlive) await page.mouse.click(4, size.height - 4);
    // The shot must show the state it is named after, not what the idle reset left.
    if (shows !== undefined) await page.locator(shows).waitFor({ timeout: 1000 });
    await page.screenshot({ path: join(SHOTS, `${state}-${language}-${name}.png`) });
  }
}

/**
 * Screenshots of the current state in portrait and landscape, Dutch and French. Visitor answers go before
 * axe: on a loaded machine a scan can outlast the idle reset.
 */
async function shoot(
  state: string,
  languages: ('nl' | 'fr')[] = ['nl', 'fr'],
  shows?: string,
): Promise<void> {
  for (const language of languages) {
    const chip = page.locator(`.languages button[lang="${language}"]`);
    if ((await chip.count()) > 0) await chip.click();
    await shootAsIs(state, language, shows, shows !== undefined);
  }
  const nl = page.locator('.languages button[lang="nl"]');
  if ((await nl.count()) > 0) await nl.click();
}

const ANSWER = (outcome: string) => `[data-testid="answer"][data-outcome="${outcome}"]`;

/** The seed's "today" activity is open all day; noon keeps the test clear of midnight. */
async function noonInBrussels(): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await sandbox.admin.setClock(`${today}T11:00:00Z`);
}

/** 23:45 in Brussels today (winter or summer time): after the seed's "today" activity, before midnight. */
async function lateEveningInBrussels(): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const at = ['21', '22'].map((h) => new Date(`${today}T${h}:45:00Z`)).find((d) => hour.format(d) === '23');
  if (at === undefined) throw new Error('no 23:45 in Brussels today');
  await sandbox.admin.setClock(at);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await build({
    configFile: fileURLToPath(new URL('../vite.config.node.ts', import.meta.url)),
    logLevel: 'warn',
  });
  lease = await acquirePcscd();
  sandbox = await startSandbox();
  await noonInBrussels();
  dataDir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-e2e-'));
  server = await startKioskServer({
    dataDir,
    apiBaseUrl: sandbox.baseUrl,
    clientId: 'sandbox-balie',
    readers: 'pcsc',
    pcscInclude: /^Virtual PCD/,
    idleSeconds: 5,
    tapAnswerMs: 3000,
    syncIntervalMs: 1000,
    repeatIntervalMs: 0,
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: LANDSCAPE });
  page = await context.newPage();
  await page.goto(server.url);
}, 330_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sandbox?.dispose();
  await lease?.release();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('kiosk setup', () => {
  it('opens on the setup screen and refuses an unknown configuration code clearly', async () => {
    await page.getByTestId('setup').waitFor();
    await axe();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel('Code de configuration').waitFor();
    await shoot('setup');
    await page.getByLabel('Configuratiecode').fill('GEEN-GELDIGE-CODE');
    await page.getByLabel('Pincode voor het IT-scherm (4 tot 8 cijfers)').fill(PIN);
    await page.getByRole('button', { name: 'Zuil instellen' }).click();
    await expect(page.getByTestId('setup-error').textContent()).resolves.toContain(
      'configuratiecode is niet gekend',
    );
    await shoot('setup-error');
  });

  it('sets up with the region code, then shows the attract screen with the activity and its QR', async () => {
    await page.getByLabel('Configuratiecode').fill(sandbox.seed.KIOSKS.maldegem.configurationCode);
    await page.getByLabel('Naam van de zuil').fill('Zuil bib Maldegem');
    await page.getByRole('button', { name: 'Zuil instellen' }).click();
    await page.getByTestId('attract').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Hou je UiTPAS tegen de lezer',
    );
    await expect(page.getByTestId('activity').textContent()).resolves.toContain('Voorleesuurtje');
    await expect(page.locator('svg.qr').count()).resolves.toBe(1);
    for (const name of ['Nederlands', 'Français', 'English', 'Deutsch'])
      await expect(page.getByRole('button', { name }).count()).resolves.toBe(1);
    await axe();
    await shoot('attract');
  });
});

describe('pass holders at the kiosk', () => {
  it('saves a point on a tap and shows the new total and the rewards', async () => {
    await tap(CHIPS.amira);
    await answer('saved');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Je spaarde 1 punt');
    await expect(page.getByTestId('total').textContent()).resolves.toBe('Je hebt nu 26 punten.');
    await page.getByTestId('rewards').waitFor();
    // Privacy: the kiosk shows no name at all (the kiosk API gives none).
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/Amira/);
    await shoot('saved', ['nl', 'fr'], ANSWER('saved'));
    await axe();
  });

  it('refuses a second tap the same day kindly', async () => {
    await tap(CHIPS.amira);
    await answer('already-saved');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Je spaarde vandaag al een punt',
    );
    await shoot('already-saved', ['nl', 'fr'], ANSWER('already-saved'));
    await axe();
  });

  it('sends a blocked card to the desk', async () => {
    await tap(CHIPS.blocked);
    await answer('card-blocked');
    await expect(page.locator('.desk').textContent()).resolves.toContain('balie');
    await shoot('blocked', ['nl', 'fr'], ANSWER('card-blocked'));
  });

  it('sends a card UiTPAS does not know to the desk', async () => {
    await tap(CHIPS.unknown);
    await answer('unknown-card');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'We herkennen deze kaart niet.',
    );
    await expect(page.locator('.desk').textContent()).resolves.toContain('balie');
    await shoot('unknown-card', ['nl', 'fr'], ANSWER('unknown-card'));
    await axe();
  });

  it('says a check-in the API does not allow cannot be saved now, with the API reason', async () => {
    // A group pass cannot check in: the API answers checkin-not-allowed, the "not now" refusal.
    await tap(CHIPS.groupPass);
    await answer('activity-over');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Voor deze activiteit kan je nu geen punten sparen.',
    );
    await expect(page.locator('.api-message').textContent()).resolves.toContain('groepspas');
    await shoot('activity-over', ['nl', 'fr'], ANSWER('activity-over'));
    await axe();
  });

  it('says so when the activity is over, and refuses a tap until one is open again', async () => {
    await lateEveningInBrussels();
    await tap(CHIPS.noah);
    await answer('no-activity');
    await shoot('no-activity', ['nl', 'fr'], ANSWER('no-activity'));
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.getByTestId('no-activity').waitFor({ timeout: 20_000 });
    await shoot('activity-ended', ['nl', 'fr'], '[data-testid="no-activity"]');
    await axe();
    await noonInBrussels();
    await page.getByTestId('activity').waitFor({ timeout: 20_000 });
    // Nothing was saved for the refused tap.
    const checkins = (await sandbox.admin.state()).checkins.filter((c) => c.uitpas_number === NOAH_UITPAS);
    expect(checkins).toHaveLength(0);
  }, 120_000);

  it('warns before the idle reset, lets the visitor stay, and then clears everything of the visit', async () => {
    await tap(CHIPS.jonas);
    await answer('saved');
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor({ timeout: 15_000 });
    await shootAsIs('idle-warning', 'nl', '[data-testid="idle-warning"]');
    await page.getByRole('button', { name: 'Ik ben er nog' }).click();
    await warning.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Français' }).click();
    await warning.waitFor({ timeout: 15_000 });
    await expect(warning.textContent()).resolves.toMatch(/L'écran recommence dans \d+ secondes/);
    // A language chip would count as activity here: shoot the countdown as it is.
    await shootAsIs('idle-warning', 'fr', '[data-testid="idle-warning"]');
    await page.getByRole('button', { name: 'Je suis encore là' }).click();
    await warning.waitFor({ state: 'detached' });
    await expect(page.getByTestId('answer').count()).resolves.toBe(1);
    // Untouched now: the warning comes back and, at least 20 s later, the screen starts over.
    await warning.waitFor({ timeout: 15_000 });
    // The scan has the countdown's 20 s; the reset that follows is awaited below.
    await axe();
    await page.getByTestId('attract').waitFor({ timeout: 40_000 });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/spaarde|punten\.|épargné|Voordelen om te ruilen/);
    await expect(page.evaluate(() => window.uitpasKioskVisitor?.())).resolves.toMatchObject({
      tap: undefined,
      language: 'nl',
      warningUntil: undefined,
    });
    await expect(page.evaluate(() => [localStorage.length, sessionStorage.length])).resolves.toEqual([0, 0]);
  }, 90_000);
});

describe('when things break', () => {
  it('says the reader is unavailable when its driver stops, and recovers by itself', async () => {
    await lease.stopPcscd();
    await page.getByTestId('reader-unavailable').waitFor({ timeout: 20_000 });
    await shoot('reader-unavailable');
    await lease.startPcscd();
    await page.getByTestId('reader-unavailable').waitFor({ state: 'detached', timeout: 30_000 });
  }, 60_000);

  it('queues a tap while the API is down, shows no number, and syncs it once when it is back', async () => {
    await sandbox.stop();
    await tap(CHIPS.noah);
    await answer('queued');
    const text = (await page.getByTestId('answer').textContent()) ?? '';
    expect(text).toContain('Je tap is bewaard');
    expect(text).not.toMatch(/Je spaarde|Je hebt nu/);
    await shoot('queued', ['nl', 'fr'], ANSWER('queued'));
    // On a loaded machine the screenshots can outlast the visitor's idle time, which already took the
    // screen back to attract; either way the visitor is done.
    await page
      .getByRole('button', { name: 'Klaar' })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await page.getByTestId('attract').waitFor({ timeout: 40_000 });
    await page.getByTestId('offline').waitFor();
    await shoot('offline', ['nl', 'fr'], '[data-testid="offline"]');
    await axe();
    await sandbox.restart();
    await expect
      .poll(
        async () =>
          (await sandbox.admin.state()).checkins.filter((c) => c.uitpas_number === NOAH_UITPAS).length,
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    await page.getByTestId('offline').waitFor({ state: 'detached', timeout: 20_000 });
    // Give the engine a few more rounds: the check-in must stay single.
    await new Promise((r) => setTimeout(r, 3000));
    const checkins = (await sandbox.admin.state()).checkins.filter((c) => c.uitpas_number === NOAH_UITPAS);
    expect(checkins).toHaveLength(1);
  }, 90_000);
});

describe('the IT screen', () => {
  it('opens on a long press, wants the PIN, shows health and takes a test tap without saving it', async () => {
    const corner = page.getByTestId('it-corner');
    const box = await corner.boundingBox();
    if (box === null) throw new Error('no IT corner');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.getByTestId('it-pin').waitFor({ timeout: 6000 });
    await page.mouse.up();
    await shoot('it-pin');
    await page.getByLabel('Pincode').fill('0000');
    await page.getByRole('button', { name: 'Openen' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Pincode').fill(PIN);
    await page.getByRole('button', { name: 'Openen' }).click();
    await page.getByTestId('it-screen').waitFor();
    await expect(page.getByTestId('app-version').textContent()).resolves.toMatch(/^\d+\.\d+\.\d+/);
    await expect(page.getByTestId('api-health').textContent()).resolves.toMatch(/bereikbaar, \d+ ms/);
    await expect(page.getByTestId('queue-depth').textContent()).resolves.toMatch(/^0 te versturen/);
    await page.getByRole('button', { name: 'Testtap starten' }).click();
    const before = (await sandbox.admin.state()).checkins.length;
    await tap(CHIPS.noah);
    await page.locator('[data-testid="test-taps"] li').first().waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('test-taps').textContent()).resolves.toContain('04…29');
    expect((await sandbox.admin.state()).checkins.length).toBe(before);
    await axe();
    await shoot('it-screen');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Diagnose exporteren' }).click();
    const bundle = await download;
    const path = await bundle.path();
    const { readFileSync } = await import('node:fs');
    const json = readFileSync(path, 'utf8');
    expect(JSON.parse(json)).toMatchObject({ appVersion: expect.any(String), queue: { depth: 0 } });
    for (const chip of Object.values(CHIPS)) expect(json.toUpperCase()).not.toContain(chip.toUpperCase());
    await page.getByRole('button', { name: 'Sluiten' }).click();
    await page.getByTestId('attract').waitFor();
  }, 120_000);

  it('sets the kiosk up again after a confirmation, keeping what it recorded', async () => {
    await page.keyboard.press('Control+Alt+K');
    await page.getByLabel('Pincode').fill(PIN);
    await page.getByRole('button', { name: 'Openen' }).click();
    await page.getByTestId('it-screen').waitFor();
    await page.getByRole('button', { name: 'Opnieuw instellen' }).click();
    await page.getByTestId('reset-confirm').waitFor();
    await axe();
    await shoot('reset-confirm');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByTestId('reset-confirm').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Opnieuw instellen' }).click();
    await page.getByRole('button', { name: 'Ja, opnieuw instellen' }).click();
    await page.getByTestId('setup').waitFor();
    await page.getByLabel('Configuratiecode').fill(sandbox.seed.KIOSKS.maldegem.configurationCode);
    await page.getByLabel('Pincode voor het IT-scherm (4 tot 8 cijfers)').fill('1357');
    await page.getByRole('button', { name: 'Zuil instellen' }).click();
    await page.getByTestId('attract').waitFor();
    await page.keyboard.press('Control+Alt+K');
    await page.getByLabel('Pincode').fill('1357');
    await page.getByRole('button', { name: 'Openen' }).click();
    await expect(page.getByTestId('queue-depth').textContent()).resolves.toMatch(/^0 te versturen/);
    await page.getByRole('button', { name: 'Sluiten' }).click();
    await page.getByTestId('attract').waitFor();
  }, 120_000);
});
