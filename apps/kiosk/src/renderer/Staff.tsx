// IT staff's screens: the setup of a fresh kiosk and the PIN-guarded IT screen, in the language staff pick
// there (Dutch first).
import { useEffect, useState, type FormEvent } from 'react';
import type { ContractClient, KioskReaderView, UserText } from '@uitpas/domain';
import { useKiosk } from './store.ts';
import { LANGUAGES } from './texts.ts';
import { STAFF_TEXTS, pickStaff, type StaffCatalogue } from './staff-texts.ts';

/** A message kept as what it is, so it follows a change of language. */
type Message = { own: 'pinDigits' | 'codeAndName' } | { terminal: UserText };

function useStaffTexts(): StaffCatalogue {
  return STAFF_TEXTS[useKiosk((s) => s.staffLanguage)];
}

function StaffLanguages() {
  const language = useKiosk((s) => s.staffLanguage);
  const setLanguage = useKiosk((s) => s.setStaffLanguage);
  return (
    <nav className="languages" aria-label={STAFF_TEXTS[language].chooseLanguage}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className="chip"
          aria-pressed={language === l.code}
          onClick={() => setLanguage(l.code)}
        >
          {l.name}
        </button>
      ))}
    </nav>
  );
}

function Alert({ message, testId }: { message: Message | undefined; testId?: string }) {
  const t = useStaffTexts();
  const language = useKiosk((s) => s.staffLanguage);
  if (message === undefined) return null;
  return (
    <p className="notice warn" role="alert" data-testid={testId}>
      {'own' in message ? t[message.own] : pickStaff(message.terminal, language)}
    </p>
  );
}

export function Setup({ client }: { client: ContractClient }) {
  const t = useStaffTexts();
  const [readers, setReaders] = useState<KioskReaderView[]>([]);
  const [error, setError] = useState<Message | undefined>();
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
      setError({ own: 'pinDigits' });
      return;
    }
    if (value('code') === '' || value('name') === '') {
      setError({ own: 'codeAndName' });
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
    else setError({ terminal: result.problem.message });
  }

  return (
    <main className="staff" data-testid="setup">
      <StaffLanguages />
      <h1>{t.setupTitle}</h1>
      <p>{t.setupIntro}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t.code}
          <input name="code" autoComplete="off" autoCapitalize="characters" required />
        </label>
        <label>
          {t.kioskName}
          <input name="name" defaultValue={t.defaultKioskName} required maxLength={100} />
        </label>
        <label>
          {t.reader}
          <select name="reader" defaultValue={readers[0]?.id ?? ''}>
            <option value="">{t.firstReader}</option>
            {readers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} ({t.readerState[r.state]})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.position}
          <input name="position" maxLength={100} placeholder={t.positionPlaceholder} />
        </label>
        <label>
          {t.pin}
          <input name="pin" type="password" inputMode="numeric" autoComplete="new-password" required />
        </label>
        <Alert message={error} testId="setup-error" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.busy : t.setUp}
        </button>
      </form>
    </main>
  );
}

