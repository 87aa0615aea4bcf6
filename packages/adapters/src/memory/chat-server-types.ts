import type {
  AgentInfo,
  Availability,
  ChatError,
  ClientFrame,
  CloseReason,
  Consent,
  ConversationEvent,
  ConversationStatus,
  FormField,
  FormKind,
  MessageContent,
  ParseResult,
  PrechatForm,
  RatingSubmit,
  ServerMessage,
  Transport,
  Unsubscribe,
} from '@clavard/protocol';
import type { MemoryTransportPairOptions } from './memory-transport.js';

/**
 * One connection as the chat server sees it: whatever carries frames to one client (a memory pair, a
 * WebSocket, an SSE stream with its POST channel…).
 *
 * @example
 * ```ts
 * const connection = server.accept({ send: (text) => socket.send(text), close: (reason) => socket.close(CLOSE_CODES[reason], reason) });
 * ```
 */
export interface ChatPeer {
  /** Send one server frame, as JSON text. */
  send(data: string): void;
  /** End the connection. The server sends nothing more to this peer afterwards. */
  close(reason: CloseReason): void;
}

/**
 * What `accept()` returns: feed it what the client sends, and tell it when the connection is gone.
 *
 * @example
 * ```ts
 * socket.on('message', (data) => connection.receive(String(data)));
 * socket.on('close', () => connection.closed());
 * ```
 */
export interface ChatConnection {
  /** One client frame: JSON text or an already-decoded value. Never throws; bad frames get an `error` frame. */
  receive(data: unknown): void;
  /** The connection is gone (either side closed it). */
  closed(): void;
}

/**
 * A visitor's answers to a form, as the server keeps them: sensitive values replaced by
 * {@link REDACTED}, and the verification outcome.
 *
 * @example
 * ```ts
 * ({ formId: 'verify-1', kind: 'verification', values: { dob: '[redacted]' }, status: 'accepted', verified: true });
 * ```
 */
export interface StoredFormSubmission {
  conversationId: string;
  formId: string;
  kind: FormKind;
  values: Record<string, string>;
  status: 'accepted' | 'rejected';
  verified?: boolean;
}

/**
 * A conversation as seen from outside, for assertions and agent consoles.
 *
 * @example
 * ```ts
 * expect(server.conversations()[0]).toMatchObject({ status: 'active', lastSeq: 3 });
 * ```
 */
export interface ConversationSnapshot {
  id: string;
  epoch: string;
  status: ConversationStatus;
  lastSeq: number;
  /** The session token of the visitor who owns it. */
  token: string;
  /** The agent in charge, when one is. */
  agent?: AgentInfo;
  /** 1 is next, while queued. */
  queuePosition?: number;
  /** The visitor's rating, once given. */
  rating?: Omit<RatingSubmit, 'type'>;
  /** The consent sent with the message that started the conversation, when the site asks for one. */
  consent?: Consent;
  /** Form answers, sensitive values redacted. */
  forms: StoredFormSubmission[];
  /** The highest seq the visitor said they have read. */
  visitorReadSeq: number;
}

/**
 * The events of a memory chat server, for tests, demos and agent consoles.
 *
 * @example
 * ```ts
 * server.on('message', (message) => message.author.role === 'visitor' && reply(message));
 * ```
 */
export interface MemoryChatServerEvents {
  /** A message was added to a conversation (visitor's or agent's). */
  message: ServerMessage;
  /** Any event was added to a conversation's history. */
  event: ConversationEvent;
  /** A conversation was created or changed status or agent. */
  conversation: ConversationSnapshot;
  /** The visitor started or stopped typing. */
  typing: { conversationId: string; active: boolean };
  /** The visitor read up to `upToSeq`. */
  read: { conversationId: string; upToSeq: number };
  /** A form was answered (sensitive values redacted). */
  form: StoredFormSubmission;
  /** The visitor rated a conversation. */
  rating: { conversationId: string; rating: Omit<RatingSubmit, 'type'> };
  /** A session ended or was forgotten. */
  session: { token: string; change: 'started' | 'ended' | 'forgotten' };
  /** A client sent a bad frame (it was answered with an `error` frame). */
  error: ChatError;
}

/**
 * What the visitor's message is, for {@link MemoryChatServerOptions.autoReply}.
 *
 * @example
 * ```ts
 * const autoReply = ({ text }: AutoReplyContext) => `You said: ${text}`;
 * ```
 */
export interface AutoReplyContext {
  conversationId: string;
  text: string;
  message: ServerMessage;
}

/**
 * Options of {@link createMemoryChatServer}.
 *
 * @example
 * ```ts
 * const server = createMemoryChatServer({ heartbeatMs: 0, autoAgent: { id: 'a1', firstName: 'Julie' } });
 * ```
 */
