// The kiosk's use cases against the real sandbox over loopback, a real SQLite ledger and the reader hub
// with a simulated reader (the PC/SC path is covered end to end in apps/kiosk).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskTap, TerminalEvent } from '@uitpas/domain';
import { startSandbox, type SandboxHandle } from '@uitpas/sandbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskStation, SIMULATED_READER, type KioskStation } from '../src/kiosk/kiosk-station.node.ts';

let sandbox: SandboxHandle;
let station: KioskStation;
let dataDir: string;
const events: TerminalEvent[] = [];

const AMIRA_CHIP = '04A1B2C3D4E5F6';
const BLOCKED_CHIP = '04F60718293A4B';
const JONAS_CHIP = '04B2C3D4E5F607';

async function tap(chip: string): Promise<KioskTap> {
  const from = events.length;
  station.simulator?.tap(chip);
  for (let i = 0; i < 200; i++) {
    const hit = events.slice(from).find((e) => e.type === 'kiosk-tap');
    if (hit?.type === 'kiosk-tap') return hit.tap;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no tap answer');
}

const run = <N extends Parameters<KioskStation['terminal']['handle']>[0]>(command: N) =>
  station.terminal.handle(command);

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = mkdtempSync(join(tmpdir(), 'uitpas-kiosk-terminal-'));
  station = await startKioskStation({
    dataDir,
    apiBaseUrl: sandbox.baseUrl,
    clientId: 'sandbox-balie',
    appVersion: '0.1.0-test',
    readers: 'simulator',
    tapAnswerMs: 4000,
    syncIntervalMs: 1000,
    repeatIntervalMs: 0,
  });
  station.terminal.subscribe((e) => events.push(e));
}, 60_000);

afterAll(async () => {
  await station?.stop();
  await sandbox?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the kiosk terminal', () => {
  it('starts unconfigured and refuses an unknown configuration code with a clear message', async () => {
    const state = await run({ name: 'kiosk.state', input: {} });
    expect(state).toMatchObject({ ok: true, value: { configured: false } });
    const bad = await run({
      name: 'kiosk.setup',
      input: { configurationCode: 'NOPE-1234', name: 'Zuil test', pin: '4321' },
    });
    expect(bad).toMatchObject({ ok: false, problem: { kind: 'invalid-code' } });
  });

  it('sets up with the region code and shows the release track and the current event', async () => {
    const done = await run({
      name: 'kiosk.setup',
      input: {
        configurationCode: sandbox.seed.KIOSKS.maldegem.configurationCode,
        name: 'Zuil bib',
        readerId: SIMULATED_READER,
        pin: '4321',
      },
    });
    expect(done).toMatchObject({
      ok: true,
      value: { configured: true, device: { name: 'Zuil bib', releaseTrack: 'stable' }, online: true },
    });
    // The device id is a secret: never in the configuration file in clear, never in a view.
    const file = readFileSync(join(dataDir, 'kiosk-config.json'), 'utf8');
    const state = await sandbox.admin.state();
    const deviceId = state.kiosks.find((k) => k.kioskId === sandbox.seed.KIOSKS.maldegem.id)?.deviceId;
    expect(deviceId).toBeTruthy();
    expect(file).not.toContain(deviceId);
    expect(JSON.stringify(done)).not.toContain(deviceId);
  });

  it('saves a point on a tap and refuses a second tap the same day kindly', async () => {
    const first = await tap(AMIRA_CHIP);
    expect(first.outcome).toBe('saved');
    expect(first.totalPoints).toBeGreaterThan(25);
    const second = await tap(AMIRA_CHIP);
    expect(second.outcome).toBe('already-saved');
  });

  it('sends a blocked card to the desk', async () => {
    expect((await tap(BLOCKED_CHIP)).outcome).toBe('card-blocked');
  });

  it('keeps the IT view behind the PIN', async () => {
    const locked = await run({ name: 'kiosk.diagnostics', input: { session: 'guess' } });
    expect(locked.ok).toBe(false);
    expect((await run({ name: 'kiosk.unlock', input: { pin: '0000' } })).ok).toBe(false);
    const unlocked = await run({ name: 'kiosk.unlock', input: { pin: '4321' } });
    if (!unlocked.ok) throw new Error('unlock failed');
    const { session } = unlocked.value as { session: string };
    const diag = await run({ name: 'kiosk.diagnostics', input: { session } });
    expect(diag).toMatchObject({ ok: true, value: { appVersion: '0.1.0-test', api: { reachable: true } } });
    expect(JSON.stringify(diag)).not.toContain(AMIRA_CHIP);
  });

  it('sets up again from the IT screen, and a tap queued before that is still sent once', async () => {
    const checkinsBefore = (await sandbox.admin.state()).checkins.length;
    await sandbox.stop();
    expect((await tap(JONAS_CHIP)).outcome).toBe('queued');
    const unlocked = await run({ name: 'kiosk.unlock', input: { pin: '4321' } });
    if (!unlocked.ok) throw new Error('unlock failed');
    const { session } = unlocked.value as { session: string };
    expect((await run({ name: 'kiosk.reset-setup', input: { session: 'guess' } })).ok).toBe(false);
    const reset = await run({ name: 'kiosk.reset-setup', input: { session } });
    expect(reset).toMatchObject({ ok: true, value: { configured: false } });
    expect(existsSync(join(dataDir, 'kiosk-config.json'))).toBe(false);
    // The old IT session ended with the setup.
    expect((await run({ name: 'kiosk.diagnostics', input: { session } })).ok).toBe(false);
    await sandbox.restart();
    await expect
      .poll(async () => (await sandbox.admin.state()).checkins.length, { timeout: 30_000, interval: 250 })
      .toBe(checkinsBefore + 1);
    const again = await run({
      name: 'kiosk.setup',
      input: {
        configurationCode: sandbox.seed.KIOSKS.maldegem.configurationCode,
        name: 'Zuil bib opnieuw',
        readerId: SIMULATED_READER,
        pin: '1357',
      },
    });
    expect(again).toMatchObject({
      ok: true,
      value: { configured: true, device: { name: 'Zuil bib opnieuw' } },
    });
    expect((await run({ name: 'kiosk.unlock', input: { pin: '1357' } })).ok).toBe(true);
    expect((await sandbox.admin.state()).checkins.length).toBe(checkinsBefore + 1);
  }, 90_000);
});
