/**
 * The agent API, agent → server: what an agent console says over `/agent/ws` (validated by
 * `parseAgentFrame` in parse.ts).
 */
import type { FormField, FormKind, MessageContent } from '@clavard/protocol';
import type { HandoffDraft } from './handoff-views.js';
import type { VerificationCheck } from './verification.js';
import type { AgentRole } from './views.js';

/**
 * The first frame on `/agent/ws`: the token from `POST /agent/login`.
 *
 * @example
 * ```ts
 * socket.send(JSON.stringify({ type: 'agent.hello', token }));
 * ```
 */
export interface AgentHello {
  type: 'agent.hello';
  token: string;
}

/**
 * Take a waiting conversation: the visitor gets `agent.joined` with the agent's first name.
 *
 * @example
 * ```ts
 * ({ type: 'agent.take', conversationId: 'c1' });
 * ```
 */
export interface AgentTake {
  type: 'agent.take';
  conversationId: string;
}

/**
 * A message from the agent to the visitor. `clientId` makes it idempotent, as for visitors; answered
 * with `agent.ack`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.message', conversationId: 'c1', clientId: nanoid(), content: { kind: 'text', text: 'Hello!' } });
 * ({ type: 'agent.message', conversationId: 'c1', clientId, content: { kind: 'text', text: 'The form' }, attachmentId: 'f3c…' });
 * ```
 */
export interface AgentMessage {
  type: 'agent.message';
  conversationId: string;
  clientId: string;
  /** What the message says; beside `attachmentId`, a text content: the file's caption (may be empty). */
  content: MessageContent;
  /**
   * A file uploaded beforehand to `POST /agent/uploads` with this message's `clientId`: the message
   * carries it (see "Attachments" in docs/protocol.md). A content of kind `attachment` is refused: the
   * server, not the console, says what a file is.
   */
  attachmentId?: string;
}

/**
 * The agent started or stopped typing.
 *
 * @example
 * ```ts
 * ({ type: 'agent.typing', conversationId: 'c1', active: true });
 * ```
 */
export interface AgentTyping {
  type: 'agent.typing';
  conversationId: string;
  active: boolean;
}

/**
 * The agent has read the conversation up to `upToSeq`: the visitor's messages turn "read".
 *
 * @example
 * ```ts
 * ({ type: 'agent.read', conversationId: 'c1', upToSeq: 7 });
 * ```
 */
export interface AgentRead {
  type: 'agent.read';
  conversationId: string;
  upToSeq: number;
}

/**
 * Hand the conversation to another signed-in agent (see `agent.agents`); the visitor gets
 * `agent.transferred` with the new first name; the history stays.
 *
 * @example
 * ```ts
 * ({ type: 'agent.transfer', conversationId: 'c1', toAgentId: 'a-21', note: 'Refund approved; needs the new address.' });
 * ```
 */
export interface AgentTransfer {
  type: 'agent.transfer';
  conversationId: string;
  toAgentId: string;
  /** A note for the colleague (what was done, what is left): agents see it, the visitor never does. */
  note?: string;
}

/**
 * Ask the visitor to fill in a form (`form.request`); the outcome comes back as a `form.result` event,
 * never with the values.
 *
 * @example
 * ```ts
 * ({ type: 'agent.form', conversationId: 'c1', kind: 'verification', fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }] });
 * ```
 */
export interface AgentFormRequest {
  type: 'agent.form';
  conversationId: string;
  /** @default a new id */
  formId?: string;
  kind: FormKind;
  title?: string;
  reason?: string;
  fields: FormField[];
}

/**
 * Ask the visitor to verify their identity with the chosen checks. The server builds the form in the
 * visitor's language (see `verificationForm`), decides the answer with its `verifyForm` option, and the
 * agent sees `form.result { verified }`, never the values.
 *
 * @example
 * ```ts
 * ({ type: 'agent.verify', conversationId: 'c1', checks: ['dob', 'postal'] });
 * ```
 */
export interface AgentVerify {
  type: 'agent.verify';
  conversationId: string;
  /** One or more of `dob`, `postal`, `last4`. */
  checks: VerificationCheck[];
}

/**
 * End the conversation with the closing text: the visitor gets `conversation.ended { by: 'agent', closing }`.
 * When the organisation requires a closing (the default), a blank one is refused with `closing-required`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.end', conversationId: 'c1', closing: 'Thank you for chatting with us.' });
 * ```
 */
export interface AgentEnd {
  type: 'agent.end';
  conversationId: string;
  closing?: string;
}

