export { REDACTED } from './chat-forms.js';
export { createMemoryChatServer } from './chat-server.js';
export type {
  AutoReplyContext,
  ChatConnection,
  ChatPeer,
  ConversationSnapshot,
  FormRequestInput,
  MemoryChatAgents,
  MemoryChatServer,
  MemoryChatServerEvents,
  MemoryChatServerOptions,
  StoredFormSubmission,
} from './chat-server-types.js';
export type {
  MemoryCloseInfo,
  MemoryServerEnd,
  MemoryServerEndEvents,
  MemoryTransportPair,
  MemoryTransportPairOptions,
} from './memory-transport.js';
export { createMemoryTransportPair } from './memory-transport.js';
