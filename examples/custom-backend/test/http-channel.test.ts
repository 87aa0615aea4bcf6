// The HTTP channel as docs/transports.md defines it, request by request: what the conformance suites,
// which speak through the widget's own transports, do not reach (limits, unknown channels, CORS, the
// 409 of a replaced poll, the 410 with its close notice, a channel left without a DELETE).
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createChat } from '../src/chat.js';
import type { ChannelTiming } from '../src/http-channel.js';
import { type CustomBackend, startCustomBackend } from '../src/server.js';

let backend: CustomBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

/**
 * The custom backend, a poll held 1 s at most (long enough for two polls to meet on a busy machine);
 * `onClosed` hears each connection the chat is told is gone.
 */
const start = async (timing: Partial<ChannelTiming> = {}, onClosed: () => void = () => undefined) => {
  backend = await startCustomBackend({
    timing: { pollHoldMs: 1000, ...timing },
    chat: (options) => {
      const chat = createChat(options);
      return {
        ...chat,
        closed(connection) {
          chat.closed(connection);
          onClosed();
        },
      };
    },
  });
  return backend.httpUrl;
};

const HELLO = { type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en' };

const request = (url: string, method: string, channel?: string, body?: unknown) =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(channel ? { 'clavard-channel': channel } : {}) },
    ...(method === 'POST' && body !== undefined
      ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });

/** Opens a long-poll channel and returns its id. */
const openChannel = async (base: string): Promise<string> => {
  const opened = await request(`${base}/channel`, 'POST');
  expect(opened.status).toBe(201);
  return ((await opened.json()) as { channel: string }).channel;
};

/** Polls until a frame of `type` arrives; returns every frame seen. */
const pollFor = async (base: string, channel: string, type: string) => {
  const seen: Array<{ type: string }> = [];
  while (!seen.some((frame) => frame.type === type)) {
    const answer = await request(`${base}/channel/poll`, 'GET', channel);
    expect(answer.status).toBe(200);
    seen.push(...((await answer.json()) as Array<{ type: string }>));
  }
  return seen;
};

describe('the long-poll side of the HTTP channel', () => {
  it('refuses a frame over 256 KiB with 413 and keeps the channel', async () => {
    const base = await start();
    const channel = await openChannel(base);
    expect((await request(`${base}/channel/frames`, 'POST', channel, [HELLO])).status).toBe(204);
    const big = [{ type: 'ping', id: 'x'.repeat(MAX_FRAME_BYTES) }];
    expect((await request(`${base}/channel/frames`, 'POST', channel, big)).status).toBe(413);
    const tooLong = `[${JSON.stringify({ type: 'ping' })}${',{}'.repeat(400_000)}]`; // 1.2 MB body
    expect((await request(`${base}/channel/frames`, 'POST', channel, tooLong)).status).toBe(413);
    expect((await request(`${base}/channel/frames`, 'POST', channel, '{}')).status).toBe(400);
    await request(`${base}/channel/frames`, 'POST', channel, [{ type: 'ping', id: 'still-here' }]);
    const frames = await pollFor(base, channel, 'pong');
    expect(frames.map((frame) => frame.type)).toEqual(['session.welcome', 'pong']);
  });

  it('answers 410 to a channel it does not know, or no channel at all; a DELETE of one is 204', async () => {
    const base = await start();
    for (const [path, method] of [
      ['/channel/poll', 'GET'],
      ['/channel/frames', 'POST'],
    ] as const) {
      expect((await request(`${base}${path}`, method, 'made-up', [HELLO])).status, path).toBe(410);
      expect((await request(`${base}${path}`, method, undefined, [HELLO])).status, path).toBe(410);
    }
    expect((await request(`${base}/channel`, 'DELETE', 'made-up')).status).toBe(204);
    expect((await request(`${base}/channel/nowhere`, 'GET')).status).toBe(404);
  });

  it('holds a poll with nothing to say, then answers []; a second poll replaces the first with 409', async () => {
    const base = await start();
    const channel = await openChannel(base);
    // Two polls at once: whichever reaches the server first is answered 409 when the other comes.
    const answers = await Promise.all([
      request(`${base}/channel/poll`, 'GET', channel),
      request(`${base}/channel/poll`, 'GET', channel),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await answers.find((answer) => answer.status === 200)?.json()).toEqual([]);
  });

  it('delivers the frames still waiting, then ends the channel with 410 and its close notice', async () => {
    const base = await start();
    const channel = await openChannel(base);
    await request(`${base}/channel/frames`, 'POST', channel, [{ type: 'ping' }]); // not a hello
    expect(await pollFor(base, channel, 'error')).toMatchObject([{ type: 'error', code: 'invalid-frame' }]);
    const ended = await request(`${base}/channel/poll`, 'GET', channel);
    expect(ended.status).toBe(410);
    expect(await ended.json()).toEqual({ code: 4400, reason: 'protocol-error' });
    expect((await request(`${base}/channel/poll`, 'GET', channel)).status).toBe(410);
  });

  it('ends a channel on DELETE', async () => {
    const base = await start();
    const channel = await openChannel(base);
    expect((await request(`${base}/channel`, 'DELETE', channel)).status).toBe(204);
    expect((await request(`${base}/channel/poll`, 'GET', channel)).status).toBe(410);
    // Again, as a client whose first DELETE went unanswered would: still no error.
    expect((await request(`${base}/channel`, 'DELETE', channel)).status).toBe(204);
  });

  it('ends a channel left without a poll for the idle time', async () => {
    let closed: () => void = () => undefined;
    const idleEnded = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const base = await start({ idleMs: 200 }, () => closed());
    const channel = await openChannel(base);
    await idleEnded; // the chat is told the connection is gone, with no request from the client
    expect((await request(`${base}/channel/poll`, 'GET', channel)).status).toBe(410);
  });
});

describe('the SSE side and every answer', () => {
  it('opens the stream with the channel event, and ends it with a close event', async () => {
    const base = await start();
    const stream = await fetch(`${base}/channel/events`, { headers: { origin: 'https://shop.example' } });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(stream.headers.get('cache-control')).toBe('no-store');
    const reader = stream.body?.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (part: string) => {
      while (!text.includes(part)) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) throw new Error(`the stream ended before ${JSON.stringify(part)}`);
        text += chunk.value;
      }
    };
    await readUntil('\n\n');
    const channel = /^event: channel\ndata: \{"channel":"([\w-]{32})"\}\n\n$/.exec(text)?.[1];
    expect(channel).toBeDefined();
    await request(`${base}/channel/frames`, 'POST', channel, [{ type: 'ping' }]); // not a hello
    await readUntil('event: close');
    await readUntil('\n\n');
    expect(text).toMatch(/\ndata: \{"type":"error",[^\n]*\n\nevent: close\ndata: \{"code":4400,/);
    expect(await reader?.read()).toMatchObject({ done: true });
  });

  it('answers the CORS preflight as the doc says', async () => {
    const base = await start();
    const answer = await fetch(`${base}/channel/frames`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBe(204);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': 'Content-Type, Clavard-Channel',
      'access-control-max-age': '600',
      'cache-control': 'no-store',
    });
  });
});
