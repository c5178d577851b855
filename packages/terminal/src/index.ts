export * from './adapters.ts';
export * from './terminal.ts';
export * from './serve.ts';
export * from './texts.ts';
export * from './readers.ts';
