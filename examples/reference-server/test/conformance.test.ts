import { createServer, type Socket } from 'node:net';
import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { createSseTransport } from '@clavard/adapters/sse';
import {
  CONFORMANCE_CHECKS,
  fetchAnswering413,
  runServerConformance,
  runTransportConformance,
  SERVER_CONFORMANCE_CHECKS,
} from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import type { Transport } from '@clavard/protocol';
import type { ReferenceServer } from '@clavard/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer } from './support/clients.js';

const closedPort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** A TCP server that accepts connections and never answers (a stuck proxy): for the connect time-out. */
const silentServer = async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    },
  };
};

/** Each transport: to the server, to a port (closed, or silent) with a short connect time-out, and (HTTP
 * only) to the server through a fetch that answers 413 to the check's marked POST. */
interface Makers {
  make: (server: ReferenceServer) => Transport;
  unreachable: (port: number) => Transport;
  refusing?: (server: ReferenceServer) => Transport;
}

const transports: Record<string, Makers> = {
  websocket: {
    make: (server) => createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
    unreachable: (port) =>
      createWebSocketTransport({
        url: `ws://127.0.0.1:${port}/clavard/ws`,
        WebSocket,
        connectTimeoutMs: 300,
      }),
  },
  sse: {
    make: (server) => createSseTransport({ url: server.widgetUrl, EventSource: null }),
    unreachable: (port) =>
      createSseTransport({
        url: `http://127.0.0.1:${port}/clavard`,
        EventSource: null,
        connectTimeoutMs: 300,
      }),
    refusing: (server) =>
      createSseTransport({ url: server.widgetUrl, EventSource: null, fetch: fetchAnswering413() }),
  },
  'long-poll': {
    make: (server) => createLongPollTransport({ url: server.widgetUrl }),
    unreachable: (port) =>
      createLongPollTransport({ url: `http://127.0.0.1:${port}/clavard`, connectTimeoutMs: 300 }),
    refusing: (server) => createLongPollTransport({ url: server.widgetUrl, fetch: fetchAnswering413() }),
  },
};

describe.each(Object.entries(transports))('%s against the reference server', (_name, makers) => {
  const { make, unreachable, refusing } = makers;
  let server: ReferenceServer;
  let port: number;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    server = await startTestServer();
    port = await closedPort();
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent.close();
    await server.close();
  });

  it('passes every conformance check', async () => {
    const report = await runTransportConformance({
      createTransport: () => make(server),
      createUnreachableTransport: () => unreachable(port),
      createSilentTransport: () => unreachable(silent.port),
      ...(refusing ? { createRefusingTransport: () => refusing(server) } : {}),
      quietMs: 50,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    // Over WebSocket there is no POST to refuse: that one check is skipped.
    const skipped = refusing ? 0 : 1;
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - skipped, failed: 0, skipped });
  });

  it('passes every server conformance check', async () => {
    const report = await runServerConformance({
      createTransport: () => make(server),
      httpUrl: server.widgetUrl,
      quietMs: 100,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report).toMatchObject({ passed: SERVER_CONFORMANCE_CHECKS.length, failed: 0, skipped: 0 });
  }, 60_000);
});
