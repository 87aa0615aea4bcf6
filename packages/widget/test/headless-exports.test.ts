import { expect, it } from 'vitest';

it('pins the public surface of @clavard/widget/headless', async () => {
  expect(Object.keys(await import('@clavard/widget/headless')).sort()).toEqual([
    'backoffDelay',
    'createChatClient',
    'createLocalStorage',
    'createMemoryStorage',
  ]);
});
