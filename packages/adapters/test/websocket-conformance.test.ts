import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { WebSocket } from 'ws';
import { describeConformance } from './support/transport-conformance.js';

describeConformance(
  'websocket',
  (server) => createWebSocketTransport({ url: server.wsUrl, WebSocket }),
  (port) => createWebSocketTransport({ url: `ws://127.0.0.1:${port}/clavard/ws`, WebSocket }),
);
