export * from './day-report.ts';
export * from './registration-form.ts';
