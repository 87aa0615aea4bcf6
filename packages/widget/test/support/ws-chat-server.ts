import type { AddressInfo } from 'node:net';
import type { MemoryChatServer } from '@clavard/adapters/memory';
import { CLOSE_CODES } from '@clavard/protocol';
import { type WebSocket, WebSocketServer } from 'ws';

/** Sees each frame crossing the server, decoded; may kill every connection (after the current frame). */
export interface WsFrameHooks {
  /** A frame from a client, before the core handles it. */
  fromClient?(frame: Record<string, unknown>): void;
  /** A frame from the core to a client, as it is written. */
  toClient?(frame: Record<string, unknown>): void;
}

/** A WebSocket endpoint on 127.0.0.1 bound to a memory chat core, with kill and restart hooks. */
export interface WsChatServer {
  readonly url: string;
  readonly port: number;
  /** Connections bound to the core right now. */
  readonly connections: number;
  /** Drop every connection abruptly (sockets destroyed, no close frame). */
  killAll(): void;
  /** Stop listening and drop every connection. */
  close(): Promise<void>;
}

const decode = (data: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(data);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

/**
 * Listen on 127.0.0.1 (`port` 0: chosen by the OS; a previous server's port: a restart on the same core).
 * The core keeps every conversation across restarts, as a server with a database would.
 */
export async function startWsChatServer(
  core: Pick<MemoryChatServer, 'accept'>,
  port = 0,
  hooks: WsFrameHooks = {},
): Promise<WsChatServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    const handle = core.accept({
      send: (data) => {
        if (socket.readyState !== socket.OPEN) return;
        hooks.toClient?.(decode(data));
        socket.send(data);
      },
      close: (reason) => socket.close(CLOSE_CODES[reason], reason),
    });
    socket.on('message', (data) => {
      const text = data.toString();
      hooks.fromClient?.(decode(text));
      handle.receive(text);
    });
    socket.on('close', () => {
      sockets.delete(socket);
      handle.closed();
    });
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const bound = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${bound}/`,
    port: bound,
    get connections() {
      return sockets.size;
    },
    killAll() {
      for (const socket of sockets) socket.terminate();
    },
    close() {
      for (const socket of sockets) socket.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
