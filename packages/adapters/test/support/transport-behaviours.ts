import { ChatError, type ClientFrame, type Transport } from '@clavard/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decoded, nextEvent, nextFrame, openTransport, record } from './next-event.js';
import { createEchoCore, startTestServer, type TestServer } from './node-server.js';

/** Makes the transport under test, pointed at `server`. */
export type MakeTransport = (server: TestServer, options: { connectTimeoutMs?: number }) => Transport;

const hello: ClientFrame = { type: 'session.hello', v: '1.0', locale: 'en' };
const ping = (id: string): ClientFrame => ({ type: 'ping', id });

/** Waits until the server has handled one more request, so that anything queued before has run. */
async function roundTrip(server: TestServer): Promise<void> {
  await fetch(`${server.url}/nothing`);
}

/**
 * The behaviours every network transport shares, run against the real Node test server.
 *
 * @example
 * ```ts
 * describeNetworkTransport('websocket', (server, options) => createWebSocketTransport({ url: server.wsUrl, WebSocket, ...options }));
 * ```
 */
export function describeNetworkTransport(name: string, make: MakeTransport): void {
  describe(`${name} transport against the Node test server`, () => {
    let server: TestServer;
    const made: Transport[] = [];
    const create = (options: { connectTimeoutMs?: number } = {}) => {
      const transport = make(server, options);
      made.push(transport);
      return transport;
    };

    beforeAll(async () => {
      // A channel whose opening answer was lost to an abort expires after channelIdleMs, as on a real server.
      server = await startTestServer(createEchoCore(), { pollHoldMs: 200, channelIdleMs: 1000 });
    });
    afterEach(async () => {
      for (const transport of made.splice(0)) transport.close();
      await server.idle();
      server.refuse(undefined);
      server.stall(false);
      server.setLatency(0);
    });
    afterAll(async () => {
      await server.close();
    });

    it('goes idle → connecting → open', async () => {
      const transport = create();
      expect(transport.status).toBe('idle');
      const log = record(transport);
      await openTransport(transport);
      expect(log).toEqual(['status:connecting', 'status:open']);
      expect(transport.status).toBe('open');
    });

    it('connect() is idempotent while connecting and open', async () => {
      const transport = create();
      const log = record(transport);
      transport.connect();
      transport.connect();
      await nextEvent(transport, 'status', (status) => status === 'open');
      transport.connect();
      expect(log).toEqual(['status:connecting', 'status:open']);
    });

    it('carries frames both ways, in order', async () => {
      const transport = create();
      await openTransport(transport);
      const ids = ['1', '2', '3', '4', '5', '6', '7', '8'];
      const pongs: unknown[] = [];
      const done = new Promise<void>((resolve) =>
        transport.on('frame', (data) => {
          const frame = decoded(data);
          if (frame.type === 'pong') pongs.push(frame.id);
          if (pongs.length === ids.length) resolve();
        }),
      );
      transport.send(hello);
      for (const id of ids) transport.send(ping(id));
      await done;
      expect(pongs).toEqual(ids);
      expect(server.received.slice(-ids.length)).toEqual(ids.map(ping));
    });

    it('answers the hello with the welcome', async () => {
      const transport = create();
      await openTransport(transport);
      const welcome = nextFrame(transport, 'session.welcome');
      transport.send(hello);
      expect((await welcome).token).toBe('echo-token');
    });

    it('throws transport-closed on send() before connect()', () => {
      const transport = create();
      expect(() => transport.send(hello)).toThrowError(expect.objectContaining({ code: 'transport-closed' }));
    });

    it('throws transport-closed on send() while connecting', () => {
      const transport = create();
      transport.connect();
      expect(() => transport.send(hello)).toThrowError(expect.objectContaining({ code: 'transport-closed' }));
    });

    it('throws transport-closed on send() after close()', async () => {
      const transport = create();
      await openTransport(transport);
      transport.close();
      expect(() => transport.send(hello)).toThrowError(expect.objectContaining({ code: 'transport-closed' }));
    });

    it('close() is idempotent and reports closed once, without error', async () => {
      const transport = create();
      await openTransport(transport);
      const log = record(transport);
      transport.close();
      transport.close();
      expect(log).toEqual(['status:closed']);
      expect(transport.status).toBe('closed');
    });

    it('close() while connecting ends in closed, never open', async () => {
      server.setLatency(50);
      const transport = create();
      const log = record(transport);
      transport.connect();
      transport.close();
      await roundTrip(server);
      expect(log).toEqual(['status:connecting', 'status:closed']);
    });

    it('reports connection-lost, then closed, when the server drops the connection', async () => {
      const transport = create();
      await openTransport(transport);
      const log = record(transport);
      const closed = nextEvent(transport, 'status', (status) => status === 'closed');
      server.killAll();
      await closed;
      expect(log).toEqual(['error:connection-lost', 'status:closed']);
    });

    it('reports unauthorized, then closed, when refused with 401, and tries no more', async () => {
      server.refuse(401);
      const transport = create();
      const log = record(transport);
      const before = server.attempts;
      const error = nextEvent(transport, 'error');
      const closed = nextEvent(transport, 'status', (status) => status === 'closed');
      transport.connect();
      await closed;
      await roundTrip(server);
      expect((await error).retryable).toBe(false);
      // A WebSocket server refuses after the upgrade (close 4401), so `open` may come first.
      expect(log.filter((entry) => entry !== 'status:open')).toEqual([
        'status:connecting',
        'error:unauthorized',
        'status:closed',
      ]);
      expect(server.attempts - before).toBe(1);
    });

    it('reports rate-limited with retryAfterMs when refused with 429', async () => {
      server.refuse(429, 3);
      const transport = create();
      transport.connect();
      const error = await nextEvent(transport, 'error');
      expect([error.code, error.retryAfterMs]).toEqual(['rate-limited', 3000]);
    });

    it('reports unsupported-version when the server closes for it', async () => {
      const transport = create();
      await openTransport(transport);
      const error = nextEvent(transport, 'error');
      server.closeAll('unsupported-version');
      expect((await error).code).toBe('unsupported-version');
    });

    it('reports connect-timeout, then closed, when the server never answers', async () => {
      server.stall(true);
      const transport = create({ connectTimeoutMs: 100 });
      const log = record(transport);
      transport.connect();
      await nextEvent(transport, 'status', (status) => status === 'closed');
      expect(log).toEqual(['status:connecting', 'error:connect-timeout', 'status:closed']);
    });

    it('carries a 200 KiB frame to the server', async () => {
      const transport = create();
      await openTransport(transport);
      const text = 'é'.repeat(100 * 1024);
      const ack = nextFrame(transport, 'message.ack');
      transport.send({ type: 'message.send', clientId: 'big', text });
      expect((await ack).clientId).toBe('big');
      expect(server.received.at(-1)).toEqual({ type: 'message.send', clientId: 'big', text });
    });

    it('carries a 200 KiB frame from the server', async () => {
      const transport = create();
      await openTransport(transport);
      const text = 'x'.repeat(200 * 1024);
      const frame = nextFrame(transport, 'message');
      server.push(JSON.stringify({ type: 'message', text }));
      expect((await frame).text).toBe(text);
    });

    it('refuses a frame over 256 KiB with frame-too-large and stays open', async () => {
      const transport = create();
      await openTransport(transport);
      const send = () =>
        transport.send({ type: 'message.send', clientId: 'huge', text: 'x'.repeat(300_000) });
      expect(send).toThrowError(expect.objectContaining({ code: 'frame-too-large' }));
      const pong = nextFrame(transport, 'pong');
      transport.send(ping('after'));
      expect((await pong).id).toBe('after');
    });

    it('connects again after close(), as a fresh connection', async () => {
      const transport = create();
      await openTransport(transport);
      transport.close();
      await openTransport(transport);
      const pong = nextFrame(transport, 'pong');
      transport.send(ping('again'));
      expect((await pong).id).toBe('again');
    });

    it('connects again after the server dropped it', async () => {
      const transport = create();
      await openTransport(transport);
      const closed = nextEvent(transport, 'status', (status) => status === 'closed');
      server.killAll();
      await closed;
      await openTransport(transport);
      expect(transport.status).toBe('open');
    });

    it('close() ends the connection on the server too', async () => {
      const transport = create();
      await openTransport(transport);

      transport.close();
      await server.idle();
      expect(server.connections).toBe(0);
    });

    it('delivers the frames sent just before close()', async () => {
      const transport = create();
      await openTransport(transport);

      transport.send(ping('last-1'));
      transport.send(ping('last-2'));
      transport.close();
      await server.idle();
      expect(server.received.slice(-2)).toEqual([ping('last-1'), ping('last-2')]);
    });

    it('stops a listener with the function on() returns', async () => {
      const transport = create();
      const seen: string[] = [];
      const off = transport.on('status', (status) => seen.push(status));
      off();
      await openTransport(transport);
      expect(seen).toEqual([]);
    });

    it('errors are ChatErrors', async () => {
      server.refuse(401);
      const transport = create();
      transport.connect();
      expect(ChatError.isInstance(await nextEvent(transport, 'error'))).toBe(true);
    });
  });

  describe(`${name} transport with the memory chat server`, () => {
    let server: TestServer;
    let transport: Transport | undefined;
    beforeAll(async () => {
      server = await startTestServer(undefined, { pollHoldMs: 200, channelIdleMs: 1000 });
    });
    afterEach(async () => {
      transport?.close();
      await server.idle();
    });
    afterAll(async () => {
      await server.close();
    });

    it('answers session.hello with session.welcome', async () => {
      transport = make(server, {});
      await openTransport(transport);
      const welcome = nextFrame(transport, 'session.welcome');
      transport.send(hello);
      expect(typeof (await welcome).token).toBe('string');
    });

    it('acknowledges a message with its clientId', async () => {
      transport = make(server, {});
      await openTransport(transport);
      const ack = nextFrame(transport, 'message.ack');
      transport.send(hello);
      transport.send({ type: 'message.send', clientId: 'V1StGXR8_Z5jdHi6B-myT', text: 'Bonjour' });
      expect((await ack).clientId).toBe('V1StGXR8_Z5jdHi6B-myT');
    });
  });
}
