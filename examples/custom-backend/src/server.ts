// The HTTP server: the two ways the widget connects, both handing each connection to the same chat.
// WebSocket at /clavard/ws; the HTTP channel (SSE or long-poll) under /clavard/channel.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeFrame, MAX_FRAME_BYTES } from '@clavard/protocol';
import { WebSocketServer } from 'ws';
import { createChat } from './chat.js';
import { type ChannelTiming, createHttpChannel } from './http-channel.js';

/** A running custom backend. */
export interface CustomBackend {
  /** Where the widget connects over WebSocket: `ws://host:port/clavard/ws`. */
  readonly wsUrl: string;
  /** The base of the HTTP channel, for SSE and long-poll: `http://host:port/clavard`. */
  readonly httpUrl: string;
  close(): Promise<void>;
}

/**
 * Start the server on `host:port` (port 0: any free port).
 *
 * @example
 * ```ts
 * const backend = await startCustomBackend({ port: 8080 });
 * console.log(backend.wsUrl, backend.httpUrl); // ws://127.0.0.1:8080/clavard/ws http://127.0.0.1:8080/clavard
 * ```
 */
export async function startCustomBackend(
  options: {
    port?: number;
    host?: string;
    chat?: typeof createChat;
    timing?: Partial<ChannelTiming>;
    /** The server's ping period and how long a connection may wait before its hello. @default 25 s, 10 s */
    heartbeatMs?: number;
    helloTimeoutMs?: number;
  } = {},
): Promise<CustomBackend> {
  // `chat` swaps in another chat of the same shape (the mutation test's planted bugs).
  const chat = (options.chat ?? createChat)({
    bot: { id: 'bot-robin', firstName: 'Robin', title: 'Assistant' },
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.helloTimeoutMs === undefined ? {} : { helloTimeoutMs: options.helloTimeoutMs }),
  });
  type Connection = ReturnType<typeof chat.open>;
  const receive = (connection: Connection, text: string) => {
    try {
      chat.receive(connection, text);
    } catch (thrown) {
      // A bug here must not take the server down: the client hears of it, the others go on.
      console.error('clavard: a frame could not be handled', thrown);
      connection.peer.send(
        encodeFrame({
          type: 'error',
          code: 'server-error',
          message: 'the frame could not be handled',
          retryable: true,
        }),
      );
    }
  };
  const channel = createHttpChannel({ ...chat, receive }, options.timing);
  const http = createServer((req, res) => {
    if (channel.handle(req, res)) return;
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('Clavard custom backend: connect to /clavard/ws or /clavard/channel\n');
  });
  // A frame over the protocol's 256 KiB reaches the chat, whose parser answers frame-too-large and keeps the
  // connection; only a message over 1 MiB (as for an HTTP body) makes ws close the socket (1009).
  const wss = new WebSocketServer({ server: http, path: '/clavard/ws', maxPayload: 4 * MAX_FRAME_BYTES });
  wss.on('connection', (socket) => {
    const connection = chat.open({
      send: (text) => socket.send(text),
      close: (code, reason) => socket.close(code, reason),
    });
    socket.on('message', (data) => receive(connection, String(data)));
    // A message over maxPayload closes that socket and reports it here: the server goes on.
    socket.on('error', () => socket.terminate());
    socket.on('close', () => chat.closed(connection));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, host, resolve));
  const { port } = http.address() as AddressInfo;
  return {
    wsUrl: `ws://${host}:${port}/clavard/ws`,
    httpUrl: `http://${host}:${port}/clavard`,
    async close() {
      for (const client of wss.clients) client.terminate();
      channel.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections(); // the SSE streams, held polls and idle keep-alive connections
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
