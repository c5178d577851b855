// Cards and memberships of an existing pass holder (issue 7): block a lost or stolen card after a
// confirmation with a reason, and add a membership of another card system. Both are ledger actions: the
// screen says whether UiTPAS confirmed them or they wait in the queue.
import type { CardReason } from '@uitpas/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../components/context.tsx';
import { useDesk } from './context.tsx';
import { LabelledInput, Problem } from './DeskScreens.tsx';

const REASONS: CardReason[] = ['LOSS_THEFT', 'DEFECT', 'OTHER'];

/** Whether the last card, membership or kansenstatuut change is done at UiTPAS or still queued. */
export function WriteState() {
  const { t } = useTranslation('desk');
  const state = useDesk((s) => s.writeState);
  if (state === undefined) return null;
  return (
    <p
      role="status"
      className={`pass-message ${state === 'done' ? 'is-ok' : 'is-info'}`}
      data-testid="write-state"
    >
      {t(`cards.${state}`)}
    </p>
  );
}

function BlockCard({ uitpasNumber }: { uitpasNumber: string }) {
  const { t } = useTranslation('desk');
  const blockCard = useDesk((s) => s.blockCard);
  const [reason, setReason] = useState<CardReason>('LOSS_THEFT');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  return (
    <form
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h3 id={titleId}>{t('cards.block')}</h3>
      <fieldset className="desk-choice">
        <legend>{t('cards.reason')}</legend>
        {REASONS.map((r) => (
          <label key={r} className="desk-radio">
            <input
              type="radio"
              name="block-reason"
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
            />
            {t(`cards.${r}`)}
          </label>
        ))}
      </fieldset>
      <LabelledInput label={t('cards.note')} value={note} onChange={setNote} />
      {!confirming && (
        <button type="submit" disabled={uitpasNumber === ''}>
          {t('cards.blockSubmit')}
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${titleId}-confirm`} className="desk-confirm">
          <p id={`${titleId}-confirm`}>{t('cards.confirm', { number: uitpasNumber })}</p>
          <div className="desk-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void blockCard(uitpasNumber, reason, note).then(() => {
                  setBusy(false);
                  setConfirming(false);
                  setNote('');
                });
              }}
            >
              {t('cards.confirmYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cards.cancel')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function AddMembership({ uitpasNumber }: { uitpasNumber: string }) {
  const { t } = useTranslation('desk');
  const cardSystems = useDesk((s) => s.cardSystems);
  const addMembership = useDesk((s) => s.addMembership);
  const [cardSystemId, setCardSystemId] = useState('');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (cardSystemId === '') return;
        setBusy(true);
        void addMembership(uitpasNumber, Number(cardSystemId), card).then((ok) => {
          setBusy(false);
          if (ok) setCard('');
        });
      }}
    >
      <h3>{t('cards.membership')}</h3>
      <div className="desk-field">
        <label htmlFor={selectId}>{t('cards.cardSystem')}</label>
        <select id={selectId} value={cardSystemId} onChange={(e) => setCardSystemId(e.target.value)}>
          <option value="">{t('cards.chooseCardSystem')}</option>
          {cardSystems.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <LabelledInput label={t('cards.newCard')} value={card} onChange={setCard} />
      <p className="hint">{t('cards.newCardHint')}</p>
      <button type="submit" disabled={busy || uitpasNumber === '' || cardSystemId === ''}>
        {t('cards.membershipSubmit')}
      </button>
    </form>
  );
}

export function CardScreen() {
  const { t } = useTranslation('desk');
  const identification = useTerminal((s) => s.identification);
  const [number, setNumber] = useState(
    identification?.kind === 'passholder' ? identification.pass.uitpasNumber : '',
  );
  const uitpasNumber = number.replace(/\D/g, '');
  return (
    <section className="panel" aria-labelledby="desk-cards-heading">
      <h2 id="desk-cards-heading">{t('cards.heading')}</h2>
      <LabelledInput label={t('cards.number')} value={number} onChange={setNumber} />
      <Problem />
      <WriteState />
      <div className="desk-grid">
        <BlockCard uitpasNumber={uitpasNumber} />
        <AddMembership uitpasNumber={uitpasNumber} />
      </div>
    </section>
  );
}
