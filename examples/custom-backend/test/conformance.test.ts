import {
  CONFORMANCE_CHECKS,
  runServerConformance,
  runTransportConformance,
  SERVER_CONFORMANCE_CHECKS,
} from '@clavard/adapters/testing';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type CustomBackend, startCustomBackend } from '../src/server.js';

describe('the custom backend', () => {
  let backend: CustomBackend;
  beforeAll(async () => {
    backend = await startCustomBackend();
  });
  afterAll(() => backend.close());
  const createTransport = () => createWebSocketTransport({ url: backend.wsUrl, WebSocket });

  it('passes every transport conformance check over WebSocket', async () => {
    const report = await runTransportConformance({ createTransport, quietMs: 50 });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report).toMatchObject({ passed: CONFORMANCE_CHECKS.length - 3, skipped: 3 });
  }, 60_000);

  it('passes every server conformance check over WebSocket', async () => {
    const report = await runServerConformance({ createTransport });
    expect(report.results.filter((result) => !result.ok)).toEqual([]);
    expect(report.passed).toBe(SERVER_CONFORMANCE_CHECKS.length);
  }, 60_000);
});
