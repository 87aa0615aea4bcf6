import { createMemoryChatServer, createMemoryTransportPair } from '@clavard/adapters/memory';
import { createFaultInjector, createRandom, type FaultInjectorOptions } from '@clavard/adapters/testing';
import type { Transport } from '@clavard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextEvent, visitor } from './memory-helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A faulty transport over a bare pair, open; `push(n)` sends pong frames 0..n-1 from the server. */
async function faultyPair(options: FaultInjectorOptions) {
  const { client, server } = createMemoryTransportPair();
  const faulty = createFaultInjector(client, options);
  const ids: string[] = [];
  faulty.on('frame', (data) => ids.push(String(JSON.parse(String(data)).id)));
  const opened = nextEvent(faulty, 'status', (s) => s === 'open');
  faulty.connect();
  await opened;
  const push = (count: number) => {
    for (let i = 0; i < count; i++) server.send({ type: 'pong', id: String(i) });
  };
  return { faulty, server, ids, push };
}

/** Resolves once `transport` received `count` frames. */
const frames = (transport: Transport, count: number) =>
  new Promise<void>((resolve) => {
    let seen = 0;
    transport.on('frame', () => ++seen === count && resolve());
  });

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, a.next)).toEqual(Array.from({ length: 5 }, b.next));
  });

  it('gives floats in [0, 1) and ints within bounds', () => {
    const random = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      expect([1, 2, 3]).toContain(random.int(1, 3));
    }
  });
});

