export * from './desk-store.ts';
export * from './context.tsx';
export * from './DeskScreens.tsx';
export * from './RegistrationWizard.tsx';
export * from './i18n.ts';
