import {
  type AgentInfo,
  type Availability,
  ChatError,
  type ClientFrame,
  type CloseReason,
  type Consent,
  type ConversationEvent,
  type ConversationStatus,
  encodeFrame,
  type FormRequest,
  type MessageAck,
  type ParseResult,
  parseClientFrame,
  type RatingSubmit,
  type ServerFrame,
} from '@clavard/protocol';
import { createEmitter, type Emitter } from '@clavard/protocol/internal';
import type {
  ChatPeer,
  ConversationSnapshot,
  MemoryChatServerEvents,
  MemoryChatServerOptions,
  StoredFormSubmission,
} from './chat-server-types.js';

/** A conversation event before the server gives it its place and time. */
export type EventInput = ConversationEvent extends infer E
  ? E extends ConversationEvent
    ? Omit<E, 'conversationId' | 'seq' | 'at'>
    : never
  : never;

/** A stored visitor message, kept to answer resends of its clientId. */
interface SentRecord {
  text: string;
  ack: MessageAck;
}

export interface Conversation {
  id: string;
  epoch: string;
  status: ConversationStatus;
  token: string;
  events: ConversationEvent[];
  agent: AgentInfo | undefined;
  agents: Map<string, AgentInfo>;
  sent: Map<string, SentRecord>;
  forms: Map<string, FormRequest>;
  submissions: StoredFormSubmission[];
  rating: Omit<RatingSubmit, 'type'> | undefined;
  /** The consent sent with the message that started the conversation. */
  consent: Consent | undefined;
  visitorReadSeq: number;
  agentReadSeq: number;
  /** The queue position last told to the visitor, so that only changes are sent. */
  toldPosition: number | undefined;
}

export interface Session {
  token: string;
  conversationIds: string[];
  connections: Set<Conn>;
  identity: string | undefined;
  /** The answers to the pre-chat form asked first, once accepted (only the fields it asked). */
  prechatAnswers?: Record<string, string>;
}

export interface Conn {
  peer: ChatPeer;
  session: Session | undefined;
  open: boolean;
  heartbeat: ReturnType<typeof setTimeout> | undefined;
  pings: number;
}

/** The options with their defaults filled in. */
export interface ResolvedOptions {
  heartbeatMs: number;
  autoAgent: AgentInfo | undefined;
  autoReply: MemoryChatServerOptions['autoReply'];
  autoReplyDelayMs: number;
  ackBeforeEcho: boolean;
  historyPageSize: number;
  verifyForm: NonNullable<MemoryChatServerOptions['verifyForm']>;
  prechat: MemoryChatServerOptions['prechat'];
  createId: () => string;
  now: () => number;
  parse: (input: unknown) => ParseResult<ClientFrame>;
}

/** The state of a memory chat server and the few operations every part of it uses. */
export interface ChatCore {
  options: ResolvedOptions;
  events: Emitter<MemoryChatServerEvents>;
  sessions: Map<string, Session>;
  conversations: Map<string, Conversation>;
  connections: Set<Conn>;
  availability: Availability;
  timers: Set<ReturnType<typeof setTimeout>>;
  at(): string;
  send(conn: Conn, frame: ServerFrame): void;
  toVisitor(conversation: Conversation, frame: ServerFrame): void;
  append(conversation: Conversation, input: EventInput): ConversationEvent;
  conversation(id: string): Conversation;
  open(id: string): Conversation;
  snapshot(conversation: Conversation): ConversationSnapshot;
  changed(conversation: Conversation): void;
  queuePosition(conversation: Conversation): number | undefined;
  closeConn(conn: Conn, reason: CloseReason): void;
  later(ms: number, run: () => void): void;
}

const lastSeq = (conversation: Conversation): number => conversation.events.at(-1)?.seq ?? 0;

