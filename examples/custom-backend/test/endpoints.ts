// Endpoints for the transport checks that need one of their own: a port nobody listens on, and a TCP server
// that accepts connections and never answers (a stuck proxy).
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { type CustomBackend, startCustomBackend } from '../src/server.js';

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server that accepts and never answers; `close()` ends it and every connection it holds. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(silent);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    },
  };
}

/** What the transport tests connect to: the sound backend, and the WebSocket URLs of both endpoints above. */
export interface TransportEndpoints {
  backend: CustomBackend;
  silentUrl: string;
  unreachableUrl: string;
}

/**
 * Start the backend and both endpoints before the tests of the calling suite, and stop them after.
 *
 * @example
 * ```ts
 * const endpoints = useTransportEndpoints();
 * it('…', () => createSocketTransport({ url: endpoints.backend.wsUrl }));
 * ```
 */
export function useTransportEndpoints(): TransportEndpoints {
  const endpoints = {} as TransportEndpoints;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    endpoints.backend = await startCustomBackend();
    silent = await silentServer();
    endpoints.silentUrl = `ws://127.0.0.1:${silent.port}/clavard/ws`;
    endpoints.unreachableUrl = `ws://127.0.0.1:${await closedPort()}/clavard/ws`;
  });
  afterAll(async () => {
    await silent.close();
    await endpoints.backend.close();
  });
  return endpoints;
}
