import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, openTransport } from './support/next-event.js';
import { startTestServer, type TestServer } from './support/node-server.js';

describe('long-poll polling', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('reports connection-lost when a poll takes longer than pollTimeoutMs', async () => {
    server = await startTestServer(undefined, { pollHoldMs: 60_000 });
    const transport = createLongPollTransport({ url: server.url, pollTimeoutMs: 100 });
    const error = nextEvent(transport, 'error');
    await openTransport(transport);
    expect((await error).code).toBe('connection-lost');
    expect(transport.status).toBe('closed');
  });

  it('keeps one poll in flight at most', async () => {
    server = await startTestServer(undefined, { pollHoldMs: 20 });
    let inFlight = 0;
    let most = 0;
    let polls = 0;
    let sixth: () => void = () => undefined;
    const sixPolls = new Promise<void>((resolve) => {
      sixth = resolve;
    });
    const transport = createLongPollTransport({
      url: server.url,
      fetch: async (input, init) => {
        if (!input.endsWith('/poll')) return fetch(input, init);
        if (++polls === 6) sixth();
        most = Math.max(most, ++inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    });
    await openTransport(transport);
    server.push('{"type":"pong"}');
    await sixPolls;
    transport.close();
    expect(most).toBe(1);
  });

  it('emits each element of a poll answer as one decoded frame', async () => {
    server = await startTestServer();
    const transport = createLongPollTransport({ url: server.url });
    await openTransport(transport);
    const frames: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      transport.on('frame', (frame) => {
        if (frames.push(frame) === 2) resolve();
      }),
    );
    server.push('{"type":"pong","id":"a"}');
    server.push('{"type":"pong","id":"b"}');
    await two;
    transport.close();
    expect(frames).toEqual([
      { type: 'pong', id: 'a' },
      { type: 'pong', id: 'b' },
    ]);
  });

  it('aborts the poll in flight on close()', async () => {
    server = await startTestServer();
    let aborted: Promise<void> = Promise.resolve();
    const transport = createLongPollTransport({
      url: server.url,
      fetch: (input, init) => {
        const signal = init?.signal;
        if (input.endsWith('/poll') && signal) {
          aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
        }
        return fetch(input, init);
      },
    });
    await openTransport(transport);
    transport.close();
    await expect(aborted).resolves.toBeUndefined();
  });
});
