import { expect, it } from 'vitest';

it('@clavard/adapters/websocket exports createWebSocketTransport only', async () => {
  expect(Object.keys(await import('@clavard/adapters/websocket'))).toEqual(['createWebSocketTransport']);
});
