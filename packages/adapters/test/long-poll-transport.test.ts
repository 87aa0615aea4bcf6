import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { describeNetworkTransport } from './support/transport-behaviours.js';

describeNetworkTransport('long-poll', (server, options) =>
  createLongPollTransport({ url: server.url, ...options }),
);
