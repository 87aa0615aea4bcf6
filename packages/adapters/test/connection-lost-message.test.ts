/**
 * What a `connection-lost` error says: the URL (for HTTP, the request) and the close code or the status,
 * for each network transport, against the real Node test server answering 502 or dropping the socket.
 */
import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { createSseTransport } from '@clavard/adapters/sse';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { ChatError, Transport } from '@clavard/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { nextEvent, openTransport } from './support/next-event.js';
import { createEchoCore, startTestServer, type TestServer } from './support/node-server.js';

let server: TestServer;
const made: Transport[] = [];

beforeAll(async () => {
  server = await startTestServer(createEchoCore(), { pollHoldMs: 200, channelIdleMs: 1000 });
});
afterEach(async () => {
  for (const transport of made.splice(0)) transport.close();
  await server.idle();
  server.refuse(undefined);
});
afterAll(async () => {
  await server.close();
});

const transports = {
  websocket: () => createWebSocketTransport({ url: server.wsUrl, WebSocket }),
  sse: () => createSseTransport({ url: server.url, EventSource: null }),
  'long-poll': () => createLongPollTransport({ url: server.url }),
};

function make(kind: keyof typeof transports): Transport {
  const transport = transports[kind]();
  made.push(transport);
  return transport;
}

/** The code and message of the next error of `transport`. */
async function nextError(transport: Transport): Promise<Pick<ChatError, 'code' | 'message'>> {
  const { code, message } = await nextEvent(transport, 'error');
  return { code, message };
}

describe('connection-lost names the URL and what ended the connection', () => {
  it('websocket: the URL and the close code when the server drops the socket', async () => {
    const transport = make('websocket');
    await openTransport(transport);
    const error = nextError(transport);
    server.killAll();
    expect(await error).toEqual({
      code: 'connection-lost',
      message: `connection-lost: ${server.wsUrl} closed with 1006`,
    });
  });

  it('sse: the request and the status when the stream is answered 502', async () => {
    server.refuse(502);
    const transport = make('sse');
    const error = nextError(transport);
    transport.connect();
    expect(await error).toEqual({
      code: 'connection-lost',
      message: `connection-lost: GET ${server.url}/channel/events answered 502`,
    });
  });

  it('long-poll: the request and the status when the channel is answered 502', async () => {
    server.refuse(502);
    const transport = make('long-poll');
    const error = nextError(transport);
    transport.connect();
    expect(await error).toEqual({
      code: 'connection-lost',
      message: `connection-lost: POST ${server.url}/channel answered 502`,
    });
  });

  for (const kind of ['sse', 'long-poll'] as const) {
    it(`${kind}: the request and the status when posting frames is answered 502`, async () => {
      const transport = make(kind);
      await openTransport(transport);
      server.refuse(502);
      const error = nextError(transport);
      transport.send({ type: 'ping', id: 'p1' });
      expect(await error).toEqual({
        code: 'connection-lost',
        message: `connection-lost: POST ${server.url}/channel/frames answered 502`,
      });
    });
  }

  it('long-poll: the poll request when the server drops the channel', async () => {
    const transport = make('long-poll');
    await openTransport(transport);
    const error = nextError(transport);
    server.killAll();
    // A poll in flight has its socket destroyed; one sent just after finds the channel gone (410).
    const poll = `connection-lost: GET ${server.url}/channel/poll`;
    expect([`${poll} failed`, `${poll} answered 410`]).toContain((await error).message);
  });

  it('sse: the stream request when the server drops the socket', async () => {
    const transport = make('sse');
    await openTransport(transport);
    const error = nextError(transport);
    server.killAll();
    const stream = `connection-lost: GET ${server.url}/channel/events`;
    expect([`${stream} failed`, `${stream} ended`]).toContain((await error).message);
  });
});
