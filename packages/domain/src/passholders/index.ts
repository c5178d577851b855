export * from './search.ts';
export * from './activity-range.ts';
