import { expect, it } from 'vitest';

it('@clavard/adapters/sse exports createSseTransport only', async () => {
  expect(Object.keys(await import('@clavard/adapters/sse'))).toEqual(['createSseTransport']);
});
