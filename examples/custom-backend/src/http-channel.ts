// The HTTP channel (docs/transports.md), for the widget's SSE and long-poll transports: one channel is one
// connection of the chat, like one WebSocket. Server frames go down an SSE stream or a held GET; client
// frames come up by POST, as a JSON array. The channel id travels in the `Clavard-Channel` header only.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FRAME_BYTES } from '@clavard/protocol';
import type { createChat } from './chat.js';

type Chat = ReturnType<typeof createChat>;
type Connection = ReturnType<Chat['open']>;

/** How long things wait, in milliseconds; the defaults are the ones docs/transports.md gives. */
export interface ChannelTiming {
  /** An SSE stream gets a `: keep-alive` comment this often, so that proxies keep it open. */
  keepAliveMs: number;
  /** A poll with nothing to deliver is held this long, then answered `[]`. */
  pollHoldMs: number;
  /** A long-poll channel with no poll for this long is dead (its widget left without a DELETE). */
  idleMs: number;
}

interface Channel {
  id: string;
  connection: Connection;
  /** SSE: the open stream. Long-poll: undefined. */
  stream: ServerResponse | undefined;
  /** Long-poll: frames waiting for the next poll, the poll held, and the idle timer. */
  waiting: string[];
  poll?: ServerResponse | undefined;
  idle?: NodeJS.Timeout;
  /** Long-poll: the close notice the next poll gets (`410`), once the chat has ended the channel. */
  notice?: string;
}

/** The client batches frames of at most 256 KiB together; a body may hold up to 1 MiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, or undefined when it is over the limit (then read to its end and dropped). */
const readBody = (req: IncomingMessage) =>
  new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });

/** The frames of a POST body: a JSON array, else undefined. */
const parseBatch = (body: string): unknown[] | undefined => {
  try {
    const frames: unknown = JSON.parse(body);
    return Array.isArray(frames) ? frames : undefined;
  } catch {
    return undefined;
  }
};

const answer = (res: ServerResponse, status: number, json?: string) =>
  res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' }).end(json);

/** What the endpoints share: the chat, the timing, and the live channels by id. */
interface Channels {
  chat: Chat;
  timing: ChannelTiming;
  live: Map<string, Channel>;
}

const forget = (channels: Channels, channel: Channel) => {
  clearTimeout(channel.idle);
  channels.live.delete(channel.id);
};

/** Long-poll: answer the held poll if there is something to say: the waiting frames, else the notice. */
const flush = (channels: Channels, channel: Channel) => {
  const poll = channel.poll;
  if (!poll || (channel.waiting.length === 0 && channel.notice === undefined)) return;
  channel.poll = undefined;
  if (channel.waiting.length > 0) return answer(poll, 200, `[${channel.waiting.splice(0).join(',')}]`);
  forget(channels, channel);
  answer(poll, 410, channel.notice);
};

/** The channel is over for the chat at once; a long-poll one stays until its notice is delivered. */
const end = (channels: Channels, channel: Channel, notice?: { code: number; reason: string }) => {
  if (!channels.live.has(channel.id) || channel.notice !== undefined) return;
  channels.chat.closed(channel.connection);
  if (channel.stream) {
    forget(channels, channel);
    channel.stream.end(notice && `event: close\ndata: ${JSON.stringify(notice)}\n\n`);
  } else if (notice) {
    channel.notice = JSON.stringify(notice);
    flush(channels, channel);
  } else {
    forget(channels, channel);
    channel.poll?.destroy();
  }
};

/** A new channel, as one new connection of the chat; `stream` for SSE. */
const open = (channels: Channels, stream?: ServerResponse): Channel => {
  const id = randomBytes(24).toString('base64url'); // 192 random bits: a bearer capability
  const connection = channels.chat.open({
    send(text) {
      if (!channels.live.has(id) || channel.notice !== undefined) return;
      // A frame is JSON made by JSON.stringify: one line, so one `data:` line.
      if (stream) return void stream.write(`data: ${text}\n\n`);
      channel.waiting.push(text);
      flush(channels, channel);
    },
    close: (code, reason) => end(channels, channel, { code, reason }),
  });
  const channel: Channel = { id, connection, stream, waiting: [] };
  channels.live.set(id, channel);
  return channel;
};

/**
 * The channel named by the request's `Clavard-Channel` header. Unknown, or ended by the chat (unless
 * `ended` is allowed, for the poll that delivers the notice): answers `410`, with the notice if any.
 */
const find = (channels: Channels, req: IncomingMessage, res: ServerResponse, ended = false) => {
  const channel = channels.live.get(String(req.headers['clavard-channel']));
  if (channel && (ended || channel.notice === undefined)) return channel;
  if (channel) forget(channels, channel);
  answer(res, 410, channel?.notice);
};

