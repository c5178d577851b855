export * from './stand-in-adapters.ts';
export * from './contract-suite.ts';
