// "Register a new pass holder" on an identified blank card from stock: opens the registration wizard with
// that card filled in. Without a desk (no DeskProvider) the button stays disabled.
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useOptionalDeskStore } from './context.tsx';
import type { DeskStore } from './desk-store.ts';

export function RegisterBlankCard({
  uitpasNumber,
  chipNumber,
}: {
  uitpasNumber?: string;
  chipNumber?: string;
}) {
  const { t } = useTranslation();
  const store = useOptionalDeskStore();
  if (!store)
    return (
      <button type="button" className="primary" disabled>
        {t('result.register')}
      </button>
    );
  return <Enabled store={store} uitpasNumber={uitpasNumber} chipNumber={chipNumber} />;
}

function Enabled({
  store,
  uitpasNumber,
  chipNumber,
}: {
  store: DeskStore;
  uitpasNumber: string | undefined;
  chipNumber: string | undefined;
}) {
  const { t } = useTranslation();
  const start = useStore(store, (s) => s.startRegistration);
  return (
    <button
      type="button"
      className="primary"
      data-testid="register-blank-card"
      onClick={() => void start(uitpasNumber, chipNumber)}
    >
      {t('result.register')}
    </button>
  );
}