/** Long-poll: a channel with no poll for `idleMs` is dead (its widget left without a DELETE). */
const armIdle = (channels: Channels, channel: Channel) => {
  clearTimeout(channel.idle);
  channel.idle = setTimeout(
    () => (channel.notice === undefined ? end(channels, channel) : forget(channels, channel)),
    channels.timing.idleMs,
  );
};

type Route = (channels: Channels, req: IncomingMessage, res: ServerResponse) => unknown;

/** SSE: opening the stream opens the channel; its first event names it. */
const openStream: Route = (channels, _req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-accel-buffering': 'no' });
  const channel = open(channels, res);
  res.write(`event: channel\ndata: ${JSON.stringify({ channel: channel.id })}\n\n`);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), channels.timing.keepAliveMs);
  res.on('close', () => {
    clearInterval(keepAlive);
    end(channels, channel);
  });
};

/** Long-poll: open the channel, then one poll at a time. */
const openPolled: Route = (channels, _req, res) => {
  const channel = open(channels);
  armIdle(channels, channel);
  answer(res, 201, JSON.stringify({ channel: channel.id }));
};

/** Long-poll: answered at once when frames wait, else held until one comes or for `pollHoldMs`. */
const poll: Route = (channels, req, res) => {
  const channel = find(channels, req, res, true);
  if (!channel) return;
  if (channel.poll) answer(channel.poll, 409); // a newer poll replaces it
  channel.poll = res;
  armIdle(channels, channel);
  const hold = setTimeout(() => {
    if (channel.poll !== res) return;
    channel.poll = undefined;
    answer(res, 200, '[]');
  }, channels.timing.pollHoldMs);
  res.on('close', () => {
    clearTimeout(hold);
    if (channel.poll === res) channel.poll = undefined;
  });
  flush(channels, channel);
};

/** Both transports: a JSON array of client frames, handled in order before the answer. */
const postFrames: Route = async (channels, req, res) => {
  const body = await readBody(req);
  const channel = find(channels, req, res);
  if (!channel) return;
  // Over a limit (the body, or one of its frames): the batch is dropped, the channel stays.
  if (body === undefined) return answer(res, 413);
  const frames = parseBatch(body);
  if (!frames) return answer(res, 400);
  const texts = frames.map((frame) => JSON.stringify(frame));
  if (texts.some((text) => Buffer.byteLength(text) > MAX_FRAME_BYTES)) return answer(res, 413);
  for (const text of texts) channels.chat.receive(channel.connection, text);
  answer(res, 204);
};

/** Both transports: the client ends the channel. */
const deleteChannel: Route = (channels, req, res) => {
  // Idempotent: a channel already ended (or never known) is as good as deleted, so no error for the client.
  const channel = channels.live.get(String(req.headers['clavard-channel']));
  answer(res, 204);
  if (!channel) return;
  if (channel.notice === undefined) end(channels, channel);
  else forget(channels, channel);
};

const ROUTES: Record<string, Route> = {
  'GET /channel/events': openStream,
  'POST /channel': openPolled,
  'GET /channel/poll': poll,
  'POST /channel/frames': postFrames,
  'DELETE /channel': deleteChannel,
};

/**
 * The HTTP channel endpoints under `/clavard/channel`, for `chat` (`receive` should not throw: the server
 * passes a guarded one). `handle` answers a request and returns true when its path is one of them.
 *
 * @example
 * ```ts
 * const channel = createHttpChannel(chat);
 * const http = createServer((req, res) => channel.handle(req, res) || res.writeHead(404).end());
 * ```
 */
export function createHttpChannel(chat: Chat, timing: Partial<ChannelTiming> = {}) {
  const channels: Channels = {
    chat,
    timing: { keepAliveMs: 15_000, pollHoldMs: 25_000, idleMs: 35_000, ...timing },
    live: new Map(),
  };
  return {
    /** Answers `req` and returns true when its path is under `/clavard/channel`; false otherwise. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!/^\/clavard\/channel(\/|$)/.test(path)) return false;
      // Every answer is never cached, and readable by a page of any site: the channel carries no cookie,
      // and the session token travels inside the hello. A server for its own sites checks Origin here.
      res.setHeader('cache-control', 'no-store');
      res.setHeader('vary', 'Origin');
      if (req.headers.origin) res.setHeader('access-control-allow-origin', req.headers.origin);
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
        res.setHeader('access-control-allow-headers', 'Content-Type, Clavard-Channel');
        res.setHeader('access-control-max-age', '600');
        answer(res, 204);
        return true;
      }
      const route = ROUTES[`${req.method} ${path.slice('/clavard'.length)}`];
      if (!route) answer(res, 404);
      else Promise.resolve(route(channels, req, res)).catch(() => res.headersSent || answer(res, 400));
      return true;
    },
    /** Ends every channel abruptly (the server is stopping); the widgets reconnect. */
    closeAll() {
      for (const channel of [...channels.live.values()]) {
        end(channels, channel);
        forget(channels, channel);
      }
    },
  };
}
