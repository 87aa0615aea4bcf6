import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOSE_CODES } from '@clavard/protocol';
import type { ChatPeer, PeerHandle } from '../chat/peer.js';
import { answerPreflight, corsHeaders } from './origin.js';
import { readBody } from './read-body.js';

/** Options of {@link createHttpChannels}. */
export interface HttpChannelOptions {
  /** Binds a new channel to the chat hub. */
  accept(peer: ChatPeer): PeerHandle;
  /** How long a poll is held when nothing is waiting, in ms. @default 25000 */
  pollHoldMs: number;
  /** How often an SSE stream gets a keep-alive comment, in ms. @default 15000 */
  keepAliveMs: number;
  /** A long-poll channel with no poll for this long is ended, in ms. @default 35000 */
  channelIdleMs: number;
}

/**
 * The HTTP channel of docs/transports.md: SSE + POST and long-poll, under one base path.
 *
 * @example
 * ```ts
 * const channels = createHttpChannels({ accept: (peer) => acceptVisitor(hub, peer).handle, … });
 * if (await channels.route(req, res, '/channel/events')) return;
 * ```
 */
export interface HttpChannels {
  /** Answers a request whose path (after the base) is a channel endpoint; false when it is not one. */
  route(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Ends every channel abruptly (the hub has already said goodbye). */
  destroyAll(): void;
}

interface Channel {
  id: string;
  handle: PeerHandle;
  sse: ServerResponse | undefined;
  queue: string[];
  poll: ServerResponse | undefined;
  pollTimer: ReturnType<typeof setTimeout> | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  ended: { code: number; reason: string } | undefined;
}

/** The client may send 256 KiB frames batched up to 1 MiB (docs/transports.md). */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long the close notice of an ended channel is kept for the client's next request. */
const FAREWELL_MS = 60_000;
const NO_STORE = { 'cache-control': 'no-store' };
const JSON_TYPE = { 'content-type': 'application/json', ...NO_STORE };

/**
 * Makes the HTTP channel endpoints. Channel ids are 192 random bits, sent in the `Clavard-Channel`
 * header only, never in a URL.
 *
 * @example
 * ```ts
 * const channels = createHttpChannels({ accept, pollHoldMs: 25_000, keepAliveMs: 15_000, channelIdleMs: 35_000 });
 * ```
 */
export function createHttpChannels(options: HttpChannelOptions): HttpChannels {
  const channels = new Map<string, Channel>();
  const farewells = new Map<string, { code: number; reason: string }>();

  const flushPoll = (channel: Channel) => {
    const res = channel.poll;
    if (!res || (channel.queue.length === 0 && !channel.ended)) return;
    clearTimeout(channel.pollTimer);
    channel.poll = undefined;
    if (channel.queue.length > 0) {
      res.writeHead(200, JSON_TYPE).end(`[${channel.queue.join(',')}]`);
      channel.queue = [];
    } else {
      farewells.delete(channel.id);
      res.writeHead(410, JSON_TYPE).end(JSON.stringify(channel.ended));
    }
  };

  const endChannel = (channel: Channel, notice?: { code: number; reason: string }) => {
    if (!channels.delete(channel.id)) return;
    clearTimeout(channel.pollTimer);
    clearTimeout(channel.idleTimer);
    if (notice) {
      channel.ended = notice;
      farewells.set(channel.id, notice);
      setTimeout(() => farewells.delete(channel.id), FAREWELL_MS).unref();
    }
    if (channel.sse) {
      if (notice) channel.sse.end(`event: close\ndata: ${JSON.stringify(notice)}\n\n`);
      else channel.sse.destroy();
    } else if (notice) flushPoll(channel);
    else channel.poll?.destroy();
    channel.handle.closed();
  };

  const armIdle = (channel: Channel) => {
    clearTimeout(channel.idleTimer);
    channel.idleTimer = setTimeout(() => endChannel(channel), options.channelIdleMs);
  };

  const openChannel = (sse: ServerResponse | undefined, req: IncomingMessage): Channel => {
    const id = randomBytes(24).toString('base64url');
    const channel: Channel = {
      id,
      handle: { receive: () => undefined, closed: () => undefined },
      sse,
      queue: [],
      poll: undefined,
      pollTimer: undefined,
      idleTimer: undefined,
      ended: undefined,
    };
    if (sse) {
      sse.writeHead(200, {
        ...corsHeaders(req),
        'content-type': 'text/event-stream',
        'x-accel-buffering': 'no',
        ...NO_STORE,
      });
      sse.write(`event: channel\ndata: ${JSON.stringify({ channel: id })}\n\n`);
    }
    channels.set(id, channel);
    channel.handle = options.accept({
      send(data) {
        if (!channels.has(id)) return;
        if (channel.sse) channel.sse.write(`data: ${data.split('\n').join('\ndata: ')}\n\n`);
        else {
          channel.queue.push(data);
          flushPoll(channel);
        }
      },
      close: (reason) => endChannel(channel, { code: CLOSE_CODES[reason], reason }),
    });
    return channel;
  };

  const findChannel = (req: IncomingMessage, res: ServerResponse): Channel | undefined => {
    const id = req.headers['clavard-channel'];
    const channel = typeof id === 'string' ? channels.get(id) : undefined;
    if (channel) return channel;
    const notice = typeof id === 'string' ? farewells.get(id) : undefined;
    if (typeof id === 'string') farewells.delete(id);
    res.writeHead(410, { ...corsHeaders(req), ...JSON_TYPE }).end(notice && JSON.stringify(notice));
    return undefined;
  };

  const postFrames = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req, MAX_BODY_BYTES);
    const cors = corsHeaders(req);
    if (body === undefined) return void res.writeHead(413, { ...cors, ...NO_STORE }).end();
    const channel = findChannel(req, res);
    if (!channel) return;
    let frames: unknown;
    try {
      frames = JSON.parse(body);
    } catch {
      frames = undefined;
    }
    if (!Array.isArray(frames)) return void res.writeHead(400, { ...cors, ...NO_STORE }).end();
    // Each frame goes through the same parser as a WebSocket message, size check included.
    for (const frame of frames) channel.handle.receive(JSON.stringify(frame) ?? 'null');
    res.writeHead(204, { ...cors, ...NO_STORE }).end();
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
    'GET /channel/events': (req, res) => {
      const channel = openChannel(res, req);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs);
      res.on('close', () => {
        clearInterval(keepAlive);
        endChannel(channel);
      });
    },
    'POST /channel': (req, res) => {
      const channel = openChannel(undefined, req);
      armIdle(channel);
      res.writeHead(201, { ...corsHeaders(req), ...JSON_TYPE }).end(JSON.stringify({ channel: channel.id }));
    },
    'GET /channel/poll': (req, res) => {
      const channel = findChannel(req, res);
      if (!channel) return;
      if (channel.poll) {
        clearTimeout(channel.pollTimer);
        channel.poll.writeHead(409, NO_STORE).end();
      }
      // Kept on the response: the answer may be written later, by whatever frame comes first.
      for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
      channel.poll = res;
      armIdle(channel);
      channel.pollTimer = setTimeout(() => {
        if (channel.poll !== res) return;
        channel.poll = undefined;
        res.writeHead(200, JSON_TYPE).end('[]');
      }, options.pollHoldMs);
      res.on('close', () => {
        if (channel.poll === res) {
          channel.poll = undefined;
          clearTimeout(channel.pollTimer);
        }
      });
      flushPoll(channel);
    },
    'POST /channel/frames': postFrames,
    'DELETE /channel': (req, res) => {
      // Idempotent: a channel already ended (by the server, or before a restart) is as good as deleted.
      const id = req.headers['clavard-channel'];
      const channel = typeof id === 'string' ? channels.get(id) : undefined;
      res.writeHead(204, { ...corsHeaders(req), ...NO_STORE }).end();
      if (channel) endChannel(channel);
    },
  };

  return {
    route(req, res, path) {
      if (req.method === 'OPTIONS' && (path === '/channel' || path.startsWith('/channel/'))) {
        answerPreflight(req, res);
        return true;
      }
      const route = routes[`${req.method} ${path}`];
      if (!route) return false;
      Promise.resolve(route(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(400, NO_STORE).end();
      });
      return true;
    },
    destroyAll() {
      for (const channel of [...channels.values()]) endChannel(channel);
    },
  };
}
