export * from './passholder-store.ts';
export * from './context.tsx';
export * from './PassholderSearch.tsx';
export * from './PassholderDetails.tsx';
export * from './i18n.ts';
