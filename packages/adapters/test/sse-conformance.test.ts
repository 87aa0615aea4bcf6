import { createSseTransport } from '@clavard/adapters/sse';
import { fetchAnswering413 } from '@clavard/adapters/testing';
import { describeConformance } from './support/transport-conformance.js';

describeConformance(
  'sse',
  (server) => createSseTransport({ url: server.url, EventSource: null }),
  (port) => createSseTransport({ url: `http://127.0.0.1:${port}/clavard`, EventSource: null }),
  (server) => createSseTransport({ url: server.url, EventSource: null, fetch: fetchAnswering413() }),
);