export interface MemoryChatServerOptions {
  /** How often the server pings each connection, in ms (a `setTimeout` chain); 0 turns it off. @default 25000 */
  heartbeatMs?: number;
  /** Whether agents are reachable, as told in `session.welcome`. @default { online: true } */
  availability?: Availability;
  /** An agent who joins every new conversation at once. @default none: conversations wait in the queue */
  autoAgent?: AgentInfo;
  /**
   * With `autoAgent`: the answer to each visitor message (nothing when it returns `undefined`).
   * @default no answer
   */
  autoReply?: (context: AutoReplyContext) => MessageContent | string | undefined;
  /** Delay of the automatic answer in ms (a `setTimeout`); 0 answers synchronously. @default 0 */
  autoReplyDelayMs?: number;
  /** Send the `message.ack` before the echoed `message` event instead of after it. @default false */
  ackBeforeEcho?: boolean;
  /** Largest number of events in one `history` frame. @default 100 */
  historyPageSize?: number;
  /**
   * Decides a verification form: called with the submitted values (sensitive ones included; they are
   * not kept). @default () => true
   */
  verifyForm?: (submission: { formId: string; values: Readonly<Record<string, string>> }) => boolean;
  /** Makes ids (tokens, conversations, messages, epochs). @default () => crypto.randomUUID() */
  createId?: () => string;
  /**
   * A pre-chat form to ask first, in the welcome of a session that has no conversation in progress and
   * has not answered it (answered with `form.submit`, answered back with `prechat.result`; the answers
   * are kept with the session). @default none: no form is asked first
   */
  prechat?: PrechatForm;
  /** The server's clock, in ms since the epoch. @default Date.now */
  now?: () => number;
  /** Validates client frames. @default parseClientFrame from @clavard/protocol */
  parse?: (input: unknown) => ParseResult<ClientFrame>;
}

/**
 * A form to ask in a conversation with `server.agents.requestForm()`.
 *
 * @example
 * ```ts
 * server.agents.requestForm(id, { kind: 'verification', fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }] });
 * ```
 */
export interface FormRequestInput {
  /** @default a new id */
  formId?: string;
  kind: FormKind;
  title?: string;
  reason?: string;
  fields: FormField[];
}

/**
 * The agents' side of a memory chat server, for tests and demos. Every method throws a `ChatError`
 * (`not-found`, `conversation-ended`) when called on a conversation that cannot take it.
 *
 * @example
 * ```ts
 * server.agents.join(conversationId, { id: 'a1', firstName: 'Julie' });
 * server.agents.send(conversationId, 'a1', 'Hello, how can I help?');
 * ```
 */
export interface MemoryChatAgents {
  /** The agent joins (`agent.joined`); the conversation turns `active`. */
  join(conversationId: string, agent: AgentInfo): void;
  /** The agent leaves (`agent.left`). */
  leave(conversationId: string, agentId: string): void;
  /** A message from a joined agent; returns it. */
  send(conversationId: string, agentId: string, content: MessageContent | string): ServerMessage;
  /** The agent starts or stops typing. @default active true */
  typing(conversationId: string, agentId: string, active?: boolean): void;
  /** The agent read up to `upToSeq`. @default upToSeq the conversation's last seq */
  read(conversationId: string, upToSeq?: number): void;
  /** Hand the conversation to another agent (`agent.transferred`, with `from`). */
  transfer(conversationId: string, toAgent: AgentInfo): void;
  /** End the conversation (`conversation.ended` by agent) with an optional closing text. */
  end(conversationId: string, closing?: string): void;
  /** Ask the visitor to fill in a form; returns its `formId`. */
  requestForm(conversationId: string, form: FormRequestInput): string;
}

/**
 * A complete, protocol-correct chat backend held in memory. See {@link createMemoryChatServer}.
 *
 * @example
 * ```ts
 * const server = createMemoryChatServer();
 * const transport = server.createTransport();
 * ```
 */
export interface MemoryChatServer {
  /** Attach a connection (any transport); see {@link ChatPeer}. */
  accept(peer: ChatPeer): ChatConnection;
  /** A memory client transport bound to this server; each call is a new client (a tab). */
  createTransport(options?: MemoryTransportPairOptions): Transport;
  /** The agents' side. */
  readonly agents: MemoryChatAgents;
  /** Every conversation, oldest first. */
  conversations(): ConversationSnapshot[];
  /** The messages of a conversation, in seq order (copies). */
  messages(conversationId: string): ServerMessage[];
  /** Every event of a conversation, in seq order (copies). */
  events(conversationId: string): ConversationEvent[];
  /** Change the availability and tell every connected client. */
  setAvailability(availability: Availability): void;
  /** Close every connection with `server-restart`, keeping all data, as a restarted server would. */
  restart(): void;
  /** The conversation's history can no longer be trusted: a new epoch; returns it. */
  resetEpoch(conversationId: string): string;
  /** How many connections are attached. */
  readonly connectionCount: number;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof MemoryChatServerEvents>(
    event: K,
    listener: (payload: MemoryChatServerEvents[K]) => void,
  ): Unsubscribe;
  /** Close every connection (`going-away`) and stop every timer. */
  dispose(): void;
}
