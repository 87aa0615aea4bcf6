import { CONFORMANCE_CHECKS, runServerConformance, runTransportConformance } from '@clavard/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CustomBackend, startCustomBackend } from '../src/server.js';
import { createSocketTransport } from '../src/transport.js';
import { closedPort, silentServer } from './endpoints.js';

describe('the hand-written transport (src/transport.ts)', () => {
  let backend: CustomBackend;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let unreachable: string;
  beforeAll(async () => {
    backend = await startCustomBackend();
    silent = await silentServer();
    unreachable = `ws://127.0.0.1:${await closedPort()}/clavard/ws`;
  });
  afterAll(async () => {
    await silent.close();
    await backend.close();
  });
  const createTransport = () => createSocketTransport({ url: backend.wsUrl });

  it('passes every transport check but the HTTP one', async () => {
    const report = await runTransportConformance({
      createTransport,
      createUnreachableTransport: () => createSocketTransport({ url: unreachable, connectTimeoutMs: 300 }),
      createSilentTransport: () =>
        createSocketTransport({ url: `ws://127.0.0.1:${silent.port}/clavard/ws`, connectTimeoutMs: 300 }),
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
