import type { ConversationEvent, ServerFrame } from './server-frames.js';

/**
 * The `type` of every conversation event: the frames that carry a `seq` and belong to history.
 *
 * @example
 * ```ts
 * CONVERSATION_EVENT_TYPES.includes('message'); // true
 * ```
 */
export const CONVERSATION_EVENT_TYPES = [
  'message',
  'agent.joined',
  'agent.left',
  'agent.transferred',
  'form.request',
  'form.result',
  'conversation.ended',
] as const satisfies readonly ConversationEvent['type'][];

/**
 * Whether a server frame is a conversation event (it has a `seq`, the client orders and stores it).
 *
 * @example
 * ```ts
 * if (isConversationEvent(frame)) applyInOrder(frame.seq, frame);
 * ```
 */
export function isConversationEvent(frame: ServerFrame): frame is ConversationEvent {
  return (CONVERSATION_EVENT_TYPES as readonly string[]).includes(frame.type);
}
