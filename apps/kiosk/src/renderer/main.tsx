import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { useKiosk } from './store.ts';
import './styles.css';

declare global {
  interface Window {
    /** Read-only view of what the current visitor left behind; end-to-end tests check it is empty after a reset. */
    uitpasKioskVisitor?: () => unknown;
  }
}
window.uitpasKioskVisitor = () => structuredClone(useKiosk.getState().visitor);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
