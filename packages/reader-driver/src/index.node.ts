// Node entry: everything portable plus the hardware sources.
export * from './index.ts';
