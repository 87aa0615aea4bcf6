/**
 * The agent API, server → agent: what the reference server says to the agent console over `/agent/ws`.
 * Conversation events inside them are the visitor protocol's own (`ConversationEvent`).
 */
import type {
  AgentInfo,
  Consent,
  ConversationEvent,
  ConversationStatus,
  ServerError,
  ServerPing,
  SessionReconnect,
  Timestamp,
} from '@clavard/protocol';
import type { Phrase } from './chat/house-rules.js';
import type { AgentStats } from './db/store.js';

/**
 * A conversation waiting for an agent.
 *
 * @example
 * ```ts
 * ({ conversationId: 'c1', waitingSince: '2026-11-23T09:41:00.000Z', waitSeconds: 42, preview: 'My invoice is wrong' });
 * ```
 */
export interface QueueEntry {
  conversationId: string;
  waitingSince: Timestamp;
  /** Seconds waited when the frame was sent; count on from `waitingSince`. */
  waitSeconds: number;
  topic?: string;
  /** The start of the visitor's first message. */
  preview?: string;
  /**
   * The email the visitor left to be answered by, when they wrote while nobody was available (the
   * leave-a-message form).
   */
  contactEmail?: string;
  /** Who the visitor is, when a verified identity token said so. */
  visitor?: { userId: string; name?: string; email?: string };
  /** The name and email the visitor typed in the pre-chat form: given, not verified. */
  given?: { name?: string; email?: string };
}

/**
 * A message left while nobody was available, waiting in the agents' inbox (outside the live queue).
 *
 * @example
 * ```ts
 * ({ conversationId: 'c1', leftAt, contactEmail: 'ana@example.com', locale: 'fr-CA', messages: [{ seq: 1, at, text: 'Mon modem…' }] });
 * ```
 */
export interface InboxEntry {
  conversationId: string;
  /** When the visitor started writing. */
  createdAt: Timestamp;
  /** When they left their email (the conversation went to the inbox). */
  leftAt: Timestamp;
  topic?: string;
  /** The visitor's language: answer in it. */
  locale?: string;
  /** The email to answer by. */
  contactEmail?: string;
  given?: { name?: string; email?: string };
  visitor?: { userId: string; name?: string; email?: string };
  /** What the visitor wrote, oldest first (within a byte budget). */
  messages: { seq: number; at: Timestamp; text: string }[];
}

/**
 * An ended conversation in the archive, or a visitor's earlier one.
 *
 * @example
 * ```ts
 * ({ conversationId: 'c0', createdAt, endedAt, agent: 'Julie', name: 'Ana', email: 'ana@example.com', snippet: 'My invoice…' });
 * ```
 */
export interface ArchiveEntry {
  conversationId: string;
  createdAt: Timestamp;
  endedAt?: Timestamp;
  /** The first name of the agent who held it last. */
  agent?: string;
  /** The visitor's name and email: the organisation's identity, else what they gave in a form. */
  name?: string;
  email?: string;
  topic?: string;
  /** The words that matched, or the visitor's first message. */
  snippet?: string;
  rating?: { score?: number; solved?: boolean };
}

/**
 * One line of the team report: an agent's conversations ended on one day.
 *
 * @example
 * ```ts
 * ({ day: '2026-12-04', agentId: 'a1', firstName: 'Julie', conversations: 12, firstResponseMs: 41000, handlingMs: 380000, surveyed: 9, firstContact: 7, rated: 9, rating: 4.6 });
 * ```
 */
export interface ReportLine {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  day: string;
  agentId: string;
  firstName: string;
  conversations: number;
  firstResponseMs: number | null;
  handlingMs: number | null;
  /** Survey answers to "Was your problem solved?". */
  surveyed: number;
  /** Of those, solved without a transfer. */
  firstContact: number;
  rated: number;
  rating: number | null;
}

