/**
 * The agent API, server → agent: the frames the server sends an agent console over `/agent/ws`, and
 * `AgentServerFrame`, all of them. Those about one conversation are in frames-out-conversation.ts, the
 * records the frames carry (queue entries, conversations, report lines…) in views.ts.
 */
import type {
  AgentInfo,
  AttachmentLimits,
  ServerError,
  ServerPing,
  SessionReconnect,
  Timestamp,
} from '@clavard/protocol';
import type {
  AgentAck,
  AgentConversationFrame,
  AgentEventFrame,
  AgentHistory,
  AgentMailed,
  AgentRating,
  AgentRemoved,
  AgentVisitorRead,
  AgentVisitorTyping,
  AgentVisitorUpdate,
} from './frames-out-conversation.js';
import type { HandoffTracking } from './handoff-views.js';
import type { Phrase } from './phrases.js';
import type {
  AccountInfo,
  AgentConversation,
  AgentRole,
  AgentRouting,
  AgentStats,
  ArchiveEntry,
  InboxEntry,
  QueueEntry,
  ReportLine,
} from './views.js';

/**
 * The answer to `agent.hello`: who you are, who else is signed in, your queue and your conversations.
 * Built within a byte budget: conversations that do not fit follow at once, each in `agent.conversation`.
 *
 * @example
 * ```ts
 * if (frame.type === 'agent.welcome') show(frame.agent.firstName, frame.queue, frame.conversations);
 * ```
 */
export interface AgentWelcome {
  type: 'agent.welcome';
  agent: AgentInfo;
  role: AgentRole;
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
  /** The files you may send (the server's limits); absent: this server takes no files. */
  attachments?: AttachmentLimits;
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

/**
 * Your queue changed: the conversations routed to you, as many as fit, and how many there are.
 *
 * @example
 * ```ts
 * ({ type: 'agent.queue', queue: [{ conversationId: 'c1', waitingSince, waitSeconds: 42 }], total: 1 });
 * ```
 */
export interface AgentQueueUpdate {
  type: 'agent.queue';
  queue: QueueEntry[];
  total: number;
}

/**
 * The inbox of left messages changed (a new one, one answered, one back in the queue).
 *
 * @example
 * ```ts
 * ({ type: 'agent.inbox', inbox: [], total: 0 });
 * ```
 */
export interface AgentInboxUpdate {
  type: 'agent.inbox';
  inbox: InboxEntry[];
  total: number;
}

/**
 * The answer to `agent.accounts`: every account, by first name; `created` names the one just made.
 *
 * @example
 * ```ts
 * ({ type: 'agent.accounts', accounts: [{ id: 'a1', login: 'julie', firstName: 'Julie', role: 'admin' }] });
 * ```
 */
export interface AgentAccounts {
  type: 'agent.accounts';
  accounts: AccountInfo[];
  created?: string;
}

/**
 * The answer to `agent.handoffs` (community managers and admins): the newest handoffs first, as many as
 * fit a frame; `created` is the link just made, to copy into the public reply.
 *
 * @example
 * ```ts
 * ({ type: 'agent.handoffs', handoffs: [tracked], hasMore: false, advisors: [julie], created: { id: 'h_1', url: 'https://shop.example/?clavard=h_…', expiresAt } });
 * ```
 */
export interface AgentHandoffs {
  type: 'agent.handoffs';
  handoffs: HandoffTracking[];
  /** The accounts that answer chats, by first name: who a new handoff may name as its advisor. */
  advisors: AgentInfo[];
  /** Older handoffs exist than those listed. */
  hasMore: boolean;
  created?: { id: string; url: string; expiresAt: Timestamp };
}

/**
 * The answer to `agent.search`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.archive', query: 'invoice', results: [{ conversationId: 'c0', createdAt, snippet: 'My invoice…' }] });
 * ```
 */
export interface AgentArchive {
  type: 'agent.archive';
  query: string;
  results: ArchiveEntry[];
}

/**
 * The answer to `agent.report`: the lines between `from` and `to`.
 *
 * @example
 * ```ts
 * ({ type: 'agent.report', from: '2026-11-27T05:00:00.000Z', to: '2026-12-04T05:00:00.000Z', lines: [] });
 * ```
 */
export interface AgentReport {
  type: 'agent.report';
  from: Timestamp;
  to: Timestamp;
  lines: ReportLine[];
}

/**
 * The signed-in agents changed (transfer targets).
 *
 * @example
 * ```ts
 * ({ type: 'agent.agents', agents: [{ id: 'a2', firstName: 'Marc' }] });
 * ```
 */
export interface AgentListUpdate {
  type: 'agent.agents';
  agents: AgentInfo[];
}

/**
 * Every frame the server sends an agent console. `error`, `ping`, `pong` and `session.reconnect` (sent before a
 * graceful shutdown) are the visitor protocol's.
 *
 * @example
 * ```ts
 * const frame = JSON.parse(text) as AgentServerFrame; // the server's own frames: trusted, not parsed
 * ```
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
  | AgentHandoffs
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
