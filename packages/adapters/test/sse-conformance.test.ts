import { createSseTransport } from '@clavard/adapters/sse';
import { describeConformance } from './support/transport-conformance.js';

describeConformance(
  'sse',
  (server) => createSseTransport({ url: server.url, EventSource: null }),
  (port) => createSseTransport({ url: `http://127.0.0.1:${port}/clavard`, EventSource: null }),
);
