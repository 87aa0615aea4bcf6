// Both conformance suites of @clavard/adapters/testing against the custom backend, over each transport
// the widget has: WebSocket, SSE + POST and long-poll (the last two on the HTTP channel).
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type CustomBackend, startCustomBackend } from '../src/server.js';
import { closedPort, silentServer } from './endpoints.js';

/**
 * Each transport: to the backend, to another port (closed, or silent) with a short connect time-out, and
 * (HTTP only) to the backend through a fetch that answers 413 to the check's marked POST.
 */
interface Makers {
  make: (backend: CustomBackend) => Transport;
  elsewhere: (port: number) => Transport;
  refusing?: (backend: CustomBackend) => Transport;
}

const transports: Record<string, Makers> = {
  WebSocket: {
    make: (backend) => createWebSocketTransport({ url: backend.wsUrl, WebSocket }),
    elsewhere: (port) =>
      createWebSocketTransport({
        url: `ws://127.0.0.1:${port}/clavard/ws`,
        WebSocket,
        connectTimeoutMs: 300,
      }),
  },
  SSE: {
    make: (backend) => createSseTransport({ url: backend.httpUrl, EventSource: null }),
    elsewhere: (port) =>
      createSseTransport({
        url: `http://127.0.0.1:${port}/clavard`,
        EventSource: null,
        connectTimeoutMs: 300,
      }),
    refusing: (backend) =>
      createSseTransport({ url: backend.httpUrl, EventSource: null, fetch: fetchAnswering413() }),
  },
  'long-poll': {
    make: (backend) => createLongPollTransport({ url: backend.httpUrl }),
    elsewhere: (port) =>
      createLongPollTransport({ url: `http://127.0.0.1:${port}/clavard`, connectTimeoutMs: 300 }),
    refusing: (backend) => createLongPollTransport({ url: backend.httpUrl, fetch: fetchAnswering413() }),
  },
};

describe.each(Object.entries(transports))('the custom backend over %s', (_name, makers) => {
  const { make, elsewhere, refusing } = makers;
  let backend: CustomBackend;
  let port: number;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    backend = await startCustomBackend();
    port = await closedPort();
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent.close();
    await backend.close();
  });

  it('passes every transport conformance check', async () => {
    const report = await runTransportConformance({
      createTransport: () => make(backend),
      createUnreachableTransport: () => elsewhere(port),
      createSilentTransport: () => elsewhere(silent.port),
      ...(refusing ? { createRefusingTransport: () => refusing(backend) } : {}),
      quietMs: 50,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    // Over WebSocket there is no POST to refuse: that one check is skipped.
    const skipped = refusing ? 0 : 1;
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - skipped, failed: 0, skipped });
  }, 60_000);

  it('passes every server conformance check', async () => {
    const report = await runServerConformance({ createTransport: () => make(backend), quietMs: 100 });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    // This backend takes no files: the four attachment checks (which need an httpUrl) are skipped.
    const skipped = SERVER_CONFORMANCE_CHECKS.filter((name) => name.startsWith('attachment-')).length;
    expect(skipped).toBe(4);
    expect(report).toMatchObject({ passed: SERVER_CONFORMANCE_CHECKS.length - skipped, failed: 0, skipped });
  }, 60_000);
});
