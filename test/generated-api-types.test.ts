// The checked-in API types must equal what the generator makes from the official definition.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generate, OUTPUT } from '../scripts/generate-api-types.ts';

it('generated UiTPAS API types are up to date', async () => {
  expect(readFileSync(OUTPUT, 'utf8')).toBe(await generate());
});
