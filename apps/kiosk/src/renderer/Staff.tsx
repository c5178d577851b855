// IT staff's screens, in Dutch: the setup of a fresh kiosk and the PIN-guarded IT screen.
import { useEffect, useState, type FormEvent } from 'react';
import type { ContractClient, KioskReaderView } from '@uitpas/domain';
import { useKiosk } from './store.ts';

const READER_STATE = { ready: 'werkt', degraded: 'storing', offline: 'niet gevonden' } as const;

export function Setup({ client }: { client: ContractClient }) {
  const [readers, setReaders] = useState<KioskReaderView[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const setKiosk = useKiosk((s) => s.setKiosk);

  useEffect(() => {
    let live = true;
    const load = () =>
      void client.invoke('kiosk.readers', {}).then((r) => {
        if (live && r.ok) setReaders(r.value.readers);
      });
    load();
    const timer = setInterval(load, 3000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const pin = value('pin');
    if (!/^\d{4,8}$/.test(pin)) {
      setError('De pincode heeft 4 tot 8 cijfers.');
      return;
    }
    if (value('code') === '' || value('name') === '') {
      setError('Vul de configuratiecode en de naam van de zuil in.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const readerId = value('reader');
    const position = value('position');
    const result = await client.invoke('kiosk.setup', {
      configurationCode: value('code'),
      name: value('name'),
      pin,
      ...(readerId === '' ? {} : { readerId }),
      ...(position === '' ? {} : { readerPosition: position }),
    });
    setBusy(false);
    if (result.ok) setKiosk(result.value);
    else setError(result.problem.message.nl);
  }

  return (
    <main className="staff" data-testid="setup">
      <h1>Zuil instellen</h1>
      <p>Geef de configuratiecode van je regio in. publiq bezorgt ze samen met de zuil.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          Configuratiecode
          <input name="code" autoComplete="off" autoCapitalize="characters" required />
        </label>
        <label>
          Naam van de zuil
          <input name="name" defaultValue="Zuil inkom" required maxLength={100} />
        </label>
        <label>
          Kaartlezer
          <select name="reader" defaultValue={readers[0]?.id ?? ''}>
            <option value="">De eerste lezer die er is</option>
            {readers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} ({READER_STATE[r.state]})
              </option>
            ))}
          </select>
        </label>
        <label>
          Waar zit de lezer? (voor bezoekers, optioneel)
          <input name="position" maxLength={100} placeholder="De lezer zit onder het scherm." />
        </label>
        <label>
          Pincode voor het IT-scherm (4 tot 8 cijfers)
          <input name="pin" type="password" inputMode="numeric" autoComplete="new-password" required />
        </label>
        {error && (
          <p className="notice warn" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Bezig…' : 'Zuil instellen'}
        </button>
      </form>
    </main>
  );
}

export function ItScreen({ client }: { client: ContractClient }) {
  const it = useKiosk((s) => s.it);
  const setIt = useKiosk((s) => s.setIt);
  const openIt = useKiosk((s) => s.openIt);
  const [error, setError] = useState<string | undefined>();

  async function refresh(session: string) {
    const r = await client.invoke('kiosk.diagnostics', { session });
    if (r.ok) setIt({ diagnostics: r.value });
    else setError(r.problem.message.nl);
  }

  async function unlock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pin = String(new FormData(event.currentTarget).get('pin') ?? '');
    const r = await client.invoke('kiosk.unlock', { pin });
    if (!r.ok) {
      setError(r.problem.message.nl);
      return;
    }
    setError(undefined);
    setIt({ session: r.value.session });
    await refresh(r.value.session);
  }

  async function close() {
    if (it.session) await client.invoke('kiosk.lock', { session: it.session });
    openIt(false);
  }

  async function toggleTest() {
    if (!it.session) return;
    const r = await client.invoke('kiosk.test-mode', { session: it.session, on: !it.testMode });
    if (r.ok) setIt({ testMode: r.value.on, testTaps: [] });
  }

  function exportBundle() {
    if (!it.diagnostics) return;
    const blob = new Blob([JSON.stringify(it.diagnostics, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `zuil-diagnose-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  if (!it.session) {
    return (
      <main className="staff" data-testid="it-pin">
        <h1>IT-scherm</h1>
        <form onSubmit={(e) => void unlock(e)}>
          <label>
            Pincode
            <input name="pin" type="password" inputMode="numeric" autoComplete="off" autoFocus />
          </label>
          {error && (
            <p className="notice warn" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary">
              Openen
            </button>
            <button type="button" onClick={() => void close()}>
              Terug
            </button>
          </div>
        </form>
      </main>
    );
  }

  const d = it.diagnostics;
  return (
    <main className="staff" data-testid="it-screen">
      <h1>IT-scherm</h1>
      {d && (
        <dl className="diagnostics">
          <dt>Versie</dt>
          <dd data-testid="app-version">{d.appVersion}</dd>
          <dt>Zuil</dt>
          <dd>
            {d.device ? `${d.device.name} (release track: ${d.device.releaseTrack})` : 'niet ingesteld'}
          </dd>
          <dt>Lezers</dt>
          <dd>
            <ul>
              {d.readers.map((r) => (
                <li key={r.id}>
                  {r.id}: {READER_STATE[r.state]}
                  {r.chosen ? ' (gekozen)' : ''}, {r.tapCount} taps
                  {r.lastError ? `, laatste fout: ${r.lastError}` : ''}
                </li>
              ))}
            </ul>
          </dd>
          <dt>UiTPAS API</dt>
          <dd data-testid="api-health">
            {d.api.reachable
              ? `bereikbaar, ${d.api.latencyMs ?? '?'} ms`
              : `niet bereikbaar (${d.api.problem ?? ''})`}
          </dd>
          <dt>Wachtrij</dt>
          <dd data-testid="queue-depth">
            {d.queue.depth} te versturen, {d.queue.uncertain} onzeker, {d.queue.rejected} na te kijken
          </dd>
          <dt>Laatste synchronisatie</dt>
          <dd>{d.lastSyncAt ? new Date(d.lastSyncAt).toLocaleString('nl-BE') : 'nog niet'}</dd>
          <dt>Activiteit</dt>
          <dd>
            {d.event
              ? `${d.event.title} (${d.event.source === 'configured' ? 'ingesteld' : 'automatisch gevonden'})`
              : 'geen'}
          </dd>
        </dl>
      )}
      <section aria-labelledby="test-title">
        <h2 id="test-title">Testtap</h2>
        <p>{it.testMode ? 'Hou een kaart tegen de lezer: de tap wordt getoond, niet bewaard.' : 'Uit.'}</p>
        <ul data-testid="test-taps">
          {it.testTaps.map((t) => (
            <li key={t.at}>
              {new Date(t.at).toLocaleTimeString('nl-BE')}: kaart {t.chip} op {t.readerId}
            </li>
          ))}
        </ul>
      </section>
      <div className="row">
        <button type="button" onClick={() => void refresh(it.session as string)}>
          Vernieuwen
        </button>
        <button type="button" onClick={() => void toggleTest()}>
          {it.testMode ? 'Testtap stoppen' : 'Testtap starten'}
        </button>
        <button type="button" onClick={exportBundle}>
          Diagnose exporteren
        </button>
        <button type="button" className="primary" onClick={() => void close()}>
          Sluiten
        </button>
      </div>
    </main>
  );
}
