import { CONFORMANCE_CHECKS, runServerConformance, runTransportConformance } from '@clavard/adapters/testing';
import { describe, expect, it } from 'vitest';
import { createSocketTransport } from '../src/transport.js';
import { useTransportEndpoints } from './endpoints.js';

describe('the hand-written transport (src/transport.ts)', () => {
  const endpoints = useTransportEndpoints();
  const createTransport = () => createSocketTransport({ url: endpoints.backend.wsUrl });

  it('passes every transport check but the HTTP one', async () => {
    const report = await runTransportConformance({
      createTransport,
      createUnreachableTransport: () =>
        createSocketTransport({ url: endpoints.unreachableUrl, connectTimeoutMs: 300 }),
      createSilentTransport: () => createSocketTransport({ url: endpoints.silentUrl, connectTimeoutMs: 300 }),
      quietMs: 50,
    });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - 1, skipped: 1 });
  }, 60_000);

  it('carries every server check', async () => {
    const report = await runServerConformance({ createTransport });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
  }, 60_000);
});
