/**
 * A real Node server speaking Clavard's three network transports on one port, for tests: WebSocket at
 * `wsUrl`, and the HTTP channel (SSE + POST, long-poll) under `url`, as documented in docs/transports.md.
 * Each connection is bound to `core.accept(peer)`; test hooks kill, refuse, stall, slow down and push.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * const transport = createWebSocketTransport({ url: server.wsUrl, WebSocket });
 * // …
 * await server.close();
 * ```
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { CLOSE_CODES, type CloseReason } from '@clavard/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import { createEchoCore } from './echo-core.js';

export { createEchoCore };

/** The side of a connection the core talks to. */
export interface TestPeer {
  /** Sends one server frame, as JSON text. */
  send(data: string): void;
  /** Ends the connection with a reason (a WebSocket close code on the wire). */
  close(reason: CloseReason): void;
}

/** What the core returns for each accepted connection. */
export interface TestPeerHandle {
  /** One client frame: a JSON text (WebSocket) or a decoded value (HTTP batches). */
  receive(data: unknown): void;
  /** The connection ended, whoever ended it. */
  closed(): void;
}

/** A transport-independent protocol backend, such as `createMemoryChatServer()`. */
export interface TestServerCore {
  accept(peer: TestPeer): TestPeerHandle;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** How long a poll is held when there is nothing to send, in ms. @default 25000 */
  pollHoldMs?: number;
  /** How often an SSE stream gets a keep-alive comment, in ms. @default 15000 */
  keepAliveMs?: number;
  /** How long a long-poll channel lives without a poll, in ms. @default 35000 */
  channelIdleMs?: number;
}

/** A running test server and its hooks. */
export interface TestServer {
  /** Base URL of the HTTP channel (SSE and long-poll transports). */
  readonly url: string;
  /** URL of the WebSocket endpoint. */
  readonly wsUrl: string;
  /** How many connections are bound to the core right now. */
  readonly connections: number;
  /** Every client frame received, decoded, in arrival order. */
  readonly received: unknown[];
  /** How many connection attempts reached the server (upgrades, SSE streams, channel opens). */
  readonly attempts: number;
  /** Resolves once no connection is bound to the core (at once if none is). */
  idle(): Promise<void>;
  /** Drops every connection abruptly (no close frame, sockets destroyed). */
  killAll(): void;
  /** Ends every connection cleanly with `reason` (close code on WebSocket, close notice on HTTP). */
  closeAll(reason: CloseReason): void;
  /** Sends raw data to every connection, as the core would. */
  push(data: string): void;
  /** Refuses new connections with this HTTP status (401, 429…; WebSocket: close 4401, 4429…), or stops refusing. */
  refuse(status: number | undefined, retryAfterSeconds?: number): void;
  /** Makes new connection attempts hang without an answer (or stops). */
  stall(on: boolean): void;
  /** Delays every connection set-up and every server frame by `ms`. */
  setLatency(ms: number): void;
  /** Stops the server and drops every connection. */
  close(): Promise<void>;
}

interface Channel {
  id: string;
  handle: TestPeerHandle;
  sse?: ServerResponse;
  queue: string[];
  poll?: ServerResponse | undefined;
  pollTimer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
  ended?: { code: number; reason: string };
}

const BASE = '/clavard';

const decode = (data: unknown): unknown => {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data; // kept as text: the log records what came, valid or not
  }
};
const MAX_BODY = 1024 * 1024;
const WS_CODES: Record<number, number> = {
  401: CLOSE_CODES.unauthorized,
  426: CLOSE_CODES['unsupported-version'],
  429: CLOSE_CODES['rate-limited'],
};

/**
 * Starts the server on 127.0.0.1, port 0. Without `core`, a fresh `createMemoryChatServer()` answers;
 * pass `createEchoCore()` for a trivial one (hello, ping and message.send, any text length).
 *
 * @example
 * ```ts
 * const server = await startTestServer(createMemoryChatServer(), { pollHoldMs: 200 });
 * ```
 */