export function ItScreen({ client }: { client: ContractClient }) {
  const t = useStaffTexts();
  const it = useKiosk((s) => s.it);
  const setIt = useKiosk((s) => s.setIt);
  const openIt = useKiosk((s) => s.openIt);
  const setKiosk = useKiosk((s) => s.setKiosk);
  const [error, setError] = useState<Message | undefined>();
  const [confirmReset, setConfirmReset] = useState(false);

  async function refresh(session: string) {
    const r = await client.invoke('kiosk.diagnostics', { session });
    if (r.ok) setIt({ diagnostics: r.value });
    else setError({ terminal: r.problem.message });
  }

  async function unlock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pin = String(new FormData(event.currentTarget).get('pin') ?? '');
    const r = await client.invoke('kiosk.unlock', { pin });
    if (!r.ok) {
      setError({ terminal: r.problem.message });
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

  async function resetSetup() {
    if (!it.session) return;
    const r = await client.invoke('kiosk.reset-setup', { session: it.session });
    setConfirmReset(false);
    if (!r.ok) {
      setError({ terminal: r.problem.message });
      return;
    }
    // The IT session ended with the setup; the page shows the setup screen for the new state.
    setKiosk(r.value);
    openIt(false);
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
        <StaffLanguages />
        <h1>{t.itTitle}</h1>
        <form onSubmit={(e) => void unlock(e)}>
          <label>
            {t.pinLabel}
            <input name="pin" type="password" inputMode="numeric" autoComplete="off" autoFocus />
          </label>
          <Alert message={error} />
          <div className="row">
            <button type="submit" className="primary">
              {t.open}
            </button>
            <button type="button" onClick={() => void close()}>
              {t.back}
            </button>
          </div>
        </form>
      </main>
    );
  }

  const d = it.diagnostics;
  return (
    <main className="staff" data-testid="it-screen">
      <StaffLanguages />
      <h1>{t.itTitle}</h1>
      {d && (
        <dl className="diagnostics">
          <dt>{t.version}</dt>
          <dd data-testid="app-version">{d.appVersion}</dd>
          <dt>{t.kiosk}</dt>
          <dd>{d.device ? t.releaseTrack(d.device.name, d.device.releaseTrack) : t.notSetUp}</dd>
          <dt>{t.readers}</dt>
          <dd>
            <ul>
              {d.readers.map((r) => (
                <li key={r.id}>
                  {r.id}: {t.readerState[r.state]}
                  {r.chosen ? t.chosen : ''}, {t.taps(r.tapCount)}
                  {r.lastError ? `, ${t.lastError(r.lastError)}` : ''}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t.api}</dt>
          <dd data-testid="api-health">
            {d.api.reachable ? t.reachable(d.api.latencyMs) : t.unreachable(d.api.problem ?? '')}
          </dd>
          <dt>{t.queue}</dt>
          <dd data-testid="queue-depth">{t.queueLine(d.queue.depth, d.queue.uncertain, d.queue.rejected)}</dd>
          <dt>{t.lastSync}</dt>
          <dd>{d.lastSyncAt ? new Date(d.lastSyncAt).toLocaleString(t.locale) : t.notYet}</dd>
          <dt>{t.activity}</dt>
          <dd>
            {d.event
              ? `${d.event.title} (${d.event.source === 'configured' ? t.configured : t.auto})`
              : t.none}
          </dd>
        </dl>
      )}
      <Alert message={error} />
      <section aria-labelledby="test-title">
        <h2 id="test-title">{t.testTitle}</h2>
        <p>{it.testMode ? t.testOn : t.testOff}</p>
        <ul data-testid="test-taps">
          {it.testTaps.map((tap) => (
            <li key={tap.at}>
              {t.testTap(new Date(tap.at).toLocaleTimeString(t.locale), tap.chip, tap.readerId)}
            </li>
          ))}
        </ul>
      </section>
      {confirmReset ? (
        <section
          className="confirm"
          role="alertdialog"
          aria-labelledby="reset-title"
          data-testid="reset-confirm"
        >
          <h2 id="reset-title">{t.resetTitle}</h2>
          <p>{t.resetText}</p>
          {d && <p>{t.resetQueued(d.queue.depth)}</p>}
          <div className="row">
            <button type="button" className="primary danger" onClick={() => void resetSetup()}>
              {t.resetConfirm}
            </button>
            <button type="button" onClick={() => setConfirmReset(false)} autoFocus>
              {t.cancel}
            </button>
          </div>
        </section>
      ) : (
        <div className="row">
          <button type="button" onClick={() => void refresh(it.session as string)}>
            {t.refresh}
          </button>
          <button type="button" onClick={() => void toggleTest()}>
            {it.testMode ? t.stopTest : t.startTest}
          </button>
          <button type="button" onClick={exportBundle}>
            {t.exportDiagnostics}
          </button>
          <button type="button" onClick={() => setConfirmReset(true)}>
            {t.resetSetup}
          </button>
          <button type="button" className="primary" onClick={() => void close()}>
            {t.close}
          </button>
        </div>
      )}
    </main>
  );
}
