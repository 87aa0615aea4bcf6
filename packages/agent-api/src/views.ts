/**
 * The agent API's records: what the frames server → agent carry (a queue entry, a conversation with its
 * history, a line of the team report…). The frames themselves are in frames-out.ts.
 */
import type { AgentInfo, Consent, ConversationEvent, ConversationStatus, Timestamp } from '@clavard/protocol';
import type { HandoffCase } from './handoff-views.js';

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
 * ({ day: '2026-12-04', agentId: 'a1', firstName: 'Julie', conversations: 12, firstResponseMs: 41000, handlingMs: 380000, surveyed: 9, firstContact: 7, rated: 9, rating: 4.6, handoffs: 1, postToChatMs: 5400000, postToResolvedMs: 6100000 });
 * ```
 */
export interface ReportLine extends ConversationFigures {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  day: string;
  agentId: string;
  firstName: string;
  /** Of the conversations, those a handoff link started (a public post carried to the chat). */
  handoffs: number;
  /** Their average time from the public post to the customer in the chat (the link opened), in ms. */
  postToChatMs: number | null;
  /** Their average time from the public post to the conversation's end, in ms. */
  postToResolvedMs: number | null;
}

/**
 * The measures of a set of ended conversations, shared by {@link ReportLine} and {@link AgentStats}:
 * averages in ms (null with no conversation), survey answers, ratings.
 *
 * @example
 * ```ts
 * const figures: ConversationFigures = { conversations: 12, firstResponseMs: 52000, handlingMs: 380000, surveyed: 9, firstContact: 7, rated: 9, rating: 4.6 };
 * ```
 */
export interface ConversationFigures {
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
  /** The public post's case, when the conversation started from a handoff link: never the visitor's. */
  handoff?: HandoffCase;
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
  role: AgentRole;
}

/**
 * What an account may do in the console. An `agent` answers conversations; an `admin` too, and manages
 * the accounts, reads the team report and makes handoff links; a `community` manager answers in public
 * for the organisation: they make handoff links and follow them, and never take a conversation (they are
 * not in the routing, and may not open the archive).
 *
 * @example
 * ```ts
 * const role: AgentRole = 'community';
 * ```
 */
export type AgentRole = 'agent' | 'admin' | 'community';

/**
 * An agent's measures over the conversations they held last and that have ended: averages in ms (null
 * with no conversation), first-contact resolutions among the survey answers, and the average rating.
 *
 * @example
 * ```ts
 * const stats: AgentStats = { conversations: 12, waitMs: 41000, firstResponseMs: 52000, handlingMs: 380000, surveyed: 9, firstContact: 7, rated: 9, rating: 4.6 };
 * ```
 */
export interface AgentStats extends ConversationFigures {
  waitMs: number | null;
}
