import type {
  AgentInfo,
  Author,
  Availability,
  CloseReason,
  ConversationStatus,
  FormField,
  FormKind,
  MessageContent,
  Seq,
  Timestamp,
} from './common.js';
import type { ServerErrorCode } from './error-codes.js';

/**
 * The conversation a session is attached to, as told in `session.welcome`.
 */
export interface ConversationInfo {
  id: string;
  /**
   * Changes when the server lost history (database restored, conversation migrated). A client whose saved
   * epoch differs must drop its cache and reload the conversation: a `discontinuity`.
   */
  epoch: string;
  /** The seq of the conversation's newest event. */
  lastSeq: Seq;
  status: ConversationStatus;
}

/**
 * The server's answer to `session.hello`. Keep `token` for the next hello; `resumed` tells whether the
 * previous session was restored (if not, the client starts afresh and fails nothing it had queued: it
 * re-sends its outbox into the new conversation).
 *
 * @example
 * ```ts
 * const welcome: SessionWelcome = {
 *   type: 'session.welcome', v: '1.0', token: 't_abc', resumed: false,
 *   availability: { online: true, expectedWaitSeconds: 120 },
 * };
 * ```
 */
export interface SessionWelcome {
  type: 'session.welcome';
  v: string;
  /** Session token: opaque, kept by the client, sent in the next hello. */
  token: string;
  resumed: boolean;
  availability: Availability;
  /** The visitor's conversation, when one exists. */
  conversation?: ConversationInfo;
  /** The agent currently in the conversation. */
  agent?: AgentInfo;
  /** The server pings at least this often, in ms; the client times out after this plus 10 s. @default 25000 */
  heartbeatMs?: number;
  /** Whether the visitor is identified by a verified identity token. */
  identified?: boolean;
  /**
   * The pre-chat form to show before the visitor writes (a server that asks it first): only while the
   * visitor has no conversation in progress and the server does not know the answers yet. Answered with
   * `form.submit` (its `formId`), which the server answers with `prechat.result`.
   */
  prechat?: PrechatForm;
  /**
   * Present when the server takes attachments (see "Attachments" in docs/protocol.md), with its limits: a
   * client offers to attach files only then, and checks the size before it uploads.
   */
  attachments?: AttachmentLimits;
}

/**
 * What a server accepts as attachments, in `session.welcome.attachments`. The server checks both limits
 * itself whatever a client does.
 *
 * @example
 * ```ts
 * const limits: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, perConversation: 20 };
 * ```
 */
export interface AttachmentLimits {
  /** The largest file, in bytes. */
  maxBytes: number;
  /** How many files a conversation may hold, both sides together. */
  perConversation: number;
}

/**
 * The pre-chat form a server asks before the first message (in `session.welcome.prechat`): who the visitor
 * is and what it is about, so that the right agent answers. It belongs to the session, not to a
 * conversation: the conversation starts with the visitor's first message and carries the answers.
 *
 * @example
 * ```ts
 * const prechat: PrechatForm = {
 *   formId: 'pre-1', title: 'Before we start',
 *   fields: [{ name: 'topic', type: 'select', label: 'Topic', required: true,
 *     options: [{ value: 'billing', label: 'Billing' }] }],
 * };
 * ```
 */
export interface PrechatForm {
  formId: string;
  title?: string;
  /** Why it is asked and how the answers are used. */
  reason?: string;
  fields: FormField[];
}

/** Fields every conversation event has: its place in the conversation and the server's time. */
export interface EventBase {
  conversationId: string;
  seq: Seq;
  at: Timestamp;
}

/**
 * A message in the conversation, from anyone. For the visitor's own messages `clientId` is echoed, so the
 * client replaces its pending copy instead of showing a second bubble.
 *
 * @example
 * ```ts
 * const m: ServerMessage = {
 *   type: 'message', conversationId: 'c1', seq: 7, at: '2026-11-23T09:41:00.000Z', id: 'm7',
 *   author: { role: 'agent', id: 'a-17', firstName: 'Julie' }, content: { kind: 'text', text: 'Hi!' },
 * };
 * ```
 */
export interface ServerMessage extends EventBase {
  type: 'message';
  /** The server's id of the message. */
  id: string;
  author: Author;
  content: MessageContent;
  /** The visitor's `clientId`, on the visitor's own messages. */
  clientId?: string;
}

/**
 * An agent joined the conversation.
 *
 * @example
 * ```ts
 * ({ type: 'agent.joined', conversationId: 'c1', seq: 3, at, agent: { id: 'a-17', firstName: 'Julie' } });
 * ```
 */
export interface AgentJoined extends EventBase {
  type: 'agent.joined';
  agent: AgentInfo;
}

/**
 * An agent left the conversation.
 *
 * @example
 * ```ts
 * ({ type: 'agent.left', conversationId: 'c1', seq: 9, at, agent: { id: 'a-17', firstName: 'Julie' } });
 * ```
 */
