import { createSseTransport, type EventSourceLike } from '@clavard/adapters/sse';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, openTransport, record } from './support/next-event.js';

/** A fetch that answers the stream request with `chunks`, and every POST/DELETE with 204. */
function streamingFetch(chunks: string[], status = 200) {
  return async (_input: string, init?: RequestInit): Promise<Response> => {
    if (init?.method) return new Response(null, { status: 204 });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    return new Response(status === 200 ? body : null, { status });
  };
}

const opening = 'event: channel\ndata: {"channel":"c1"}\n\n';

async function framesOf(chunks: string[], count: number): Promise<unknown[]> {
  const transport = createSseTransport({
    url: 'http://test.invalid',
    EventSource: null,
    fetch: streamingFetch(chunks),
  });
  const frames: unknown[] = [];
  const done = new Promise<void>((resolve) =>
    transport.on('frame', (data) => {
      frames.push(data);
      if (frames.length === count) resolve();
    }),
  );
  transport.connect();
  await done;
  transport.close();
  return frames;
}

describe('the fetch-based event stream reader', () => {
  it('emits each data field as one frame, as received', async () => {
    expect(await framesOf([`${opening}data: {"type":"pong"}\n\n`], 1)).toEqual(['{"type":"pong"}']);
  });

  it('joins multi-line data with a line feed', async () => {
    expect(await framesOf([`${opening}data: {"a":\ndata: 1}\n\n`], 1)).toEqual(['{"a":\n1}']);
  });

  it('ignores comments such as keep-alives', async () => {
    expect(await framesOf([`: hi\n\n${opening}: keep-alive\n\ndata: x\n\n`], 1)).toEqual(['x']);
  });

  it('reads CRLF line endings', async () => {
    expect(await framesOf([`${opening}data: crlf\r\n\r\n`], 1)).toEqual(['crlf']);
  });

  it('reassembles lines split across chunks', async () => {
    expect(await framesOf([opening, 'da', 'ta: one\n', '\ndata: t', 'wo\n\n'], 2)).toEqual(['one', 'two']);
  });

  it('opens on the channel event, not before', async () => {
    const transport = createSseTransport({
      url: 'http://test.invalid',
      EventSource: null,
      fetch: streamingFetch([': nothing yet\n\n']),
    });
    const log = record(transport);
    transport.connect();
    await nextEvent(transport, 'status', (status) => status === 'closed');
    expect(log).toEqual(['status:connecting', 'error:connection-lost', 'status:closed']);
  });

  it('maps a close event to its error', async () => {
    const transport = createSseTransport({
      url: 'http://test.invalid',
      EventSource: null,
      fetch: streamingFetch([
        `${opening}event: close\ndata: {"code":4429,"reason":"retry-after-ms=500"}\n\n`,
      ]),
    });
    const error = nextEvent(transport, 'error');
    transport.connect();
    expect([(await error).code, (await error).retryAfterMs]).toEqual(['rate-limited', 500]);
  });

  it('maps a 401 on the stream request to unauthorized', async () => {
    const transport = createSseTransport({
      url: 'http://test.invalid',
      EventSource: null,
      fetch: streamingFetch([], 401),
    });
    const error = nextEvent(transport, 'error');
    transport.connect();
    expect((await error).code).toBe('unauthorized');
  });
});

/** A scripted EventSource: the test fires its events. */
class ScriptedEventSource implements EventSourceLike {
  static last: ScriptedEventSource | undefined;
  readonly listeners = new Map<string, (event: MessageEvent) => void>();
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    ScriptedEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  fire(type: string, data: string): void {
    this.listeners.get(type)?.(new MessageEvent(type, { data }));
  }
}

function scriptedSource(): ScriptedEventSource {
  const source = ScriptedEventSource.last;
  if (!source) throw new Error('no EventSource was made');
  return source;
}

describe('createSseTransport with an EventSource', () => {
  const posts: string[] = [];
  const fetch = async (_input: string, init?: RequestInit) => {
    posts.push(String(init?.body ?? init?.method));
    return new Response(null, { status: 204 });
  };
  const make = () =>
    createSseTransport({ url: 'http://test.invalid/clavard', EventSource: ScriptedEventSource, fetch });
  afterEach(() => {
    posts.length = 0;
  });

  it('opens the stream at {url}/channel/events, with no token in the URL', () => {
    make().connect();
    expect(scriptedSource().url).toBe('http://test.invalid/clavard/channel/events');
  });

  it('opens on the channel event and emits messages as frames', async () => {
    const transport = make();
    const log = record(transport);
    transport.connect();
    scriptedSource().fire('channel', '{"channel":"c9"}');
    scriptedSource().fire('message', '{"type":"pong"}');
    expect(log).toEqual(['status:connecting', 'status:open', 'frame:pong']);
  });

  it('reports connection-lost on a stream error and closes the EventSource so it does not retry', () => {
    const transport = make();
    const log = record(transport);
    transport.connect();
    const source = scriptedSource();
    source.fire('channel', '{"channel":"c9"}');
    source.onerror?.(new Event('error'));
    expect(log.slice(-2)).toEqual(['error:connection-lost', 'status:closed']);
    expect(source.closed).toBe(true);
  });

  it('posts client frames as a JSON array', async () => {
    const transport = make();
    const opened = openTransport(transport);
    scriptedSource().fire('channel', '{"channel":"c9"}');
    await opened;
    transport.send({ type: 'ping', id: 'p1' });
    expect(posts).toEqual(['[{"type":"ping","id":"p1"}]']);
  });
});