/**
 * A conversation the agent holds, with its history.
 *
 * @example
 * ```ts
 * ({ id: 'c1', status: 'active', epoch: 'e1', lastSeq: 3, createdAt, visitorReadSeq: 2, events: [] });
 * ```
 */
export interface AgentConversation {
  id: string;
  status: ConversationStatus;
  epoch: string;
  lastSeq: number;
  topic?: string;
  createdAt: Timestamp;
  /** When an agent first joined: the end of the wait. */
  answeredAt?: Timestamp;
  /** The highest seq the visitor has read. */
  visitorReadSeq: number;
  agent?: AgentInfo;
  /** The visitor's answer to the end-of-conversation survey, once given. */
  rating?: { solved?: boolean; score?: number; note?: string };
  /** The consent the visitor gave before writing, when the site asks for one. */
  consent?: Consent;
  /** Who the visitor is, when a verified identity token said so; absent for an anonymous visitor. */
  visitor?: { userId: string; name?: string; email?: string };
  /** The name and email the visitor typed in the pre-chat form: given, not verified. */
  given?: { name?: string; email?: string };
  /** The visitor's language (their widget's locale). */
  locale?: string;
  /** The page the visitor is on (as of their latest hello) and their time zone. */
  page?: { url: string; title?: string };
  timeZone?: string;
  /** An agent has answered in it already: the greeting went out, so none is offered again. */
  greeted: boolean;
  /** The note of the colleague who handed it over, for the agent now in charge (never the visitor's). */
  transferNote?: { from?: AgentInfo; note: string; at: Timestamp };
  /** The visitor's earlier conversations (same browser or same identified customer), newest first. */
  earlier: ArchiveEntry[];
  /** The newest events, oldest first, within a byte budget; ask `agent.history` with `beforeSeq` for more. */
  events: ConversationEvent[];
  /** Older events exist than those in `events`. */
  hasMore: boolean;
}

/**
 * How conversations reach you: the organisation's topics (those of the pre-chat form) and the ones you
 * handle (none: every topic). A conversation goes to the signed-in agents who handle its topic, or to
 * every signed-in agent when none does.
 *
 * @example
 * ```ts
 * ({ topics: ['Plans', 'Billing', 'Technical support'], mine: ['Billing'] });
 * ```
 */
export interface AgentRouting {
  topics: string[];
  mine: string[];
}

/**
 * The answer to `agent.hello`: who you are, who else is signed in, your queue and your conversations.
 * Built within a byte budget: conversations that do not fit follow at once, each in `agent.conversation`.
 */
export interface AgentWelcome {
  type: 'agent.welcome';
  agent: AgentInfo;
  role: 'agent' | 'admin';
  agents: AgentInfo[];
  /** The conversations routed to you, oldest first, as many as fit (see `queueTotal`). */
  queue: QueueEntry[];
  /** How many conversations are routed to you in all. */
  queueTotal: number;
  routing: AgentRouting;
  /** Left messages waiting for an answer, oldest first, as many as fit (see `inboxTotal`). */
  inbox: InboxEntry[];
  inboxTotal: number;
  /** The organisation's rules, which the server enforces. */
  rules: { requireGreeting: boolean; requireClosing: boolean };
  /** The organisation's phrase library, every language. */
  phrases: Phrase[];
  conversations: AgentConversation[];
  heartbeatMs: number;
  /** Your measures over the conversations you ended, kept by the server. */
  stats: AgentStats;
}

/**
 * Your measures changed (a conversation you held ended, or its visitor answered the survey).
 *
 * @example
 * ```ts
 * ({ type: 'agent.stats', stats: { conversations: 12, waitMs: 41000, firstResponseMs: 52000, handlingMs: 380000, surveyed: 9, firstContact: 7, rated: 9, rating: 4.6 } });
 * ```
 */
