// The kiosk page's state. The visitor's slice (their tap, language and countdown) is all that a visitor
// leaves behind; `endVisit` empties it, and nothing of it is kept anywhere else (no storage, no URL).
import { create } from 'zustand';
import type { KioskDiagnostics, KioskLanguage, KioskState, KioskTap } from '@uitpas/domain';

export interface Visitor {
  tap: KioskTap | undefined;
  language: KioskLanguage;
  /** When the "are you still there?" countdown ends (ms since epoch), while it runs. */
  warningUntil: number | undefined;
  lastActivityAt: number;
}

export interface ItSession {
  session: string | undefined;
  diagnostics: KioskDiagnostics | undefined;
  testTaps: { chip: string; readerId: string; at: string }[];
  testMode: boolean;
}

interface KioskStore {
  connected: boolean;
  kiosk: KioskState | undefined;
  visitor: Visitor;
  itOpen: boolean;
  it: ItSession;
  /** The language of the setup and IT screens, chosen there; not the visitor's and not reset with a visit. */
  staffLanguage: KioskLanguage;
  setConnected(connected: boolean): void;
  setKiosk(kiosk: KioskState): void;
  showTap(tap: KioskTap): void;
  setLanguage(language: KioskLanguage): void;
  touch(): void;
  startWarning(until: number): void;
  endVisit(): void;
  openIt(open: boolean): void;
  setIt(patch: Partial<ItSession>): void;
  setStaffLanguage(language: KioskLanguage): void;
}

const emptyVisitor = (): Visitor => ({
  tap: undefined,
  language: 'nl',
  warningUntil: undefined,
  lastActivityAt: Date.now(),
});

const emptyIt = (): ItSession => ({
  session: undefined,
  diagnostics: undefined,
  testTaps: [],
  testMode: false,
});

export const useKiosk = create<KioskStore>((set) => ({
  connected: false,
  kiosk: undefined,
  visitor: emptyVisitor(),
  itOpen: false,
  it: emptyIt(),
  staffLanguage: 'nl',
  setConnected: (connected) => set({ connected }),
  setKiosk: (kiosk) => set({ kiosk }),
  showTap: (tap) =>
    set((s) => ({ visitor: { ...s.visitor, tap, warningUntil: undefined, lastActivityAt: Date.now() } })),
  setLanguage: (language) =>
    set((s) => ({
      visitor: { ...s.visitor, language, warningUntil: undefined, lastActivityAt: Date.now() },
    })),
  touch: () =>
    set((s) => ({ visitor: { ...s.visitor, warningUntil: undefined, lastActivityAt: Date.now() } })),
  startWarning: (until) => set((s) => ({ visitor: { ...s.visitor, warningUntil: until } })),
  endVisit: () => set({ visitor: emptyVisitor() }),
  openIt: (open) => set(open ? { itOpen: true } : { itOpen: false, it: emptyIt() }),
  setIt: (patch) => set((s) => ({ it: { ...s.it, ...patch } })),
  setStaffLanguage: (staffLanguage) => set({ staffLanguage }),
}));

/** Whether a visitor left anything on screen that the idle timer must clear. */
export function visitorPresent(visitor: Visitor): boolean {
  return visitor.tap !== undefined || visitor.language !== 'nl';
}
