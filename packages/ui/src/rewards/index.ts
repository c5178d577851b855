export * from './rewards-store.ts';
export * from './context.tsx';
export * from './RewardsPanel.tsx';
export * from './ReviewList.tsx';
export * from './EveryTap.tsx';
export * from './shortcuts.tsx';
export * from './i18n.ts';
