import { createMemoryTransportPair } from '@clavard/adapters/memory';
import { ChatError, type TransportStatus } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { nextEvent } from './memory-helpers.js';

const statuses = (transport: { on: (e: 'status', l: (s: TransportStatus) => void) => unknown }) => {
  const seen: TransportStatus[] = [];
  transport.on('status', (status) => seen.push(status));
  return seen;
};

async function openPair() {
  const pair = createMemoryTransportPair();
  const opened = nextEvent(pair.client, 'status', (s) => s === 'open');
  pair.client.connect();
  await opened;
  return pair;
}

describe('createMemoryTransportPair', () => {
  it('goes idle → connecting → open and tells the server end', async () => {
    const { client, server } = createMemoryTransportPair();
    const seen = statuses(client);
    const connected = new Promise<void>((resolve) => server.on('connect', () => resolve()));
    expect(client.status).toBe('idle');
    client.connect();
    expect(client.status).toBe('connecting');
    await connected;
    expect(seen).toEqual(['connecting', 'open']);
    expect(server.connected).toBe(true);
  });

  it('carries client frames to the server as JSON text, in order', async () => {
    const { client, server } = await openPair();
    const received: string[] = [];
    const two = new Promise<void>((resolve) =>
      server.on('frame', (text) => received.push(text) === 2 && resolve()),
    );
    client.send({ type: 'ping', id: 'a' });
    client.send({ type: 'typing', active: true });
    await two;
    expect(received).toEqual(['{"type":"ping","id":"a"}', '{"type":"typing","active":true}']);
  });

  it('carries server frames asynchronously, objects serialised and texts as given', async () => {
    const { client, server } = await openPair();
    const received: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      client.on('frame', (data) => received.push(data) === 2 && resolve()),
    );
    server.send({ type: 'pong', id: 'x' });
    server.send('not json');
    expect(received).toEqual([]);
    await two;
    expect(received).toEqual(['{"type":"pong","id":"x"}', 'not json']);
  });

  it('throws transport-closed when sending while not open', () => {
    const { client } = createMemoryTransportPair();
    let thrown: unknown;
    try {
      client.send({ type: 'ping' });
    } catch (error) {
      thrown = error;
    }
    expect(ChatError.isInstance(thrown) && thrown.code).toBe('transport-closed');
  });

  it('holds connect pending until release()', async () => {
    const { client, server } = createMemoryTransportPair({ holdConnect: true });
    client.connect();
    await Promise.resolve();
    await Promise.resolve();
    expect(client.status).toBe('connecting');
    expect(server.pending).toBe(true);
    const opened = nextEvent(client, 'status', (s) => s === 'open');
    server.release();
    await opened;
    expect(server.pending).toBe(false);
  });

  it('refuses the next connect with the given error, then closed', async () => {
    const { client, server } = createMemoryTransportPair();
    const order: string[] = [];
    client.on('error', (error) => order.push(`error:${error.code}`));
    client.on('status', (status) => order.push(status));
    server.refuseNext(new ChatError('unauthorized', 'no token'));
    const closed = nextEvent(client, 'status', (s) => s === 'closed');
    client.connect();
    await closed;
    expect(order).toEqual(['connecting', 'error:unauthorized', 'closed']);
  });

  it('drop() loses frames in flight and reports connection-lost then closed', async () => {
    const { client, server } = await openPair();
    const order: string[] = [];
    client.on('frame', () => order.push('frame'));
    client.on('error', (error) => order.push(`error:${error.code}`));
    const serverClose = new Promise((resolve) => server.on('close', resolve));
    server.send({ type: 'pong' });
    server.drop();
    expect(await serverClose).toEqual({ by: 'drop' });
    expect(order).toEqual(['error:connection-lost']);
    expect(client.status).toBe('closed');
  });

  it('close(reason) from the server delivers earlier frames, then the matching error', async () => {
    const { client, server } = await openPair();
    const order: string[] = [];
    client.on('frame', () => order.push('frame'));
    client.on('error', (error) => order.push(`error:${error.code}`));
    const closed = nextEvent(client, 'status', (s) => s === 'closed');
    server.send({ type: 'error', code: 'unsupported-version', message: 'v2', retryable: false });
    server.close('unsupported-version');
    await closed;
    expect(order).toEqual(['frame', 'error:unsupported-version']);
  });

  it('close() is idempotent, immediate, and the server hears of it after earlier frames', async () => {
    const { client, server } = await openPair();
    const seen = statuses(client);
    const heard: string[] = [];
    server.on('frame', () => heard.push('frame'));
    const serverClose = new Promise((resolve) =>
      server.on('close', (info) => {
        heard.push('close');
        resolve(info);
      }),
    );
    client.send({ type: 'ping' });
    client.close();
    client.close();
    expect(client.status).toBe('closed');
    expect(await serverClose).toEqual({ by: 'client' });
    expect(heard).toEqual(['frame', 'close']);
    expect(seen).toEqual(['closed']);
    expect(() => server.send({ type: 'pong' })).toThrow(ChatError);
  });

  it('delivers nothing after the client closed', async () => {
    const { client, server } = await openPair();
    let late = 0;
    client.on('frame', () => late++);
    server.send({ type: 'pong' });
    client.close();
    await new Promise((resolve) => server.on('close', resolve));
    expect(late).toBe(0);
  });

  it('connects again after a close', async () => {
    const { client, server } = await openPair();
    client.close();
    const opened = nextEvent(client, 'status', (s) => s === 'open');
    const connects: number[] = [];
    server.on('connect', () => connects.push(1));
    client.connect();
    await opened;
    expect(connects).toEqual([1]);
    expect(server.connected).toBe(true);
  });

  it('keeps other listeners running when one throws, and reports the error', async () => {
    const caught: unknown[] = [];
    const { client } = createMemoryTransportPair({ onListenerError: (error) => caught.push(error) });
    const seen: string[] = [];
    client.on('status', () => {
      throw new Error('boom');
    });
    client.on('status', (status) => seen.push(status));
    client.connect();
    expect(seen).toEqual(['connecting']);
    expect(caught).toEqual([new Error('boom')]);
  });

  it('stops calling an unsubscribed listener', async () => {
    const { client, server } = await openPair();
    let calls = 0;
    const off = client.on('frame', () => calls++);
    off();
    off();
    const got = nextEvent(client, 'frame');
    server.send({ type: 'pong' });
    await got;
    expect(calls).toBe(0);
  });
});
