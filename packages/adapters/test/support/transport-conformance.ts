import { createServer } from 'node:net';
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { CONFORMANCE_CHECKS, runTransportConformance } from '@clavard/adapters/testing';
import type { Transport } from '@clavard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './node-server.js';

/** A port on 127.0.0.1 where nothing listens: bound, then released. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Runs `runTransportConformance` over one network transport against the Node test server bound to a
 * memory chat server.
 *
 * @example
 * ```ts
 * describeConformance('websocket', (server) => createWebSocketTransport({ url: server.wsUrl, WebSocket }),
 *   (port) => createWebSocketTransport({ url: `ws://127.0.0.1:${port}/clavard/ws`, WebSocket }));
 * ```
 */
export function describeConformance(
  name: string,
  make: (server: TestServer) => Transport,
  makeUnreachable: (port: number) => Transport,
  /** HTTP transports: one whose fetch answers 413 to the check's marked POST (`fetchAnswering413`). */
  makeRefusing?: (server: TestServer) => Transport,
): void {
  describe(`${name} transport conformance`, () => {
    let server: TestServer;
    let port: number;
    beforeAll(async () => {
      server = await startTestServer(createMemoryChatServer({ heartbeatMs: 0 }), {
        pollHoldMs: 200,
        channelIdleMs: 1000,
      });
      port = await closedPort();
    });
    afterAll(async () => {
      await server.close();
    });

    it('passes every check against the Node test server', async () => {
      const report = await runTransportConformance({
        createTransport: () => make(server),
        createUnreachableTransport: () => makeUnreachable(port),
        ...(makeRefusing ? { createRefusingTransport: () => makeRefusing(server) } : {}),
        quietMs: 50,
      });
      expect(report.results.filter((result) => !result.ok)).toEqual([]);
      // The silent endpoint is proven against the reference server (examples/reference-server/test); there
      // is no POST to refuse over WebSocket.
      const skipped = makeRefusing ? 1 : 2;
      expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - skipped, failed: 0, skipped });
    });
  });
}
