import { createServer } from 'node:net';
import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { createSseTransport } from '@clavard/adapters/sse';
import {
  CONFORMANCE_CHECKS,
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

const transports: Record<string, [(server: ReferenceServer) => Transport, (port: number) => Transport]> = {
  websocket: [
    (server) => createWebSocketTransport({ url: server.widgetWsUrl, WebSocket }),
    (port) => createWebSocketTransport({ url: `ws://127.0.0.1:${port}/clavard/ws`, WebSocket }),
  ],
  sse: [
    (server) => createSseTransport({ url: server.widgetUrl, EventSource: null }),
    (port) => createSseTransport({ url: `http://127.0.0.1:${port}/clavard`, EventSource: null }),
  ],
  'long-poll': [
    (server) => createLongPollTransport({ url: server.widgetUrl }),
    (port) => createLongPollTransport({ url: `http://127.0.0.1:${port}/clavard` }),
  ],
};

describe.each(Object.entries(transports))('%s against the reference server', (_name, [make, unreachable]) => {
  let server: ReferenceServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer();
    port = await closedPort();
  });
  afterAll(() => server.close());

  it('passes every conformance check', async () => {
    const report = await runTransportConformance({
      createTransport: () => make(server),
      createUnreachableTransport: () => unreachable(port),
      quietMs: 50,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length, failed: 0, skipped: 0 });
  });

  it('passes every server conformance check', async () => {
    const report = await runServerConformance({ createTransport: () => make(server), quietMs: 100 });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report).toMatchObject({ passed: SERVER_CONFORMANCE_CHECKS.length, failed: 0, skipped: 0 });
  }, 60_000);
});
