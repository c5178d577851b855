// The one contract test suite every host must pass: a host is only a carrier, so the same commands must
// give the same answers over a WebSocket and over an Electron MessagePort.
import type { ContractClient, TerminalEvent } from '@uitpas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN } from './stand-in-adapters.ts';

/** The machine is shared and slow at times: wait for behaviour, never for a number of milliseconds. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

export interface HostUnderTest {
  client: ContractClient;
  /** Sends something that is not a valid message, straight onto the wire. */
  sendRaw(data: unknown): void;
  /** Everything that came back over the wire, raw, in order. */
  received: unknown[];
  close(): Promise<void>;
}

export function defineContractSuite(hostName: string, connect: () => Promise<HostUnderTest>): void {
  describe(`terminal contract over ${hostName}`, () => {
    let host: HostUnderTest;
    const events: TerminalEvent[] = [];

    beforeAll(async () => {
      host = await connect();
      host.client.onEvent((event) => events.push(event));
    });
    afterAll(async () => {
      await host.close();
    });

    const nextEvent = async (predicate: (event: TerminalEvent) => boolean): Promise<TerminalEvent> => {
      await poll(() => events.some(predicate)).toBe(true);
      const index = events.findIndex(predicate);
      return events.splice(index, 1)[0] as TerminalEvent;
    };

    it('answers station.get with the station configuration', async () => {
      const result = await host.client.invoke('station.get', {});
      expect(result).toMatchObject({
        ok: true,
        value: { environment: 'sandbox', language: 'nl', simulator: true },
      });
    });

    it('identifies a typed UiTPAS number as the pass holder and tells every screen', async () => {
      const result = await host.client.invoke('identify', { source: 'typed', value: '0900 000 095 902' });
      expect(result.ok && result.value.kind).toBe('passholder');
      const event = await nextEvent((e) => e.type === 'identified');
      expect(event).toMatchObject({ identification: { kind: 'passholder', pass: { firstName: 'Anna' } } });
    });

    it('routes a tap through the same identify router', async () => {
      expect(await host.client.invoke('simulator.tap', { value: STAND_IN.chipOfPassholder })).toEqual({
        ok: true,
        value: { accepted: true },
      });
      const event = await nextEvent((e) => e.type === 'identified' && e.identification.source === 'tap');
      expect(event).toMatchObject({ identification: { kind: 'passholder' } });
    });

    it('turns a garbage scan into a clear Dutch message, not a crash', async () => {
      await host.client.invoke('simulator.tap', { value: 'zz-not-a-pass' });
      const event = await nextEvent(
        (e) => e.type === 'identified' && e.identification.kind === 'invalid-input',
      );
      expect(
        event.type === 'identified' &&
          event.identification.kind === 'invalid-input' &&
          event.identification.message.nl,
      ).toMatch(/geen geldige pas/);
    });

    it('answers bad identifiers, unknown, blocked and blank cards with a Dutch message, never an error', async () => {
      const cases = [
        ['12345', 'invalid-input'],
        ['0900000095903', 'invalid-input'],
        ['0900000000000', 'invalid-input'],
        ['hello; DROP TABLE', 'invalid-input'],
        ['1234567890102', 'unknown'],
        [STAND_IN.blockedPass, 'blocked'],
        [STAND_IN.blankCard, 'blank-card'],
        [STAND_IN.groupPass, 'group-pass'],
      ] as const;
      for (const [value, kind] of cases) {
        const result = await host.client.invoke('identify', { source: 'scan', value });
        expect(result.ok, value).toBe(true);
        if (!result.ok) continue;
        expect(result.value.kind, value).toBe(kind);
        if ('message' in result.value) expect(result.value.message.nl.length).toBeGreaterThan(10);
      }
    });

    it('lists activities and checks the identified pass holder in', async () => {
      const activities = await host.client.invoke('activities.list', { range: 'today' });
      expect(activities.ok && activities.value.activities.map((a) => a.id)).toEqual([STAND_IN.event.id]);
      const who = await host.client.invoke('identify', {
        source: 'typed',
        value: STAND_IN.passholder.uitpasNumber,
      });
      if (!who.ok) throw new Error('identify failed');
      const checkin = await host.client.invoke('checkin', {
        identificationId: who.value.identificationId,
        eventId: STAND_IN.event.id,
      });
      expect(checkin).toMatchObject({ ok: true, value: { eventId: STAND_IN.event.id, state: 'confirmed' } });
    });

    it('refuses a check-in for a pass holder who is no longer identified (wrong-person guard)', async () => {
      const first = await host.client.invoke('identify', {
        source: 'typed',
        value: STAND_IN.passholder.uitpasNumber,
      });
      await host.client.invoke('identify', { source: 'typed', value: STAND_IN.otherPassholder.uitpasNumber });
      if (!first.ok) throw new Error('identify failed');
      const checkin = await host.client.invoke('checkin', {
        identificationId: first.value.identificationId,
        eventId: STAND_IN.event.id,
      });
      expect(checkin).toMatchObject({ ok: false, problem: { kind: 'stale-identification' } });
    });

    it('offers kansentarief per price class and registers only what was offered, for the current pass holder', async () => {
      await host.client.invoke('activities.list', { range: 'today' });
      const who = await host.client.invoke('identify', {
        source: 'typed',
        value: STAND_IN.passholder.uitpasNumber,
      });
      if (!who.ok) throw new Error('identify failed');
      const identificationId = who.value.identificationId;
      const offer = await host.client.invoke('tariffs.get', { identificationId, eventId: STAND_IN.event.id });
      expect(offer).toMatchObject({
        ok: true,
        value: { offers: [{ regularPriceCents: 1200, tariffs: [{ id: 'SOCIALTARIFF', remaining: 2 }] }] },
      });
      const tooMany = await host.client.invoke('ticket-sale.register', {
        identificationId,
        eventId: STAND_IN.event.id,
        lines: [{ regularPriceCents: 1200, tariffId: 'SOCIALTARIFF', count: 3 }],
      });
      expect(tooMany).toMatchObject({ ok: false, problem: { kind: 'tariff-not-offered' } });
      const forged = await host.client.invoke('ticket-sale.register', {
        identificationId,
        eventId: STAND_IN.event.id,
        lines: [{ regularPriceCents: 1200, tariffId: 'FREE-FOR-ALL', count: 1 }],
      });
      expect(forged).toMatchObject({ ok: false, problem: { kind: 'tariff-not-offered' } });
      const sale = await host.client.invoke('ticket-sale.register', {
        identificationId,
        eventId: STAND_IN.event.id,
        lines: [{ regularPriceCents: 1200, tariffId: 'SOCIALTARIFF', count: 2 }],
      });
      expect(sale).toMatchObject({ ok: true, value: { tickets: 2, totalCents: 600 } });

      await host.client.invoke('tariffs.get', { identificationId, eventId: STAND_IN.event.id });
      await host.client.invoke('identify', { source: 'typed', value: STAND_IN.otherPassholder.uitpasNumber });
      const stale = await host.client.invoke('ticket-sale.register', {
        identificationId,
        eventId: STAND_IN.event.id,
        lines: [{ regularPriceCents: 1200, tariffId: 'SOCIALTARIFF', count: 1 }],
      });
      expect(stale).toMatchObject({ ok: false, problem: { kind: 'stale-identification' } });
    });

    it('undoes an action only for the pass holder it was recorded for', async () => {
      const who = await host.client.invoke('identify', {
        source: 'typed',
        value: STAND_IN.passholder.uitpasNumber,
      });
      if (!who.ok) throw new Error('identify failed');
      const checkin = await host.client.invoke('checkin', {
        identificationId: who.value.identificationId,
        eventId: STAND_IN.event.id,
      });
      if (!checkin.ok) throw new Error('check-in failed');
      const foreign = await host.client.invoke('undo', {
        identificationId: who.value.identificationId,
        actionId: 'not-an-action-of-this-person',
      });
      expect(foreign).toMatchObject({ ok: false, problem: { kind: 'not-undoable' } });
      const undone = await host.client.invoke('undo', {
        identificationId: who.value.identificationId,
        actionId: checkin.value.actionId,
      });
      expect(undone).toMatchObject({ ok: true, value: { state: 'confirmed' } });

      const again = await host.client.invoke('checkin', {
        identificationId: who.value.identificationId,
        eventId: STAND_IN.event.id,
      });
      if (!again.ok) throw new Error('check-in failed');
      const next = await host.client.invoke('identify', {
        source: 'typed',
        value: STAND_IN.otherPassholder.uitpasNumber,
      });
      if (!next.ok) throw new Error('identify failed');
      const wrongPerson = await host.client.invoke('undo', {
        identificationId: next.value.identificationId,
        actionId: again.value.actionId,
      });
      expect(wrongPerson).toMatchObject({ ok: false, problem: { kind: 'not-undoable' } });
    });

    it('rejects malformed messages with a problem value and keeps serving', async () => {
      const before = host.received.length;
      host.sendRaw({ kind: 'request', id: 991, command: { name: 'identify', input: { source: 'typed' } } });
      host.sendRaw({ kind: 'request', id: 992, command: { name: 'shutdown', input: {} } });
      host.sendRaw('not json at all');
      await expect
        .poll(
          () =>
            host.received.slice(before).filter((m) => (m as { kind?: string }).kind === 'response').length,
        )
        .toBe(3);
      const responses = host.received
        .slice(before)
        .filter((m) => (m as { kind?: string }).kind === 'response') as {
        id: number | null;
        result: unknown;
      }[];
      expect(responses.map((r) => r.id).sort()).toEqual([991, 992, null].sort());
      for (const r of responses)
        expect(r.result).toMatchObject({ ok: false, problem: { kind: 'invalid-message' } });
      expect((await host.client.invoke('status.get', {})).ok).toBe(true);
    });

    it('reports sync status and reader health', async () => {
      const status = await host.client.invoke('status.get', {});
      expect(status).toMatchObject({
        ok: true,
        value: { sync: { online: true, queueDepth: 0 }, readers: [{ id: 'sim-1', state: 'ready' }] },
      });
    });
  });
}