/** Builds the shared state of {@link createMemoryChatServer}. */
export function createChatCore(options: MemoryChatServerOptions): ChatCore {
  const resolved: ResolvedOptions = {
    heartbeatMs: options.heartbeatMs ?? 25_000,
    autoAgent: options.autoAgent,
    autoReply: options.autoReply,
    autoReplyDelayMs: options.autoReplyDelayMs ?? 0,
    ackBeforeEcho: options.ackBeforeEcho ?? false,
    historyPageSize: options.historyPageSize ?? 100,
    verifyForm: options.verifyForm ?? (() => true),
    prechat: options.prechat,
    createId: options.createId ?? (() => globalThis.crypto.randomUUID()),
    now: options.now ?? Date.now,
    parse: options.parse ?? parseClientFrame,
  };
  const events = createEmitter<MemoryChatServerEvents>();
  const conversations = new Map<string, Conversation>();

  const core: ChatCore = {
    options: resolved,
    events,
    sessions: new Map(),
    conversations,
    connections: new Set(),
    availability: options.availability ?? { online: true },
    timers: new Set(),
    at: () => new Date(resolved.now()).toISOString(),
    send(conn, frame) {
      if (conn.open) conn.peer.send(encodeFrame(frame));
    },
    toVisitor(conversation, frame) {
      for (const conn of core.sessions.get(conversation.token)?.connections ?? []) core.send(conn, frame);
    },
    append(conversation, input) {
      const event = {
        ...input,
        conversationId: conversation.id,
        seq: lastSeq(conversation) + 1,
        at: core.at(),
      } as ConversationEvent;
      conversation.events.push(event);
      core.toVisitor(conversation, event);
      events.emit('event', structuredClone(event));
      if (event.type === 'message') events.emit('message', structuredClone(event));
      return event;
    },
    conversation(id) {
      const conversation = conversations.get(id);
      if (!conversation) throw new ChatError('not-found', `no conversation ${id}`);
      return conversation;
    },
    open(id) {
      const conversation = core.conversation(id);
      if (conversation.status === 'ended') throw new ChatError('conversation-ended', `${id} has ended`);
      return conversation;
    },
    snapshot(conversation) {
      const position = core.queuePosition(conversation);
      return {
        id: conversation.id,
        epoch: conversation.epoch,
        status: conversation.status,
        lastSeq: lastSeq(conversation),
        token: conversation.token,
        ...(conversation.agent ? { agent: { ...conversation.agent } } : {}),
        ...(position === undefined ? {} : { queuePosition: position }),
        ...(conversation.rating ? { rating: { ...conversation.rating } } : {}),
        ...(conversation.consent ? { consent: { ...conversation.consent } } : {}),
        forms: structuredClone(conversation.submissions),
        visitorReadSeq: conversation.visitorReadSeq,
      };
    },
    changed(conversation) {
      events.emit('conversation', core.snapshot(conversation));
      // Everyone still waiting moves up (or learns their place).
      for (const waiting of conversations.values()) {
        const position = core.queuePosition(waiting);
        if (position === undefined || position === waiting.toldPosition) continue;
        waiting.toldPosition = position;
        const wait = core.availability.expectedWaitSeconds;
        core.toVisitor(waiting, {
          type: 'queue.update',
          conversationId: waiting.id,
          position,
          ...(wait === undefined ? {} : { etaSeconds: wait * position }),
        });
      }
    },
    queuePosition(conversation) {
      if (conversation.status !== 'queued') return undefined;
      let position = 1;
      for (const other of conversations.values()) {
        if (other === conversation) return position;
        if (other.status === 'queued') position++;
      }
      return undefined;
    },
    closeConn(conn, reason) {
      if (!conn.open) return;
      conn.open = false;
      clearTimeout(conn.heartbeat);
      core.connections.delete(conn);
      conn.session?.connections.delete(conn);
      conn.peer.close(reason);
    },
    later(ms, run) {
      const timer = setTimeout(() => {
        core.timers.delete(timer);
        run();
      }, ms);
      core.timers.add(timer);
    },
  };
  return core;
}

/** The seq of a conversation's newest event (0 when empty). */
export { lastSeq };
