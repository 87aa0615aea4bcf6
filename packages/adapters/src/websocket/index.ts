export type {
  WebSocketConstructor,
  WebSocketLike,
  WebSocketTransportOptions,
} from './websocket-transport.js';
export { createWebSocketTransport } from './websocket-transport.js';
