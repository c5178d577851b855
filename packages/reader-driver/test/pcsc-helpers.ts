// Shared by the pcscd tests: a hub on the vpcd readers and a way to wait for its events.
import { PcscSource, type PcscSourceOptions } from '../src/pcsc-source.node.ts';
import { ReaderHub, type ReaderHubEvents } from '../src/reader-hub.ts';
import { VirtualCard, type VirtualCardOptions } from '../src/testing/virtual-card.node.ts';

export const READER0 = 'Virtual PCD 00 00';
export const READER1 = 'Virtual PCD 00 01';
/** pcscd polls a vpcd reader about every 400 ms; a tap takes up to about 600 ms here. */
export const TAP_TIMEOUT = 3000;

export type Recorded = { [K in keyof ReaderHubEvents]: ReaderHubEvents[K][] };

export async function startHub(options: PcscSourceOptions = {}, readers = [READER0, READER1]) {
  const source = new PcscSource({ include: /^Virtual PCD/, ...options });
  const hub = new ReaderHub({ sources: [source], minRepeatIntervalMs: 0 });
  const events: Recorded = { read: [], rejected: [], health: [], removed: [] };
  const waiters = new Set<() => void>();
  const record =
    <K extends keyof ReaderHubEvents>(type: K) =>
    (e: ReaderHubEvents[K]) => {
      events[type].push(e);
      for (const w of waiters) w();
    };
  hub.on('read', record('read'));
  hub.on('rejected', record('rejected'));
  hub.on('health', record('health'));
  hub.on('removed', record('removed'));
  /** Resolves with the first event (counting from `from`) that matches, or rejects after `timeout`. */
  function next<K extends keyof ReaderHubEvents>(
    type: K,
    match: (e: ReaderHubEvents[K]) => boolean = () => true,
    from = events[type].length,
    timeout = TAP_TIMEOUT,
  ): Promise<ReaderHubEvents[K]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = (events[type] as ReaderHubEvents[K][]).slice(from).find(match);
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching '${type}' event within ${timeout} ms`));
      }, timeout);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }
  await hub.start();
  for (const readerId of readers) {
    await next('health', (e) => e.readerId === readerId && e.status === 'present', 0, 10_000);
  }
  return { hub, source, events, next };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

/** Insert, wait for the read, lift, wait until the hub saw the card go. */
export async function tap(h: Hub, card: VirtualCard, readerId = READER0) {
  const from = h.events.read.length;
  const removedFrom = h.events.removed.length;
  await card.insert();
  const read = await h.next('read', (r) => r.readerId === readerId, from);
  card.remove();
  await h.next('removed', (r) => r.readerId === readerId, removedFrom);
  return read;
}

export function card(options: Partial<VirtualCardOptions> & { uid: string }) {
  return new VirtualCard(options);
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
