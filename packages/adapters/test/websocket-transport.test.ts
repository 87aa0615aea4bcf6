import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { nextEvent } from './support/next-event.js';
import { describeNetworkTransport } from './support/transport-behaviours.js';

describeNetworkTransport('websocket', (server, options) =>
  createWebSocketTransport({ url: server.wsUrl, WebSocket, ...options }),
);

describe('createWebSocketTransport', () => {
  it('reads globalThis.WebSocket at connect time, not before', async () => {
    const transport = createWebSocketTransport({ url: 'ws://127.0.0.1:1/never' });
    const error = nextEvent(transport, 'error');
    const original = globalThis.WebSocket;
    Reflect.deleteProperty(globalThis, 'WebSocket');
    try {
      transport.connect();
    } finally {
      globalThis.WebSocket = original;
    }
    expect((await error).code).toBe('invalid-option');
  });
});