export interface AgentLeft extends EventBase {
  type: 'agent.left';
  agent: AgentInfo;
}

/**
 * The conversation passed to another agent, history kept: "You are now chatting with Marc".
 *
 * @example
 * ```ts
 * ({ type: 'agent.transferred', conversationId: 'c1', seq: 12, at, agent: marc, from: julie });
 * ```
 */
export interface AgentTransferred extends EventBase {
  type: 'agent.transferred';
  /** The agent now in charge. */
  agent: AgentInfo;
  /** The agent who handed over. */
  from?: AgentInfo;
}

/**
 * The server asks the visitor to fill in a form, inside the conversation.
 *
 * @example
 * ```ts
 * ({
 *   type: 'form.request', conversationId: 'c1', seq: 5, at, formId: 'verify-1', kind: 'verification',
 *   title: 'Verify your identity', reason: 'We check this before touching your account.',
 *   fields: [{ name: 'postal', type: 'text', label: 'Postal code', required: true, sensitive: true }],
 * });
 * ```
 */
export interface FormRequest extends EventBase {
  type: 'form.request';
  formId: string;
  kind: FormKind;
  title?: string;
  /** Why it is asked and how the data is used. */
  reason?: string;
  fields: FormField[];
}

/**
 * The outcome of a `form.submit`, as a conversation event: accepted or refused with per-field messages;
 * for verification forms, whether the visitor is verified. It never contains the submitted values.
 *
 * @example
 * ```ts
 * ({ type: 'form.result', conversationId: 'c1', seq: 6, at, formId: 'verify-1', status: 'accepted', verified: true });
 * ```
 */
export interface FormResult extends EventBase {
  type: 'form.result';
  formId: string;
  status: 'accepted' | 'rejected';
  /** Field name to a message in the visitor's language, when rejected. */
  errors?: Record<string, string>;
  /** For verification forms: the server's decision. */
  verified?: boolean;
}

/**
 * The conversation ended, with the organisation's closing text.
 *
 * @example
 * ```ts
 * ({ type: 'conversation.ended', conversationId: 'c1', seq: 20, at, by: 'agent', closing: 'Thank you for chatting with us.' });
 * ```
 */
export interface ConversationEnded extends EventBase {
  type: 'conversation.ended';
  by: 'visitor' | 'agent' | 'system';
  closing?: string;
}

/** Every event that has a `seq` and belongs to a conversation's history. */
export type ConversationEvent =
  | ServerMessage
  | AgentJoined
  | AgentLeft
  | AgentTransferred
  | FormRequest
  | FormResult
  | ConversationEnded;

/**
 * The server stored a visitor message. A resend of the same `clientId` gets the same `id` and `seq`, with
 * `duplicate: true`.
 *
 * @example
 * ```ts
 * ({ type: 'message.ack', conversationId: 'c1', clientId: 'V1StGXR8_Z5jdHi6B-myT', id: 'm8', seq: 8, at });
 * ```
 */
export interface MessageAck {
  type: 'message.ack';
  conversationId: string;
  clientId: string;
  id: string;
  seq: Seq;
  at: Timestamp;
  /** True when this clientId had already been stored: the original id and seq are returned. */
  duplicate?: boolean;
}

/**
 * Someone in the conversation started or stopped typing. Not part of history.
 *
 * @example
 * ```ts
 * ({ type: 'typing', conversationId: 'c1', by: { role: 'agent', id: 'a-17', firstName: 'Julie' }, active: true });
 * ```
 */
export interface ServerTyping {
  type: 'typing';
  conversationId: string;
  by: Author;
  active: boolean;
}

/**
 * Someone has read the conversation up to `upToSeq` (the visitor's messages turn "read").
 *
 * @example
 * ```ts
 * ({ type: 'read', conversationId: 'c1', upToSeq: 8, by: 'agent' });
 * ```
 */
export interface ServerRead {
  type: 'read';
  conversationId: string;
  upToSeq: Seq;
  by: 'visitor' | 'agent';
}

/**
 * The visitor's place in the queue before an agent joins.
 *
 * @example
 * ```ts
 * ({ type: 'queue.update', conversationId: 'c1', position: 3, etaSeconds: 240 });
 * ```
 */
export interface QueueUpdate {
  type: 'queue.update';
  conversationId: string;
  /** 1 is next. */
  position: number;
  etaSeconds?: number;
}

/**
 * Whether agents are reachable changed.
 *
 * @example
 * ```ts
 * ({ type: 'availability', online: false, nextOpenAt: '2026-11-24T13:00:00.000Z' });
 * ```
 */
export interface AvailabilityUpdate extends Availability {
  type: 'availability';
}

