import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ChatError, CLOSE_CODES, type SessionReconnect } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { WebSocketServer } from 'ws';
import { agentInfo, createAccount } from './accounts/accounts.js';
import { acceptAgent } from './chat/agent.js';
import type { Conn } from './chat/connection.js';
import { DEFAULT_HOUSE_RULES } from './chat/house-rules.js';
import { createHub } from './chat/hub.js';
import type { ChatPeer, PeerHandle } from './chat/peer.js';
import { awaitHolders } from './chat/presence.js';
import { verifyDemoCustomer } from './chat/verification.js';
import { acceptVisitor } from './chat/visitor.js';
import { createLocalBus } from './cluster/bus.js';
import { createRedisBus } from './cluster/redis-bus.js';
import {
  defaultConsoleDir,
  defaultDatabasePath,
  defaultEmbedFile,
  defaultSiteDir,
  defaultStaticDir,
  type ServerOptions,
} from './config.js';
import { openDatabase } from './db/open.js';
import { startAttachments } from './files/attachment-settings.js';
import { startHandoffs } from './handoffs/handoff-setup.js';
import { checkHandoffSecret } from './handoffs/handoff-token.js';
import { createIdentityVerifier } from './identity.js';
import { createMailer } from './mail/mailer.js';
import { createAgentSignIn } from './net/agent-login.js';
import { corkUntilNextTick } from './net/cork.js';
import { createHttpChannels } from './net/http-channel.js';
import { isOriginAllowed } from './net/origin.js';
import { type StaticSources, serveStatic } from './net/static-files.js';
import { parseSchedule } from './schedule.js';

import type { ReferenceServer, ReferenceServerEvents } from './server-types.js';

export type { ReferenceServer, ReferenceServerEvents };

/** Base path of the widget's endpoints (WebSocket `/clavard/ws`, HTTP channel `/clavard/channel…`). */
const WIDGET_BASE = '/clavard';
const MAX_WS_MESSAGE_BYTES = 1024 * 1024;
const RESTART_RETRY_MS = 500;

type Live = Pick<Conn<unknown, SessionReconnect>, 'session' | 'send' | 'close'>;

const ownOrigins = (host: string, port: number): string[] => {
  const shown = host.includes(':') ? `[${host}]` : host;
  const origins = [`http://${shown}:${port}`];
  if (host === '127.0.0.1' || host === '::1') origins.push(`http://localhost:${port}`);
  if (host === 'localhost') origins.push(`http://127.0.0.1:${port}`);
  return origins;
};

