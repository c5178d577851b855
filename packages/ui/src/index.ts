export * from './i18n/index.ts';
export * from './transport.ts';
export * from './store.ts';
export * from './components/index.ts';
export * from './desk/index.ts';
export * from './passholder/index.ts';
export * from './session/index.ts';
export * from './rewards/index.ts';
