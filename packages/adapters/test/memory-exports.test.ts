import { expect, it } from 'vitest';

it('@clavard/adapters/memory exports the pair, the chat server and REDACTED', async () => {
  expect(Object.keys(await import('@clavard/adapters/memory')).sort()).toEqual([
    'REDACTED',
    'createMemoryChatServer',
    'createMemoryTransportPair',
  ]);
});
