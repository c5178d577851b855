// `pnpm readers`: for IT staff. Lists the readers with their health and prints every tap live.
import { parseArgs } from 'node:util';
import { maskInsz } from '@uitpas/domain';
import { createReaderHub, type ReaderConfig } from '../create-hub.node.ts';
import type { HidScannerOptions } from '../hid-source.node.ts';
import type { CardRead, ReaderHealth, ScanRejected } from '../types.ts';

const HELP = `Gebruik: pnpm readers [opties]

Toont alle kaartlezers en scanners met hun status en drukt elke tik live af (Ctrl+C stopt).

  --list                 toon de lezers en hun status, en stop
  --include <regex>      gebruik alleen PC/SC-lezers waarvan de naam hierop past
  --exclude <regex>      negeer PC/SC-lezers waarvan de naam hierop past (standaard: SAM-sloten)
  --no-pcsc              geen PC/SC (NFC) lezers
  --hid <vid:pid:modus>  USB-scanner via node-hid, bv. 0c2e:0b61:hid-pos of 05e0:1200:boot-keyboard
  --feedback             piep/LED op ACS-lezers (ACR122U, ACR1252U) na een tik
  --simulate             voeg een gesimuleerde lezer toe die elke 3 s een demokaart tikt
  --json                 één JSON-regel per gebeurtenis (voor logbestanden)
  -h, --help             deze hulp

Lists every card reader and scanner with its health and prints each tap live.`;

const STATUS_WORDS: Record<ReaderHealth['status'], string> = {
  present: 'aanwezig',
  absent: 'afwezig',
  error: 'fout',
};

function parseHid(spec: string): HidScannerOptions {
  const [vid, pid, mode = 'hid-pos'] = spec.split(':');
  const vendorId = Number.parseInt(vid ?? '', 16);
  const productId = Number.parseInt(pid ?? '', 16);
  if (
    !Number.isFinite(vendorId) ||
    !Number.isFinite(productId) ||
    (mode !== 'hid-pos' && mode !== 'boot-keyboard')
  ) {
    throw new Error(`--hid verwacht vid:pid:modus in hex, bv. 0c2e:0b61:hid-pos (kreeg '${spec}')`);
  }
  return { vendorId, productId, mode };
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString('nl-BE', { hour12: false });
}

function shown(read: CardRead): string {
  // An INSZ is personal data: IT logs get the masked form only.
  return read.kind === 'insz' ? maskInsz(read.value) : read.value;
}

function healthLine(h: ReaderHealth): string {
  const parts = [
    h.readerId.padEnd(28),
    h.source.padEnd(9),
    STATUS_WORDS[h.status].padEnd(9),
    `tikken: ${h.tapCount}`,
    h.lastTapAt !== undefined ? `laatste tik ${time(h.lastTapAt)}` : '',
    h.lastError !== undefined
      ? `laatste fout${h.lastErrorAt ? ` ${time(h.lastErrorAt)}` : ''}: ${h.lastError}`
      : '',
  ];
  return `  ${parts.filter(Boolean).join('  ')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      list: { type: 'boolean' },
      include: { type: 'string' },
      exclude: { type: 'string' },
      'no-pcsc': { type: 'boolean' },
      hid: { type: 'string', multiple: true },
      feedback: { type: 'boolean' },
      simulate: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const config: ReaderConfig = {
    pcsc: values['no-pcsc']
      ? false
      : {
          ...(values.include ? { include: new RegExp(values.include) } : {}),
          ...(values.exclude ? { exclude: new RegExp(values.exclude) } : {}),
          feedback: values.feedback === true,
        },
    hid: (values.hid ?? []).map(parseHid),
    simulator: values.simulate ? { readers: ['simulator'] } : false,
  };
  const { hub, simulator } = createReaderHub(config);
  const json = values.json === true;
  const out = (type: string, at: number, event: CardRead | ScanRejected | ReaderHealth, text: string) => {
    console.log(json ? JSON.stringify({ type, ...event }) : `[${time(at)}] ${text}`);
  };

  if (values.list) {
    await hub.start();
    // Give pcscd time to list its readers and HID enumeration time to finish.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const health = hub.health();
    console.log(health.length === 0 ? 'Geen lezers gevonden.' : 'Lezers:');
    for (const h of health) console.log(json ? JSON.stringify(h) : healthLine(h));
    await hub.stop();
    // A reader thread of a pcscd that just went away can outlive stop(); the listing is done.
    process.exit(0);
  }

  hub.on('read', (r) => out('read', r.at, r, `TIK        ${r.readerId}  ${r.kind}  ${shown(r)}`));
  hub.on('rejected', (r) => out('rejected', r.at, r, `GEWEIGERD  ${r.readerId}  "${r.raw}": ${r.reason}`));
  hub.on('health', (h) => out('health', h.since, h, `STATUS     ${healthLine(h).trim()}`));
  if (!json) console.log('UiTPAS-lezers: wachten op tikken (Ctrl+C stopt)…');
  await hub.start();
  let demo: ReturnType<typeof setInterval> | null = null;
  if (simulator) {
    const demoCards = ['04784CDAEE3880', '0900000095902', '04D0AB6AF85C80'];
    let i = 0;
    demo = setInterval(() => simulator.tap(demoCards[i++ % demoCards.length] ?? ''), 3000);
  }
  const shutdown = async () => {
    if (demo) clearInterval(demo);
    await hub.stop();
    if (!json) {
      console.log('\nLezers bij het afsluiten:');
      for (const h of hub.health()) console.log(healthLine(h));
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
