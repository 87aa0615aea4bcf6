import { createMemoryChatServer, createMemoryTransportPair } from '@clavard/adapters/memory';
import { CONFORMANCE_CHECKS, runTransportConformance } from '@clavard/adapters/testing';
import { describe, expect, it } from 'vitest';

describe('runTransportConformance on the memory transport', () => {
  it('passes every check against the memory chat server', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const report = await runTransportConformance({
      createTransport: () => server.createTransport(),
      createUnreachableTransport: () => {
        const { client, server: end } = createMemoryTransportPair();
        end.refuseNext();
        return client;
      },
      quietMs: 10,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    // No silent memory endpoint and no POST to refuse: those checks are skipped here.
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - 2, failed: 0, skipped: 2 });
  });

  it('skips the unreachable check when no factory is given', async () => {
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const report = await runTransportConformance({
      createTransport: () => server.createTransport(),
      only: ['unreachable-reports-error', 'ping-pong'],
    });
    expect(report.results).toEqual([
      { name: 'ping-pong', ok: true },
      { name: 'unreachable-reports-error', ok: true, skipped: true },
    ]);
  });

  it('reports failures, without hanging, for a server that never answers', async () => {
    const report = await runTransportConformance({
      createTransport: () => createMemoryTransportPair().client,
      timeoutMs: 50,
      quietMs: 5,
      only: ['status-sequence', 'hello-welcome', 'ping-pong'],
    });
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.results[1]?.error).toMatch(/timed out after 50 ms waiting for a session.welcome/);
  });

  it('exports the check names in run order', () => {
    expect(CONFORMANCE_CHECKS[0]).toBe('status-sequence');
    expect(new Set(CONFORMANCE_CHECKS).size).toBe(CONFORMANCE_CHECKS.length);
  });
});
