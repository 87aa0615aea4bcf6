import { expect, it } from 'vitest';

it('@clavard/adapters/long-poll exports createLongPollTransport only', async () => {
  expect(Object.keys(await import('@clavard/adapters/long-poll'))).toEqual(['createLongPollTransport']);
});
