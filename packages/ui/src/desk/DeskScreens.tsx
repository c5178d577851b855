// The desk's navigation and its other screens: card stock, day report (with a small bar chart and CSV
// export) and the day's history with undo.
import type { Language } from '@uitpas/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { pickText } from '../i18n/index.ts';
import { useDesk } from './context.tsx';
import type { DeskView } from './desk-store.ts';
import { CardScreen, WriteState } from './CardScreen.tsx';
import { RegistrationWizard } from './RegistrationWizard.tsx';
import { usePermissionCheck } from '../session/context.tsx';

const VIEWS: DeskView[] = ['counter', 'register', 'kansenstatuut', 'cards', 'stock', 'report', 'history'];
/** Desk screens shown only when the organizer has the permission their main action needs. */
const VIEW_PERMISSIONS: Partial<Record<DeskView, string>> = {
  register: 'PASSHOLDERS_WRITE',
  kansenstatuut: 'PASSHOLDERS_WRITE_SOCIALTARIFF',
  cards: 'PASSHOLDERS_WRITE',
};

const euro = (cents: number) =>
  new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' }).format(cents / 100);

export function DeskNav() {
  const { t } = useTranslation('desk');
  const view = useDesk((s) => s.view);
  const show = useDesk((s) => s.show);
  const startRegistration = useDesk((s) => s.startRegistration);
  const identification = useTerminal((s) => s.identification);
  const can = usePermissionCheck();
  return (
    <nav aria-label={t('nav.label')} className="desk-nav">
      {VIEWS.filter((v) => {
        const needed = VIEW_PERMISSIONS[v];
        return needed === undefined || can(needed);
      }).map((v) => (
        <button
          key={v}
          type="button"
          aria-current={v === view ? 'page' : undefined}
          onClick={() =>
            // A blank card on the reader starts a registration with that card.
            v === 'register' && identification?.kind === 'blank-card' && identification.uitpasNumber
              ? void startRegistration(identification.uitpasNumber)
              : void show(v)
          }
        >
          {t(`nav.${v}`)}
        </button>
      ))}
    </nav>
  );
}

export function Problem() {
  const { i18n } = useTranslation('desk');
  const problem = useDesk((s) => s.problem);
  const notice = useDesk((s) => s.notice);
  const language = (i18n.language as Language) ?? 'nl';
  return (
    <>
      {problem && (
        <p role="alert" className="field-message is-error" data-testid="desk-problem">
          {pickText(problem.message, language)}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="desk-notice">
          {pickText(notice, language)}
        </p>
      )}
    </>
  );
}

