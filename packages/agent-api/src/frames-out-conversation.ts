/**
 * The agent API, server → agent, about one conversation: it is yours, a new event in it, your message is
 * stored, the visitor types, reads, rates, moves to another page… The other frames are in frames-out.ts.
 */
import type { ConversationEvent, Timestamp } from '@clavard/protocol';
import type { AgentConversation } from './views.js';

/**
 * A conversation is now yours (taken, or transferred to you), with its history.
 *
 * @example
 * ```ts
 * if (frame.type === 'agent.conversation') open(frame.conversation.id, frame.conversation.events);
 * ```
 */
export interface AgentConversationFrame {
  type: 'agent.conversation';
  conversation: AgentConversation;
}

/**
 * A new event in a conversation you hold (or just handed over).
 *
 * @example
 * ```ts
 * if (frame.type === 'agent.event') append(frame.event.conversationId, frame.event);
 * ```
 */
export interface AgentEventFrame {
  type: 'agent.event';
  event: ConversationEvent;
}

/**
 * Your message is stored: its id and seq (the same for every resend of its clientId).
 *
 * @example
 * ```ts
 * ({ type: 'agent.ack', conversationId: 'c1', clientId: 'k1', id: 'm9', seq: 9, at: '2026-11-23T09:42:00.000Z' });
 * ```
 */
export interface AgentAck {
  type: 'agent.ack';
  conversationId: string;
  clientId: string;
  id: string;
  seq: number;
  at: Timestamp;
  duplicate?: boolean;
}

/**
 * The visitor started or stopped typing.
 *
 * @example
 * ```ts
 * ({ type: 'agent.typing', conversationId: 'c1', active: true });
 * ```
 */
export interface AgentVisitorTyping {
  type: 'agent.typing';
  conversationId: string;
  active: boolean;
}

/**
 * The visitor has read up to `upToSeq`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.read', conversationId: 'c1', upToSeq: 9 });
 * ```
 */
export interface AgentVisitorRead {
  type: 'agent.read';
  conversationId: string;
  upToSeq: number;
}

/**
 * The visitor rated the conversation.
 *
 * @example
 * ```ts
 * ({ type: 'agent.rating', conversationId: 'c1', solved: true, score: 5 });
 * ```
 */
export interface AgentRating {
  type: 'agent.rating';
  conversationId: string;
  solved?: boolean;
  score?: number;
  note?: string;
}

/**
 * The answer to `agent.history`: the events oldest first; `hasMore` in the direction asked.
 *
 * @example
 * ```ts
 * ({ type: 'agent.history', conversationId: 'c1', beforeSeq: 181, events: [], hasMore: false });
 * ```
 */
export interface AgentHistory {
  type: 'agent.history';
  conversationId: string;
  afterSeq?: number;
  beforeSeq?: number;
  events: ConversationEvent[];
  hasMore: boolean;
}

/**
 * The visitor of a conversation you hold is on another page (a new hello).
 *
 * @example
 * ```ts
 * ({ type: 'agent.visitor', conversationId: 'c1', page: { url: 'https://shop.example/billing', title: 'Billing' }, timeZone: 'America/Toronto' });
 * ```
 */
export interface AgentVisitorUpdate {
  type: 'agent.visitor';
  conversationId: string;
  page?: { url: string; title?: string };
  timeZone?: string;
}

/**
 * The email of an answer to a left message: sent, or why not (the answer is in the conversation either way).
 *
 * @example
 * ```ts
 * ({ type: 'agent.mailed', conversationId: 'c1', sent: true });
 * ```
 */
export interface AgentMailed {
  type: 'agent.mailed';
  conversationId: string;
  sent: boolean;
  /** Why it was not sent. */
  reason?: string;
}

/**
 * A conversation you held is gone: its visitor asked for their data to be erased (`session.forget`), and
 * the server erased it. Drop it from view; nothing more about it will come.
 *
 * @example
 * ```ts
 * ({ type: 'agent.removed', conversationId: 'c1', reason: 'forgotten' });
 * ```
 */
export interface AgentRemoved {
  type: 'agent.removed';
  conversationId: string;
  reason: 'forgotten';
}
