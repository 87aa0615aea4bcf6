export type { LongPollTransportOptions } from './long-poll-transport.js';
export { createLongPollTransport } from './long-poll-transport.js';
