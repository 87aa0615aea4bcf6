export type { EventSourceConstructor, EventSourceLike, SseTransportOptions } from './sse-transport.js';
export { createSseTransport } from './sse-transport.js';
