export * from './session-store.ts';
export * from './context.tsx';
export * from './SessionGate.tsx';
export * from './SignInScreen.tsx';
export * from './LockScreen.tsx';
export * from './OrganizerPicker.tsx';
export * from './StationSettings.tsx';
export * from './i18n.ts';
