// The sandbox's demo data (ids and credentials) for anyone who needs them without starting it.
export * from './seed-data.ts';