export function LabelledInput({
  label,
  value,
  onChange,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
}) {
  const id = useId();
  return (
    <div className="desk-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function StockScreen() {
  const { t } = useTranslation('desk');
  const stock = useDesk((s) => s.stock);
  const { receiveRange, receiveScanned, markDamaged, count, setThreshold } = {
    receiveRange: useDesk((s) => s.receiveRange),
    receiveScanned: useDesk((s) => s.receiveScanned),
    markDamaged: useDesk((s) => s.markDamaged),
    count: useDesk((s) => s.count),
    setThreshold: useDesk((s) => s.setThreshold),
  };
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [scanned, setScanned] = useState('');
  const [damaged, setDamaged] = useState('');
  const [counted, setCounted] = useState('');
  const [threshold, setThresholdText] = useState('');
  const form = (fn: () => void) => (e: FormEvent) => {
    e.preventDefault();
    fn();
  };
  return (
    <section className="panel" aria-labelledby="desk-stock-heading">
      <h2 id="desk-stock-heading">{t('stock.heading')}</h2>
      <Problem />
      {stock && (
        <>
          <p className="passholder-name" data-testid="stock-level">
            {t('stock.level', { count: stock.level })}
          </p>
          {stock.low && (
            <p role="alert" className="pass-message" data-testid="stock-low">
              {t('stock.low', { threshold: stock.threshold })}
            </p>
          )}
        </>
      )}
      <div className="desk-grid">
        <form onSubmit={form(() => void receiveRange(from, to))}>
          <h3>{t('stock.receive')}</h3>
          <LabelledInput label={t('stock.from')} value={from} onChange={setFrom} />
          <LabelledInput label={t('stock.to')} value={to} onChange={setTo} />
          <button type="submit">{t('stock.receiveSubmit')}</button>
        </form>
        <form onSubmit={form(() => void receiveScanned([scanned]).then(() => setScanned('')))}>
          <h3>{t('stock.scan')}</h3>
          <LabelledInput label={t('register.uitpasNumber')} value={scanned} onChange={setScanned} />
          <button type="submit">{t('stock.scanSubmit')}</button>
        </form>
        <form onSubmit={form(() => void markDamaged(damaged).then(() => setDamaged('')))}>
          <h3>{t('stock.damaged')}</h3>
          <LabelledInput label={t('register.uitpasNumber')} value={damaged} onChange={setDamaged} />
          <button type="submit">{t('stock.damagedSubmit')}</button>
        </form>
        <form onSubmit={form(() => void count(Number(counted)))}>
          <h3>{t('stock.count')}</h3>
          <LabelledInput label={t('stock.counted')} value={counted} onChange={setCounted} type="number" />
          <button type="submit">{t('stock.countSubmit')}</button>
        </form>
        <form onSubmit={form(() => void setThreshold(Number(threshold)))}>
          <h3>{t('stock.threshold')}</h3>
          <LabelledInput
            label={t('stock.threshold')}
            value={threshold}
            onChange={setThresholdText}
            type="number"
          />
          <button type="submit">{t('stock.thresholdSubmit')}</button>
        </form>
      </div>
      {stock && (
        <>
          <h3>{t('stock.cards')}</h3>
          <p data-testid="stock-cards">{stock.cards.join(', ')}</p>
          <h3>{t('stock.movements')}</h3>
          <ul className="desk-list" data-testid="stock-movements">
            {stock.movements.map((m) => (
              <li key={m.seq}>
                {new Date(m.at).toLocaleString('nl-BE')} · {t(`stock.${m.movement}`)} · {m.quantity}
                {m.uitpasNumber ? ` · ${m.uitpasNumber}` : ''} · {m.staffId}
                {m.note ? ` · ${m.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A plain SVG bar chart: enough for a day's handful of numbers, no chart library needed. */
function DayChart({ bars }: { bars: { label: string; value: number }[] }) {
  const { t } = useTranslation('desk');
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="desk-chart">
      <svg role="img" aria-label={t('report.chart')} viewBox={`0 0 320 ${bars.length * 28}`} width="100%">
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * 28})`}>
            <text x="0" y="17" fontSize="12" fill="currentColor">
              {b.label}
            </text>
            <rect x="150" y="4" height="18" width={(b.value / max) * 140} fill="#1f5fa8" />
            <text x={156 + (b.value / max) * 140} y="17" fontSize="12" fill="currentColor">
              {b.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Any past day's report, by its Europe/Brussels calendar date. */
function DayPicker({ day }: { day: string | undefined }) {
  const { t } = useTranslation('desk');
  const loadReport = useDesk((s) => s.loadReport);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const [chosen, setChosen] = useState(day ?? today);
  const id = useId();
  return (
    <form
      className="desk-actions"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== '') void loadReport(chosen);
      }}
    >
      <div className="desk-field">
        <label htmlFor={id}>{t('report.day')}</label>
        <input id={id} type="date" max={today} value={chosen} onChange={(e) => setChosen(e.target.value)} />
      </div>
      <button type="submit">{t('report.show')}</button>
      <button
        type="button"
        onClick={() => {
          setChosen(today);
          void loadReport(today);
        }}
      >
        {t('report.today')}
      </button>
    </form>
  );
}

function ReportScreen() {
  const { t } = useTranslation('desk');
  const report = useDesk((s) => s.report);
  const closeDay = useDesk((s) => s.closeDay);
  if (!report)
    return (
      <section className="panel">
        <DayPicker day={undefined} />
        <Problem />
      </section>
    );
  const tt = report.totals;
  const passes = tt.passesSold.reduce((n, l) => n + l.count, 0);
  const download = () => {
    const url = URL.createObjectURL(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `dagrapport-${report.day}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="panel" aria-labelledby="desk-report-heading">
      <h2 id="desk-report-heading">{t('report.heading', { day: report.day })}</h2>
      <DayPicker day={report.day} />
      <Problem />
      {report.closedAt && (
        <p role="status" data-testid="report-closed">
          {t('report.closed', { at: new Date(report.closedAt).toLocaleString('nl-BE') })}
        </p>
      )}
      <p className="passholder-name" data-testid="report-cash">
        {t('report.cash', { amount: euro(tt.cashCents) })}
      </p>
      <table className="desk-table" data-testid="report-passes">
        <caption>{t('report.passes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.price')}</th>
            <th scope="col">{t('report.method')}</th>
            <th scope="col">{t('report.count')}</th>
            <th scope="col">{t('report.total')}</th>
          </tr>
        </thead>
        <tbody>
          {tt.passesSold.map((l) => (
            <tr key={`${l.priceCents}-${l.paymentMethod}`}>
              <td>{euro(l.priceCents)}</td>
              <td>{t(`register.${l.paymentMethod}`)}</td>
              <td>{l.count}</td>
              <td>{euro(l.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DayChart
        bars={[
          { label: t('report.passes'), value: passes },
          { label: t('report.checkins'), value: tt.checkins },
          { label: t('report.kansentarief'), value: tt.kansentariefTickets },
          { label: t('report.rewards'), value: tt.rewards },
          { label: t('report.undos'), value: tt.undos },
        ]}
      />
      <table className="desk-table" data-testid="report-staff">
        <caption>{t('report.perStaff')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.station')}</th>
            <th scope="col">{t('report.staff')}</th>
            <th scope="col">{t('report.passes')}</th>
            <th scope="col">{t('report.checkins')}</th>
            <th scope="col">{t('report.kansentarief')}</th>
            <th scope="col">{t('report.rewards')}</th>
            <th scope="col">{t('report.undos')}</th>
            <th scope="col">{t('report.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={`${r.stationId}-${r.staffId}`}>
              <td>{r.stationId}</td>
              <td>{r.staffId}</td>
              <td>{r.passesSold.reduce((n, l) => n + l.count, 0)}</td>
              <td>{r.checkins}</td>
              <td>
                {r.kansentariefTickets} ({euro(r.kansentariefCents)})
              </td>
              <td>{r.rewards}</td>
              <td>{r.undos}</td>
              <td>{r.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.corrections.length > 0 && (
        <>
          <h3>{t('report.corrections')}</h3>
          <ul className="desk-list" data-testid="report-corrections">
            {report.corrections.map((c) => (
              <li key={c.actionId}>
                {new Date(c.recordedAt).toLocaleString('nl-BE')} · {c.type} · {c.staffId}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="desk-actions">
        <button type="button" onClick={download}>
          {t('report.csv')}
        </button>
        {!report.closedAt && (
          <button type="button" onClick={() => void closeDay()}>
            {t('report.close')}
          </button>
        )}
      </div>
    </section>
  );
}

function KansenstatuutScreen() {
  const { t } = useTranslation('desk');
  const view = useDesk((s) => s.kansenstatuut);
  const load = useDesk((s) => s.loadKansenstatuut);
  const save = useDesk((s) => s.setKansenstatuut);
  const replaceCard = useDesk((s) => s.replaceCard);
  const [newCard, setNewCard] = useState('');
  const identification = useTerminal((s) => s.identification);
  const [number, setNumber] = useState(
    identification?.kind === 'passholder' ? identification.pass.uitpasNumber : '',
  );
  const [endDate, setEndDate] = useState(`${new Date().getFullYear() + 1}-04-30`);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  return (
    <section className="panel" aria-labelledby="desk-ks-heading">
      <h2 id="desk-ks-heading">{t('kansenstatuut.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(number);
        }}
      >
        <LabelledInput label={t('kansenstatuut.number')} value={number} onChange={setNumber} />
        <button type="submit">{t('kansenstatuut.lookup')}</button>
      </form>
      <Problem />
      <WriteState />
      {view && (
        <>
          <dl className="facts" data-testid="kansenstatuut">
            <dt>{t('register.firstName')}</dt>
            <dd>{view.firstName}</dd>
            <dt>{t('kansenstatuut.status')}</dt>
            <dd>{t(`kansenstatuut.${view.status}`)}</dd>
            {view.endDate && (
              <>
                <dt>{t('kansenstatuut.endDate')}</dt>
                <dd>{view.endDate.slice(0, 10)}</dd>
              </>
            )}
          </dl>
          {view.inGracePeriod && <p className="pass-message">{t('kansenstatuut.grace')}</p>}
          {view.suspendedUntilDate && (
            <p className="pass-message">
              {t('kansenstatuut.suspendedUntil', { date: view.suspendedUntilDate.slice(0, 10) })}
            </p>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save(view.uitpasNumber, endDate);
            }}
          >
            <LabelledInput
              label={t('kansenstatuut.newEndDate')}
              value={endDate}
              onChange={setEndDate}
              type="date"
            />
            <div className="desk-actions">
              <button type="submit" className="primary">
                {t('kansenstatuut.grant')}
              </button>
              <button type="button" onClick={() => void save(view.uitpasNumber, today)}>
                {t('kansenstatuut.end')}
              </button>
            </div>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void replaceCard(view.uitpasNumber, newCard);
            }}
          >
            <LabelledInput label={t('kansenstatuut.newCard')} value={newCard} onChange={setNewCard} />
            <button type="submit">{t('kansenstatuut.replace')}</button>
          </form>
        </>
      )}
    </section>
  );
}

function HistoryScreen() {
  const { t } = useTranslation('desk');
  const items = useDesk((s) => s.history);
  const undo = useDesk((s) => s.undo);
  return (
    <section className="panel" aria-labelledby="desk-history-heading">
      <h2 id="desk-history-heading">{t('history.heading')}</h2>
      <Problem />
      {items.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <table className="desk-table" data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.what')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('history.undo')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.actionId}>
                <td>{new Date(i.createdAt).toLocaleTimeString('nl-BE')}</td>
                <td>{i.summary}</td>
                <td>
                  {i.staffId} ({i.stationId})
                </td>
                <td>{i.undone ? t('history.undone') : i.state}</td>
                <td>
                  {i.undoable && (
                    <button
                      type="button"
                      aria-label={t('history.undoLabel', { what: i.summary })}
                      onClick={() => void undo(i.actionId)}
                    >
                      {t('history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The desk screen for the current view; undefined for the counter itself (the app shows its own). */
export function DeskScreen() {
  const view = useDesk((s) => s.view);
  return (
    <main id="main" className="desk-main">
      {view === 'register' && <RegistrationWizard />}
      {view === 'kansenstatuut' && <KansenstatuutScreen />}
      {view === 'cards' && <CardScreen />}
      {view === 'stock' && <StockScreen />}
      {view === 'report' && <ReportScreen />}
      {view === 'history' && <HistoryScreen />}
    </main>
  );
}
