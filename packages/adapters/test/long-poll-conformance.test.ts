import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { fetchAnswering413 } from '@clavard/adapters/testing';
import { describeConformance } from './support/transport-conformance.js';

describeConformance(
  'long-poll',
  (server) => createLongPollTransport({ url: server.url }),
  (port) => createLongPollTransport({ url: `http://127.0.0.1:${port}/clavard` }),
  (server) => createLongPollTransport({ url: server.url, fetch: fetchAnswering413() }),
);
