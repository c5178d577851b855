export * from './identifiers.ts';
export type { paths as UitpasApiPaths, components as UitpasApiComponents } from './generated/uitpas-api.ts';
export * from './contract/index.ts';