export async function startTestServer(
  core: TestServerCore = createMemoryChatServer(),
  options: TestServerOptions = {},
): Promise<TestServer> {
  const { pollHoldMs = 25_000, keepAliveMs = 15_000, channelIdleMs = 35_000 } = options;
  const channels = new Map<string, Channel>();
  const sockets = new Set<Socket>();
  const sockets_ws = new Set<WebSocket>();
  const peers = new Set<{ peer: TestPeer; kill(): void }>();
  const received: unknown[] = [];
  const farewells = new Map<string, { code: number; reason: string }>();
  let refusal: { status: number; retryAfterSeconds: number | undefined } | undefined;
  let stalled = false;
  let latency = 0;
  let attempts = 0;
  const disconnected: Array<() => void> = [];

  const later = (run: () => void) => (latency > 0 ? void setTimeout(run, latency) : run());

  const bind = (peer: TestPeer, kill: () => void): TestPeerHandle => {
    const entry = { peer, kill };
    peers.add(entry);
    const handle = core.accept({ send: (data) => later(() => peer.send(data)), close: peer.close });
    return {
      receive: (data) => {
        received.push(decode(data));
        handle.receive(data);
      },
      closed: () => {
        if (!peers.delete(entry)) return;
        handle.closed();
        if (peers.size === 0) for (const resolve of disconnected.splice(0)) resolve();
      },
    };
  };

  //#region HTTP channel
  const refuseHttp = (res: ServerResponse): boolean => {
    if (!refusal) return false;
    const headers: Record<string, string> = {};
    if (refusal.retryAfterSeconds !== undefined) headers['retry-after'] = String(refusal.retryAfterSeconds);
    res.writeHead(refusal.status, headers).end();
    return true;
  };

  const endChannel = (channel: Channel, notice?: { code: number; reason: string }) => {
    if (!channels.delete(channel.id)) return;
    clearTimeout(channel.pollTimer);
    clearTimeout(channel.idleTimer);
    if (notice) {
      channel.ended = notice;
      farewells.set(channel.id, notice);
    }
    if (channel.sse) {
      if (notice) channel.sse.end(`event: close\ndata: ${JSON.stringify(notice)}\n\n`);
      else channel.sse.destroy();
    } else if (notice) flushPoll(channel);
    else channel.poll?.destroy();
    channel.handle.closed();
  };

  const flushPoll = (channel: Channel) => {
    const res = channel.poll;
    if (!res || (channel.queue.length === 0 && !channel.ended)) return;
    clearTimeout(channel.pollTimer);
    channel.poll = undefined;
    if (channel.queue.length > 0) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(`[${channel.queue.join(',')}]`);
      channel.queue = [];
    } else {
      farewells.delete(channel.id);
      res.writeHead(410, { 'content-type': 'application/json' }).end(JSON.stringify(channel.ended));
    }
  };

  const armIdle = (channel: Channel) => {
    clearTimeout(channel.idleTimer);
    channel.idleTimer = setTimeout(() => endChannel(channel), channelIdleMs);
    channel.idleTimer.unref();
  };

  const openChannel = (sse: ServerResponse | undefined): Channel => {
    const id = randomUUID();
    const channel: Channel = { id, queue: [], handle: { receive: () => undefined, closed: () => undefined } };
    if (sse) {
      channel.sse = sse;
      sse.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      sse.write(`: welcome\n\nevent: channel\ndata: ${JSON.stringify({ channel: id })}\n\n`);
    }
    channels.set(id, channel);
    channel.handle = bind(
      {
        send: (data) => {
          if (!channels.has(id)) return;
          if (channel.sse) channel.sse.write(`data: ${data.split('\n').join('\ndata: ')}\n\n`);
          else {
            channel.queue.push(data);
            flushPoll(channel);
          }
        },
        close: (reason) => endChannel(channel, { code: CLOSE_CODES[reason], reason }),
      },
      () => endChannel(channel),
    );
    return channel;
  };

  const readBody = (req: IncomingMessage): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const findChannel = (req: IncomingMessage, res: ServerResponse): Channel | undefined => {
    const id = String(req.headers['clavard-channel']);
    const channel = channels.get(id);
    if (channel) return channel;
    const notice = farewells.get(id);
    farewells.delete(id);
    res.writeHead(410, { 'content-type': 'application/json' }).end(notice && JSON.stringify(notice));
    return undefined;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
    'GET /channel/events': (req, res) => {
      attempts++;
      if (stalled || refuseHttp(res)) return;
      later(() => {
        if (req.socket.destroyed) return; // the client gave up while the server was slow
        const channel = openChannel(res);
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
        res.on('close', () => {
          clearInterval(keepAlive);
          endChannel(channel);
        });
      });
    },
    'POST /channel': (req, res) => {
      attempts++;
      if (stalled || refuseHttp(res)) return;
      later(() => {
        if (req.socket.destroyed) return; // the client gave up while the server was slow
        const channel = openChannel(undefined);
        armIdle(channel);
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ channel: channel.id }));
      });
    },
    'GET /channel/poll': (req, res) => {
      const channel = findChannel(req, res);
      if (!channel) return;
      channel.poll?.writeHead(409).end();
      channel.poll = res;
      armIdle(channel);
      channel.pollTimer = setTimeout(() => {
        channel.poll = undefined;
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      }, pollHoldMs);
      res.on('close', () => {
        if (channel.poll === res) channel.poll = undefined;
      });
      flushPoll(channel);
    },
    'POST /channel/frames': async (req, res) => {
      const body = await readBody(req);
      if (body === undefined) return void res.writeHead(413).end();
      if (refuseHttp(res)) return;
      const channel = findChannel(req, res);
      if (!channel) return;
      const frames: unknown = JSON.parse(body);
      if (!Array.isArray(frames)) return void res.writeHead(400).end();
      res.writeHead(204).end();
      for (const frame of frames) channel.handle.receive(frame);
    },
    'DELETE /channel': (req, res) => {
      const channel = findChannel(req, res);
      if (!channel) return;
      res.writeHead(204).end();
      endChannel(channel);
    },
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = path.startsWith(BASE) ? routes[`${req.method} ${path.slice(BASE.length)}`] : undefined;
    if (!route) return void res.writeHead(404).end();
    Promise.resolve(route(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(400).end(); // a body that is not JSON
    });
  });
  //#endregion

  //#region WebSocket
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (req.url !== `${BASE}/ws`) return void socket.destroy();
    attempts++;
    if (stalled) return;
    const refused = refusal;
    later(() =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets_ws.add(ws);
        ws.on('close', () => sockets_ws.delete(ws));
        if (refused) {
          const code = WS_CODES[refused.status] ?? 1013;
          const after = refused.retryAfterSeconds;
          return ws.close(code, after === undefined ? 'refused' : `refused retry-after-ms=${after * 1000}`);
        }
        const handle = bind(
          { send: (data) => ws.send(data), close: (reason) => ws.close(CLOSE_CODES[reason], reason) },
          () => ws.terminate(),
        );
        ws.on('message', (data) => handle.receive(data.toString()));
        ws.on('close', () => handle.closed());
      }),
    );
  });
  //#endregion

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    wsUrl: `ws://127.0.0.1:${port}${BASE}/ws`,
    get attempts() {
      return attempts;
    },
    get connections() {
      return peers.size;
    },
    received,
    idle: () => new Promise<void>((resolve) => (peers.size === 0 ? resolve() : disconnected.push(resolve))),
    killAll: () => {
      for (const { kill } of [...peers]) kill();
    },
    closeAll: (reason) => {
      for (const { peer } of [...peers]) peer.close(reason);
    },
    push: (data) => {
      for (const { peer } of [...peers]) later(() => peer.send(data));
    },
    refuse: (status, retryAfterSeconds) => {
      refusal = status === undefined ? undefined : { status, retryAfterSeconds };
    },
    stall: (on) => {
      stalled = on;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    close: async () => {
      for (const channel of [...channels.values()]) endChannel(channel);
      for (const ws of sockets_ws) ws.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
