import { createSseTransport } from '@clavard/adapters/sse';
import { describeNetworkTransport } from './support/transport-behaviours.js';

describeNetworkTransport('sse (fetch stream)', (server, options) =>
  createSseTransport({ url: server.url, EventSource: null, ...options }),
);