/**
 * A page of a conversation the agent holds or held, answered with `agent.history`: the events after
 * `afterSeq` (oldest first), or with `beforeSeq` the newest ones before it (to show older messages). A
 * page holds at most `limit` events and stays well under the frame limit; `hasMore` says there are more.
 *
 * @example
 * ```ts
 * ({ type: 'agent.history', conversationId: 'c1', beforeSeq: 181 });
 * ```
 */
export interface AgentHistoryRequest {
  type: 'agent.history';
  conversationId: string;
  afterSeq?: number;
  beforeSeq?: number;
  limit?: number;
}

/**
 * Answer a left message (from the inbox): the visitor finds the answer in their conversation on their next
 * visit, and by email when they left one and the organisation sends mail; the conversation then ends.
 * Idempotent by `clientId`; answered with `agent.ack`, then `agent.mailed` when an email was tried.
 *
 * @example
 * ```ts
 * ({ type: 'agent.reply', conversationId: 'c1', clientId: nanoid(), text: 'Your refund left today.' });
 * ```
 */
export interface AgentReply {
  type: 'agent.reply';
  conversationId: string;
  clientId: string;
  text: string;
}

/**
 * Search the ended conversations by the visitor's name or email and by the words of the messages (blank:
 * the newest); answered with `agent.archive`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.search', query: 'facture mai' });
 * ```
 */
export interface AgentSearch {
  type: 'agent.search';
  query: string;
}

/**
 * Open an ended conversation read-only (from the archive or a visitor's earlier conversations); answered
 * with `agent.conversation`, older pages with `agent.history`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.open', conversationId: 'c0' });
 * ```
 */
export interface AgentOpen {
  type: 'agent.open';
  conversationId: string;
}

/**
 * The team report of the last `days` days (admins only); answered with `agent.report`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.report', days: 7 });
 * ```
 */
export interface AgentReportRequest {
  type: 'agent.report';
  days: number;
}

/**
 * Admins: the team's accounts (`agent.accounts` answers), or a new one created first (its password is
 * hashed on the server and never sent back). A login taken or a password too short gets `invalid-frame`
 * saying so.
 *
 * @example
 * ```ts
 * ({ type: 'agent.accounts', create: { login: 'ana', firstName: 'Ana', role: 'agent', password: 'a long passphrase' } });
 * ```
 */
export interface AgentAccountsRequest {
  type: 'agent.accounts';
  create?: {
    login: string;
    firstName: string;
    title?: string;
    role: AgentRole;
    password: string;
  };
}

/**
 * Community managers and admins: the handoffs, newest first (`agent.handoffs` answers), after making the
 * one asked for. A draft the server refuses gets `invalid-frame` naming the field; more than 30 a minute
 * gets `rate-limited`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.handoffs', create: { channel: 'x', handle: '@ana_q', postUrl: 'https://x.com/ana_q/status/1', summary: 'a double charge', details: [] } });
 * ```
 */
export interface AgentHandoffsRequest {
  type: 'agent.handoffs';
  create?: HandoffDraft;
}

/**
 * Sign out: the session's token stops working, and when no other tab of the agent is connected their
 * conversations go back to the queue at once (the visitors are told).
 *
 * @example
 * ```ts
 * ({ type: 'agent.signout' });
 * ```
 */
export interface AgentSignOut {
  type: 'agent.signout';
}

/**
 * The topics this agent handles, each one of the organisation's (see `agent.routing`); none: every
 * topic. Kept across sign-ins and restarts; answered with `agent.routing`, then each agent's queue
 * follows the new routing.
 *
 * @example
 * ```ts
 * ({ type: 'agent.topics', topics: ['Billing'] });
 * ```
 */
export interface AgentTopics {
  type: 'agent.topics';
  topics: string[];
}

/**
 * A keep-alive probe or the answer to the server's ping.
 *
 * @example
 * ```ts
 * ({ type: 'pong', id: 'p7' });
 * ```
 */
export interface AgentPing {
  type: 'ping' | 'pong';
  id?: string;
}

/**
 * Every frame an agent console may send, discriminated on `type`.
 *
 * @example
 * ```ts
 * const take: AgentClientFrame = { type: 'agent.take', conversationId: 'c1' };
 * socket.send(JSON.stringify(take));
 * ```
 */
export type AgentClientFrame =
  | AgentHello
  | AgentTake
  | AgentMessage
  | AgentTyping
  | AgentRead
  | AgentTransfer
  | AgentFormRequest
  | AgentVerify
  | AgentEnd
  | AgentHistoryRequest
  | AgentTopics
  | AgentSignOut
  | AgentReply
  | AgentSearch
  | AgentOpen
  | AgentReportRequest
  | AgentAccountsRequest
  | AgentHandoffsRequest
  | AgentPing;
