export * from './identifiers.ts';
export * from './problems.ts';
export * from './actions.ts';
export * from './money.ts';
export * from './periods.ts';
export * from './rules/index.ts';
export type { paths as UitpasApiPaths, components as UitpasApiComponents } from './generated/uitpas-api.ts';
export * from './contract/index.ts';
export * from './desk/index.ts';