describe('createFaultInjector', () => {
  it('passes everything through in order with no faults', async () => {
    const { faulty, ids, push } = await faultyPair({ seed: 1 });
    const all = frames(faulty, 10);
    push(10);
    await all;
    expect(ids).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(faulty.stats).toMatchObject({ received: 10, delivered: 10, dropped: 0 });
  });

  it('drops incoming frames at the given rate', async () => {
    const { faulty, server, ids, push } = await faultyPair({ seed: 3, drop: 0.5 });
    push(200);
    server.send({ type: 'pong', id: 'end' });
    await vi.waitUntil(() => faulty.stats.received === 201);
    expect(faulty.stats.dropped).toBeGreaterThan(60);
    expect(faulty.stats.dropped).toBeLessThan(140);
    expect(ids.length).toBe(201 - faulty.stats.dropped);
  });

  it('duplicates incoming frames', async () => {
    const { faulty, ids, push } = await faultyPair({ seed: 5, duplicate: 0.3 });
    push(100);
    await vi.waitUntil(() => faulty.stats.received === 100);
    expect(faulty.stats.duplicated).toBeGreaterThan(10);
    expect(ids.length).toBe(100 + faulty.stats.duplicated);
    expect(new Set(ids).size).toBe(100);
  });

  it('reorders within the window, losing nothing', async () => {
    const { faulty, ids, push } = await faultyPair({ seed: 9, reorderWindow: 4 });
    const all = frames(faulty, 50);
    push(50);
    await all;
    expect(faulty.stats.reordered).toBeGreaterThan(0);
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i)),
    );
    ids.forEach((id, place) => {
      expect(Math.abs(Number(id) - place)).toBeLessThan(4);
    });
  });

  it('delays incoming frames, keeping their order', async () => {
    vi.useFakeTimers();
    const { faulty, ids, push } = await faultyPair({ seed: 11, delayMs: 100 });
    push(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(faulty.stats.delayed).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(ids).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('drops and duplicates outgoing frames when asked', async () => {
    const { client, server } = createMemoryTransportPair();
    const faulty = createFaultInjector(client, { seed: 13, drop: 0.3, duplicate: 0.3, outgoing: true });
    const received: string[] = [];
    server.on('frame', (text) => received.push(text));
    const opened = nextEvent(faulty, 'status', (s) => s === 'open');
    faulty.connect();
    await opened;
    for (let i = 0; i < 100; i++) faulty.send({ type: 'ping', id: String(i) });
    await vi.waitUntil(
      () => received.length === 100 - faulty.stats.droppedOutgoing + faulty.stats.duplicatedOutgoing,
    );
    expect(faulty.stats.droppedOutgoing).toBeGreaterThan(10);
    expect(faulty.stats.duplicatedOutgoing).toBeGreaterThan(5);
  });

  it('cuts on a schedule: connection-lost, then closed, and the wrapped transport closed', async () => {
    const { client, server } = createMemoryTransportPair();
    const faulty = createFaultInjector(client, { seed: 17, cutEvery: 4 });
    const order: string[] = [];
    faulty.on('error', (error) => order.push(error.code));
    faulty.on('status', (status) => order.push(status));
    const closed = nextEvent(faulty, 'status', (s) => s === 'closed');
    faulty.connect();
    await nextEvent(faulty, 'status', (s) => s === 'open');
    for (let i = 0; i < 10; i++) server.send({ type: 'pong', id: String(i) });
    await closed;
    expect(order).toEqual(['connecting', 'open', 'connection-lost', 'closed']);
    expect(client.status).toBe('closed');
    expect(faulty.stats.cuts).toBe(1);
  });

  it('cut() disconnects now and the transport can connect again', async () => {
    const { faulty, push, ids } = await faultyPair({ seed: 19 });
    const lost = nextEvent(faulty, 'error');
    faulty.cut();
    expect((await lost).code).toBe('connection-lost');
    expect(faulty.status).toBe('closed');
    const opened = nextEvent(faulty, 'status', (s) => s === 'open');
    faulty.connect();
    await opened;
    const one = frames(faulty, 1);
    push(1);
    await one;
    expect(ids).toEqual(['0']);
  });

  it('delivers held frames before a graceful close from the server', async () => {
    const { faulty, server, ids, push } = await faultyPair({ seed: 23, reorderWindow: 8 });
    const closed = nextEvent(faulty, 'status', (s) => s === 'closed');
    push(3);
    server.close('server-restart');
    await closed;
    expect([...ids].sort()).toEqual(['0', '1', '2']);
  });

  it('throws transport-closed on send while not open', () => {
    const faulty = createFaultInjector(createMemoryTransportPair().client, { seed: 1 });
    expect(() => faulty.send({ type: 'ping' })).toThrow(/cannot send while idle/);
  });
});

describe('a memory chat server behind a fault injector', () => {
  // Fake timers: runAllTimersAsync() lets every frame, reorder window and reply settle, lost or not.
  async function scenario(seed: number) {
    vi.useFakeTimers();
    const server = createMemoryChatServer({
      heartbeatMs: 0,
      autoAgent: { id: 'a', firstName: 'Ana' },
      autoReply: ({ text }) => `re: ${text}`,
    });
    const faulty = createFaultInjector(server.createTransport(), {
      seed,
      drop: 0.1,
      duplicate: 0.1,
      reorderWindow: 3,
      cutEvery: 15,
    });
    const v = visitor(faulty);
    const isOpen = () => faulty.status === 'open';
    for (let i = 0; i < 30; i++) {
      if (!isOpen()) {
        faulty.connect();
        await vi.runAllTimersAsync();
        const token = v.all('session.welcome')[0]?.token;
        if (isOpen()) v.send({ type: 'session.hello', v: '1.0', locale: 'en', ...(token ? { token } : {}) });
        await vi.runAllTimersAsync();
      }
      if (isOpen()) v.send({ type: 'message.send', clientId: `c${i}`, text: `hello ${i}` });
      await vi.runAllTimersAsync();
    }
    faulty.close();
    const seqs = server.conversations().map((conversation) => conversation.lastSeq);
    return { stats: { ...faulty.stats }, seqs, frames: v.frames.map((frame) => frame.type) };
  }

  it('gives the same faults and the same outcome twice for a seed', async () => {
    const first = await scenario(2026);
    const second = await scenario(2026);
    expect(second).toEqual(first);
    expect(first.stats.cuts).toBeGreaterThan(0);
    expect(first.stats.dropped + first.stats.duplicated).toBeGreaterThan(0);
  });

  it('gives other faults for another seed', async () => {
    const first = await scenario(1);
    const second = await scenario(2);
    expect(second.stats).not.toEqual(first.stats);
  });
});
