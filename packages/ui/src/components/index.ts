export * from './context.tsx';
export * from './StatusBar.tsx';
export * from './TrainingBanner.tsx';
export * from './ConnectionNotice.tsx';
export * from './LanguageSwitch.tsx';
export * from './IdentifyPanel.tsx';
export * from './IdentificationView.tsx';
export * from './ActivitiesPanel.tsx';