/**
 * Starts the reference server: the Clavard protocol over WebSocket (`/clavard/ws`), SSE + POST and
 * long-poll (`/clavard/channel…`), the agent API (`POST /agent/login`, `/agent/ws`), the demo pages, and
 * an SQLite database that keeps everything across restarts.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, database: ':memory:', agents: DEMO_AGENTS });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<ReferenceServer> {
  const host = options.host ?? '127.0.0.1';
  const events = createEmitter<ReferenceServerEvents>();
  const report = (error: ChatError) => events.emit('error', error);
  // Read before anything opens, so that a mistake stops the start cleanly.
  const schedule =
    options.hours === undefined ? undefined : parseSchedule(options.hours, options.timeZone ?? 'UTC');
  const french = options.topicLabels?.fr;
  if (french && french.length !== (options.topics ?? []).length) {
    throw new Error(
      `CLAVARD_TOPICS_FR (topicLabels.fr) must name the ${(options.topics ?? []).length} topics, in their order; it names ${french.length}`,
    );
  }
  checkHandoffSecret(options.handoffs?.secret);
  const store = await openDatabase(options.database ?? defaultDatabasePath(), {
    ...(options.now ? { now: options.now } : {}),
    checkpointFailed: (cause) =>
      report(new ChatError('server-error', 'a checkpoint of the database failed', { cause })),
    connectionFailed: (cause) =>
      report(new ChatError('unavailable', 'a connection to the database was lost', { cause })),
  });
  const mailer =
    options.smtpUrl === undefined
      ? undefined
      : createMailer(
          options.smtpUrl,
          options.mailFrom ?? `${options.brand ?? 'Clavard'} <no-reply@localhost>`,
        );
  // The bus asks for this node's agents from its first renewal on; the hub is made next.
  let presentHere: () => Iterable<string> = () => [];
  const bus =
    options.redisUrl === undefined
      ? createLocalBus()
      : await createRedisBus({
          url: options.redisUrl,
          localAgents: () => presentHere(),
          report: (cause) =>
            report(new ChatError('server-error', 'the cluster bus (Redis) failed', { cause })),
          ...(options.clusterRefreshMs === undefined ? {} : { refreshMs: options.clusterRefreshMs }),
        }).catch(async (error: unknown) => {
          // Nothing of this node stays open: not the database's connections, not the mailer.
          mailer?.close();
          await store.close();
          throw error;
        });
  const database = options.database ?? defaultDatabasePath();
  // Known once the server listens: the pages the widget may run on, and the server's own address.
  let widgetOrigins: string[] = [];
  let url = '';
  // Links that expired unopened while the server was down are gone before anyone can ask for them.
  const handoffs = await startHandoffs({
    store,
    options,
    report,
    siteUrl: () => `${url}/`,
    widgetOrigins: () => widgetOrigins,
  });
  const files =
    options.attachments === false
      ? undefined
      : startAttachments({
          store,
          database,
          settings: options.attachments ?? {},
          report,
          now: options.now ?? Date.now,
        });
  const topics = options.topics ?? [];
  const hub = createHub({
    store,
    handoffMaker: handoffs.maker,
    ...(files ? { attachments: files.options } : {}),
    bus,
    handoffs: handoffs.opening,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    historyPageSize: options.historyPageSize ?? 100,
    agentGraceMs: options.agentGraceMs ?? 60_000,
    rules: { ...DEFAULT_HOUSE_RULES, ...options.rules },
    mailer,
    brand: options.brand ?? 'Clavard',
    timeZone: options.timeZone ?? 'UTC',
    verifyForm: options.verifyForm ?? verifyDemoCustomer,
    leaveMessage: options.leaveMessage ?? true,
    prechatFirst: options.prechatFirst ?? false,
    handlingEstimateSeconds: options.handlingEstimateSeconds ?? 300,
    identity:
      options.identitySecret === undefined && options.identityPublicKey === undefined
        ? undefined
        : createIdentityVerifier({
            ...(options.identitySecret === undefined ? {} : { secret: options.identitySecret }),
            ...(options.identityPublicKey === undefined ? {} : { publicKey: options.identityPublicKey }),
            ...(options.identityAudience === undefined ? {} : { audience: options.identityAudience }),
            ...(options.identityIssuer === undefined ? {} : { issuer: options.identityIssuer }),
          }),
    schedule,
    topics,
    ...(options.topicLabels ? { topicLabels: options.topicLabels } : {}),
    report,
    now: options.now ?? Date.now,
  });
  presentHere = () => hub.agents.keys();
  for (const seed of options.agents ?? []) {
    // Seeds are the operator's own (the demo's `demo` password): any length, created once.
    if (!(await store.accountByLogin(seed.login))) await createAccount(store, seed, topics, 1);
  }
  await awaitHolders(hub);
  const signIn = createAgentSignIn({ store, topics, ...(options.now ? { now: options.now } : {}) });
  // Business hours open and close on their own: look once a minute.
  const hoursTimer =
    options.hours === undefined
      ? undefined
      : setInterval(() => hub.inBackground(hub.availabilityChanged()), 60_000);
  hoursTimer?.unref();
  // Every connection, visitor or agent: both APIs share `session.reconnect`, said before a shutdown.
  const live = new Set<Live>();
  const track = (accepted: { conn: Live; handle: PeerHandle }): PeerHandle => {
    live.add(accepted.conn);
    return {
      receive: accepted.handle.receive,
      closed() {
        live.delete(accepted.conn);
        accepted.handle.closed();
      },
    };
  };
  const visitor = (peer: ChatPeer) => track(acceptVisitor(hub, peer));
  const agent = (peer: ChatPeer) => track(acceptAgent(hub, peer));

  const channels = createHttpChannels({
    accept: visitor,
    pollHoldMs: options.pollHoldMs ?? 25_000,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    channelIdleMs: options.channelIdleMs ?? 35_000,
  });
  let agentOrigins: string[] = [];
  const staticSources: StaticSources = {
    consoleDir: options.consoleDir ?? defaultConsoleDir(),
    siteDir: options.siteDir ?? defaultSiteDir(),
    fallbackDir: options.staticDir ?? defaultStaticDir(),
    embedFile: options.embedFile ?? defaultEmbedFile(),
    policy: {
      imageOrigins: options.imageOrigins ?? [],
      sourceMaps: options.sourceMaps ?? true,
      hsts: options.hsts ?? false,
    },
  };

  const refuse = (res: ServerResponse, status: number) =>
    void res.writeHead(status, { 'cache-control': 'no-store' }).end();

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (await handoffs.routes.route(req, res, path)) return;
    if (path.startsWith(`${WIDGET_BASE}/`)) {
      if (!isOriginAllowed(req, widgetOrigins)) return refuse(res, 403);
      if (channels.route(req, res, path.slice(WIDGET_BASE.length))) return;
      if (await files?.visitorRoutes.route(req, res, path.slice(WIDGET_BASE.length))) return;
      return refuse(res, 404);
    }
    if (files && /^\/agent\/(uploads|files)(\/|$)/.test(path)) {
      if (!isOriginAllowed(req, agentOrigins)) return refuse(res, 403);
      if (await files.agentRoutes.route(req, res, path.slice('/agent'.length))) return;
    }
    if (path === '/agent/login') {
      if (!isOriginAllowed(req, agentOrigins)) return refuse(res, 403);
      if (req.method !== 'POST') return refuse(res, 405);
      return signIn(req, res);
    }
    if (await serveStatic(req, res, path, staticSources)) return;
    refuse(res, 404);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((cause: unknown) => {
      report(new ChatError('server-error', `${req.method} ${req.url} failed`, { cause }));
      if (!res.headersSent) refuse(res, 500);
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    const accept = path === `${WIDGET_BASE}/ws` ? visitor : path === '/agent/ws' ? agent : undefined;
    const origins = accept === visitor ? widgetOrigins : agentOrigins;
    if (!accept || !isOriginAllowed(req, origins)) {
      socket.end(
        `HTTP/1.1 ${accept ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const handle = accept({
        send: (data) => {
          corkUntilNextTick(socket);
          ws.send(data);
        },
        close: (reason) => ws.close(CLOSE_CODES[reason], reason),
      });
      ws.on('message', (data, isBinary) => {
        handle.receive(isBinary ? '' : data.toString());
      });
      ws.on('close', () => handle.closed());
      ws.on('error', (cause) => report(new ChatError('connection-lost', 'a WebSocket failed', { cause })));
    });
  });

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Behind a proxy or a load balancer, the pages come from its origin: the server's own as well.
  const own = [
    ...ownOrigins(host, port),
    ...(options.publicOrigin === undefined ? [] : [options.publicOrigin]),
  ];
  widgetOrigins = [...own, ...(options.allowedOrigins ?? [])];
  agentOrigins = own;
  url = own[0] ?? `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = async () => {
    if (hoursTimer) clearInterval(hoursTimer);
    for (const conn of [...live]) {
      if (conn.session !== undefined) {
        conn.send({ type: 'session.reconnect', reason: 'server-restart', retryAfterMs: RESTART_RETRY_MS });
      }
      conn.close('server-restart');
    }
    // Agents keep their conversations across a restart: the next start waits for them (awaitHolders).
    for (const presence of hub.agents.values()) clearTimeout(presence.away);
    channels.destroyAll();
    await new Promise<void>((resolve) => {
      wss.close();
      server.close(() => resolve());
      // Give the close frames and notices a moment to leave, then drop whatever is still open.
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 100).unref();
      server.closeIdleConnections();
    });
    mailer?.close();
    // The groups on their way to the disk finish first: their acks are gone with the sockets, their rows not.
    await hub.commits.settled();
    await bus.close();
    await files?.close();
    await handoffs.close();
    await store.close();
  };

  return {
    url,
    widgetUrl: `${url}${WIDGET_BASE}`,
    widgetWsUrl: `${url.replace(/^http/, 'ws')}${WIDGET_BASE}/ws`,
    agentWsUrl: `${url.replace(/^http/, 'ws')}/agent/ws`,
    on: events.on,
    addAgent: async (account) => agentInfo(await createAccount(store, account, topics)),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