/**
 * The answer to `history.since`: events after `afterSeq`, in seq order. `hasMore` asks the client to
 * request again from the last seq given.
 *
 * @example
 * ```ts
 * ({ type: 'history', conversationId: 'c1', epoch: 'e1', afterSeq: 4, events: [m5, m6], hasMore: false });
 * ```
 */
export interface History {
  type: 'history';
  conversationId: string;
  epoch: string;
  afterSeq: Seq;
  events: ConversationEvent[];
  hasMore: boolean;
}

/**
 * The server cannot give the client what it missed (epoch changed, history pruned). The client drops its
 * cached events, reloads from `history.since` with `afterSeq: 0`, and tells its UI once.
 *
 * @example
 * ```ts
 * ({ type: 'discontinuity', conversationId: 'c1', epoch: 'e2', reason: 'epoch-changed' });
 * ```
 */
export interface Discontinuity {
  type: 'discontinuity';
  conversationId: string;
  /** The conversation's current epoch. */
  epoch: string;
  reason: 'epoch-changed' | 'history-unavailable';
}

/**
 * Something went wrong. `clientId` names the message concerned; `retryAfterMs` asks the client to pause.
 *
 * @example
 * ```ts
 * ({ type: 'error', code: 'rate-limited', message: 'Slow down', retryable: true, retryAfterMs: 2000 });
 * ```
 */
export interface ServerError {
  type: 'error';
  code: ServerErrorCode;
  /** For developers; the widget shows its own localised text. */
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
  clientId?: string;
}

/**
 * A heartbeat (`ping`, every 25 s by default) or the answer to the client's `ping` (`pong`).
 *
 * @example
 * ```ts
 * ({ type: 'pong', id: 'p1' });
 * ```
 */
export interface ServerPing {
  type: 'ping' | 'pong';
  id?: string;
}

/**
 * The server asks the client to reconnect (deploy, rebalancing): close, wait `retryAfterMs` (plus jitter),
 * then hello again with `resume`.
 *
 * @example
 * ```ts
 * ({ type: 'session.reconnect', reason: 'server-restart', retryAfterMs: 500 });
 * ```
 */
export interface SessionReconnect {
  type: 'session.reconnect';
  reason: CloseReason;
  retryAfterMs?: number;
}

/**
 * The session ended on the server (after `session.end`, `session.forget`, or expiry): forget the token.
 *
 * @example
 * ```ts
 * ({ type: 'session.ended', reason: 'forgotten' });
 * ```
 */
export interface SessionEnded {
  type: 'session.ended';
  reason: 'ended' | 'forgotten' | 'expired';
}

/**
 * The server's answer to a `form.submit` of the pre-chat form offered in `session.welcome.prechat`:
 * accepted (the visitor may write; the server keeps the answers for the conversation to come and does not
 * ask again), or refused with a message per field. Never carries the values.
 *
 * @example
 * ```ts
 * ({ type: 'prechat.result', formId: 'pre-1', status: 'rejected', errors: { topic: 'required' } });
 * ```
 */
export interface PrechatResult {
  type: 'prechat.result';
  formId: string;
  status: 'accepted' | 'rejected';
  /** Field name to a message in the visitor's language, when rejected. */
  errors?: Record<string, string>;
}

/**
 * What became of a `handoff.open` (protocol 1.2):
 * - `opened`: the handoff is this visitor's now; its conversation was started and routed by the handoff's
 *   topic (its events follow, the first a system message that says where the visitor wrote and who
 *   continues);
 * - `resumed`: this visitor opened it before: its conversation goes on (`conversationId`);
 * - `used`: another visitor (another browser or device) opened it: nothing of it is shown here;
 * - `expired`: it was not opened in time;
 * - `invalid`: not a link the server made (unknown, altered or forged).
 * In the last three the visitor can still write: that starts an ordinary conversation.
 *
 * @example
 * ```ts
 * ({ type: 'handoff.result', status: 'opened', conversationId: 'c1' });
 * ```
 */
export interface HandoffResult {
  type: 'handoff.result';
  status: HandoffStatus;
  /** The handoff's conversation, when `opened` or `resumed`. */
  conversationId?: string;
}

/**
 * The outcomes of opening a handoff link, see {@link HandoffResult}.
 *
 * @example
 * ```ts
 * const status: HandoffStatus = 'expired';
 * ```
 */
export type HandoffStatus = 'opened' | 'resumed' | 'used' | 'expired' | 'invalid';

/** Every frame a server may send, discriminated on `type`. */
export type ServerFrame =
  | SessionWelcome
  | ConversationEvent
  | MessageAck
  | ServerTyping
  | ServerRead
  | QueueUpdate
  | AvailabilityUpdate
  | History
  | Discontinuity
  | ServerError
  | ServerPing
  | SessionReconnect
  | SessionEnded
  | PrechatResult
  | HandoffResult;

/** The `type` of every server frame. */
export type ServerFrameType = ServerFrame['type'];
