import { it } from 'vitest';

it.skip('is not finished', () => {});