export interface AgentStatsFrame {
  type: 'agent.stats';
  stats: AgentStats;
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

/**
 * Your topics changed (the answer to `agent.topics`, to each of your connections).
 *
 * @example
 * ```ts
 * ({ type: 'agent.routing', topics: ['Billing', 'Technical support'], mine: ['Billing'] });
 * ```
 */
export interface AgentRoutingUpdate extends AgentRouting {
  type: 'agent.routing';
}

/** Your queue changed: the conversations routed to you, as many as fit, and how many there are. */
export interface AgentQueueUpdate {
  type: 'agent.queue';
  queue: QueueEntry[];
  total: number;
}

/** The inbox of left messages changed (a new one, one answered, one back in the queue). */
export interface AgentInboxUpdate {
  type: 'agent.inbox';
  inbox: InboxEntry[];
  total: number;
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
 * An agent account as admins see it (never its password).
 *
 * @example
 * ```ts
 * ({ id: 'a1', login: 'julie', firstName: 'Julie', title: 'Customer care', role: 'admin' });
 * ```
 */
export interface AccountInfo {
  id: string;
  login: string;
  firstName: string;
  title?: string;
  role: 'agent' | 'admin';
}

/** The answer to `agent.accounts`: every account, by first name; `created` names the one just made. */
export interface AgentAccounts {
  type: 'agent.accounts';
  accounts: AccountInfo[];
  created?: string;
}

/** The answer to `agent.search`. */
export interface AgentArchive {
  type: 'agent.archive';
  query: string;
  results: ArchiveEntry[];
}

/** The answer to `agent.report`: the lines between `from` and `to`. */
export interface AgentReport {
  type: 'agent.report';
  from: Timestamp;
  to: Timestamp;
  lines: ReportLine[];
}

/** The signed-in agents changed (transfer targets). */
export interface AgentListUpdate {
  type: 'agent.agents';
  agents: AgentInfo[];
}

/** A conversation is now yours (taken, or transferred to you), with its history. */
export interface AgentConversationFrame {
  type: 'agent.conversation';
  conversation: AgentConversation;
}

/** A new event in a conversation you hold (or just handed over). */
export interface AgentEventFrame {
  type: 'agent.event';
  event: ConversationEvent;
}

/** Your message is stored: its id and seq (the same for every resend of its clientId). */
export interface AgentAck {
  type: 'agent.ack';
  conversationId: string;
  clientId: string;
  id: string;
  seq: number;
  at: Timestamp;
  duplicate?: boolean;
}

/** The visitor started or stopped typing. */
export interface AgentVisitorTyping {
  type: 'agent.typing';
  conversationId: string;
  active: boolean;
}

/** The visitor has read up to `upToSeq`. */
export interface AgentVisitorRead {
  type: 'agent.read';
  conversationId: string;
  upToSeq: number;
}

/** The visitor rated the conversation. */
export interface AgentRating {
  type: 'agent.rating';
  conversationId: string;
  solved?: boolean;
  score?: number;
  note?: string;
}

/** The answer to `agent.history`: the events oldest first; `hasMore` in the direction asked. */
export interface AgentHistory {
  type: 'agent.history';
  conversationId: string;
  afterSeq?: number;
  beforeSeq?: number;
  events: ConversationEvent[];
  hasMore: boolean;
}

/**
 * Every frame the server sends an agent console. `error`, `ping`, `pong` and `session.reconnect` (sent before a
 * graceful shutdown) are the visitor protocol's.
 */
export type AgentServerFrame =
  | AgentWelcome
  | AgentQueueUpdate
  | AgentInboxUpdate
  | AgentMailed
  | AgentArchive
  | AgentReport
  | AgentVisitorUpdate
  | AgentAccounts
  | AgentListUpdate
  | AgentConversationFrame
  | AgentEventFrame
  | AgentAck
  | AgentVisitorTyping
  | AgentVisitorRead
  | AgentRating
  | AgentStatsFrame
  | AgentRemoved
  | AgentRoutingUpdate
  | AgentHistory
  | ServerError
  | ServerPing
  | SessionReconnect;
