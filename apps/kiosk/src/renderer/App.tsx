// The kiosk page: connects to the terminal, follows its events, and runs the visitor's idle timer.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContractClient } from '@uitpas/domain';
import { connectTerminal } from './transport.ts';
import { useKiosk, visitorPresent } from './store.ts';
import { ItScreen, Setup } from './Staff.tsx';
import { STAFF_TEXTS } from './staff-texts.ts';
import { TEXTS } from './texts.ts';
import { Answer, Attract, IdleWarning, LanguageChips } from './Visitor.tsx';

const LONG_PRESS_MS = 3000;

function useTerminal(): ContractClient {
  const client = useMemo(() => {
    let c: ContractClient | undefined = undefined;
    const refresh = () =>
      void c?.invoke('kiosk.state', {}).then((r) => {
        if (r.ok) useKiosk.getState().setKiosk(r.value);
      });
    c = connectTerminal(() => {
      useKiosk.getState().setConnected(true);
      refresh();
    });
    c.onEvent((event) => {
      const store = useKiosk.getState();
      if (event.type === 'kiosk-state') store.setKiosk(event.state);
      else if (event.type === 'kiosk-tap') {
        if (!store.itOpen) store.showTap(event.tap);
      } else if (event.type === 'kiosk-test-tap')
        store.setIt({
          testTaps: [
            { chip: event.chip, readerId: event.readerId, at: event.at },
            ...store.it.testTaps,
          ].slice(0, 10),
        });
    });
    return c;
  }, []);
  return client;
}

function useIdleTimer(): number | undefined {
  const [now, setNow] = useState(Date.now());
  const kiosk = useKiosk((s) => s.kiosk);
  const visitor = useKiosk((s) => s.visitor);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (kiosk === undefined || !visitorPresent(visitor)) return;
    const store = useKiosk.getState();
    if (visitor.warningUntil === undefined) {
      if (now - visitor.lastActivityAt >= kiosk.idleSeconds * 1000)
        store.startWarning(now + kiosk.warningSeconds * 1000);
    } else if (now >= visitor.warningUntil) store.endVisit();
  }, [now, kiosk, visitor]);
  return visitor.warningUntil === undefined
    ? undefined
    : Math.max(0, Math.ceil((visitor.warningUntil - now) / 1000));
}

function ItCorner() {
  const openIt = useKiosk((s) => s.openIt);
  const label = STAFF_TEXTS[useKiosk((s) => s.staffLanguage)].itCorner;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = () => clearTimeout(timer.current);
  return (
    <button
      type="button"
      className="it-corner"
      aria-label={label}
      data-testid="it-corner"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(() => openIt(true), LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}

export function App() {
  const client = useTerminal();
  const connected = useKiosk((s) => s.connected);
  const kiosk = useKiosk((s) => s.kiosk);
  const visitor = useKiosk((s) => s.visitor);
  const itOpen = useKiosk((s) => s.itOpen);
  const secondsLeft = useIdleTimer();
  const t = TEXTS[visitor.language];

  useEffect(() => {
    document.documentElement.lang = visitor.language;
  }, [visitor.language]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && e.key.toLowerCase() === 'k') useKiosk.getState().openIt(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!connected || kiosk === undefined)
    return (
      <main className="attract" aria-busy="true">
        <p className="notice">{t.connecting}</p>
      </main>
    );
  if (itOpen) return <ItScreen client={client} />;
  if (!kiosk.configured) return <Setup client={client} />;
  return (
    <div className="kiosk" onPointerDown={() => visitorPresent(visitor) && useKiosk.getState().touch()}>
      <ItCorner />
      <header>
        <LanguageChips />
      </header>
      <main>{visitor.tap ? <Answer tap={visitor.tap} /> : <Attract kiosk={kiosk} />}</main>
      {secondsLeft !== undefined && <IdleWarning secondsLeft={secondsLeft} />}
    </div>
  );
}
