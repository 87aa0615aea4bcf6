export type { UploadProgress } from './attachments.js';
export type { BackoffOptions } from './backoff.js';
export { backoffDelay } from './backoff.js';
export { createChatClient } from './client.js';
export type { ConnectionStatus, DocumentLike, WindowLike } from './connection-model.js';
export type {
  ChatEntry,
  ConfirmedEntry,
  ConversationState,
  DeliveryState,
  PendingEntry,
  PendingForm,
  PendingPrechat,
  QueueState,
} from './conversation-model.js';
export type { OutboxFile } from './outbox.js';
export type { ChatStorage } from './storage.js';
export { createLocalStorage, createMemoryStorage } from './storage.js';
export type {
  BroadcastChannelConstructor,
  BroadcastChannelLike,
  LockManagerLike,
  TabsOptions,
} from './tab-types.js';
export type { ChatClient, ChatClientOptions, ChatEvents, DiscontinuityInfo, RatingInput } from './types.js';
