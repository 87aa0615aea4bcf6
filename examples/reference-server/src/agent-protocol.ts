/**
 * The agent API's frames: what the agent console and the reference server say to each other over
 * `/agent/ws`. JSON text, one frame per WebSocket message, like the visitor protocol; conversation
 * events inside them are the visitor protocol's own (`ConversationEvent`).
 */
import {
  type AgentInfo,
  ChatError,
  type Consent,
  type ConversationEvent,
  type ConversationStatus,
  type FormField,
  type FormKind,
  MAX_FRAME_BYTES,
  MAX_SHORT_LENGTH,
  MAX_TEXT_LENGTH,
  type MessageContent,
  type ParseResult,
  parseServerFrame,
  type ServerError,
  type ServerPing,
  type SessionReconnect,
  type Timestamp,
} from '@clavard/protocol';
import type { Phrase } from './chat/house-rules.js';
import { isVerificationCheck, VERIFICATION_CHECKS, type VerificationCheck } from './chat/verification.js';
import type { AgentStats } from './db/store.js';

//#region agent → server

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
 * ```
 */
export interface AgentMessage {
  type: 'agent.message';
  conversationId: string;
  clientId: string;
  content: MessageContent;
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
    role: 'agent' | 'admin';
    password: string;
  };
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

/** A keep-alive probe or the answer to the server's ping. */
export interface AgentPing {
  type: 'ping' | 'pong';
  id?: string;
}

/** Every frame an agent console may send, discriminated on `type`. */
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
  | AgentPing;

//#endregion

//#region server → agent

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

//#endregion

//#region validation

type Fields = Record<string, unknown>;

class Invalid extends Error {}

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (value: Fields, key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);

const str = (value: Fields, key: string, max = MAX_SHORT_LENGTH): string => {
  const field = own(value, key);
  if (typeof field !== 'string' || field.length === 0) throw new Invalid(`${key} must be a non-empty string`);
  if (field.length > max) throw new Invalid(`${key} is too long`);
  return field;
};

const optStr = (value: Fields, key: string, max = MAX_SHORT_LENGTH): string | undefined =>
  own(value, key) === undefined || own(value, key) === null ? undefined : str(value, key, max);

const seqOf = (value: Fields, key: string): number => {
  const field = own(value, key);
  if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < 0) {
    throw new Invalid(`${key} must be an integer ≥ 0`);
  }
  return field;
};

const EPOCH_AT = '1970-01-01T00:00:00.000Z';

/** Checks a message content or a form with the visitor protocol's own parser, as a server frame. */
const viaServerParser = (frame: Fields): Fields => {
  const result = parseServerFrame({ ...frame, conversationId: 'check', seq: 1, at: EPOCH_AT });
  if (!result.ok) {
    throw result.ignored ? new Invalid('unknown content') : result.error;
  }
  return result.value as unknown as Fields;
};

const contentOf = (value: Fields): MessageContent => {
  const text = own(value, 'text');
  const content = own(value, 'content') ?? (typeof text === 'string' ? { kind: 'text', text } : undefined);
  if (!isRecord(content)) throw new Invalid('content is missing');
  const checked = viaServerParser({ type: 'message', id: 'check', author: { role: 'system' }, content });
  return checked.content as MessageContent;
};

/** Longest transfer note. */
const MAX_NOTE_LENGTH = 2000;

/** Most topics in one list: far more than a pre-chat form offers. */
const MAX_TOPICS = 100;

/**
 * Checks a list of topics (an agent's, at sign-in or in `agent.topics`): strings, each one of `known` when
 * given; duplicates dropped, in `known`'s order. The error names the first unknown topic.
 *
 * @example
 * ```ts
 * parseTopics(['Billing'], ['Plans', 'Billing']); // { ok: true, value: ['Billing'] }
 * parseTopics(['Refunds'], ['Plans', 'Billing']); // { ok: false, error: 'unknown topic Refunds' }
 * ```
 */
export function parseTopics(
  value: unknown,
  known?: readonly string[],
): { ok: true; value: string[] } | { ok: false; error: string } {
  if (!Array.isArray(value) || value.length > MAX_TOPICS) {
    return { ok: false, error: `topics must be a list of at most ${MAX_TOPICS} topics` };
  }
  for (const topic of value) {
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_SHORT_LENGTH) {
      return { ok: false, error: 'each topic must be a non-empty string' };
    }
    if (known !== undefined && !known.includes(topic)) return { ok: false, error: `unknown topic ${topic}` };
  }
  const given = new Set(value as string[]);
  return { ok: true, value: known === undefined ? [...given] : known.filter((topic) => given.has(topic)) };
}

/**
 * Options of {@link parseAgentFrame}.
 *
 * @example
 * ```ts
 * parseAgentFrame(text, { topics: ['Billing', 'Technical support'] });
 * ```
 */
export interface AgentFrameOptions {
  /** The organisation's topics: `agent.topics` may name only these. @default any topic */
  topics?: readonly string[];
}

const parsers: {
  [T in AgentClientFrame['type']]: (
    value: Fields,
    options: AgentFrameOptions,
  ) => AgentClientFrame & { type: T };
} = {
  'agent.hello': (v) => ({ type: 'agent.hello', token: str(v, 'token', 8192) }),
  'agent.take': (v) => ({ type: 'agent.take', conversationId: str(v, 'conversationId') }),
  'agent.message': (v) => ({
    type: 'agent.message',
    conversationId: str(v, 'conversationId'),
    clientId: str(v, 'clientId'),
    content: contentOf(v),
  }),
  'agent.typing': (v) => {
    const active = own(v, 'active');
    if (typeof active !== 'boolean') throw new Invalid('active must be a boolean');
    return { type: 'agent.typing', conversationId: str(v, 'conversationId'), active };
  },
  'agent.read': (v) => ({
    type: 'agent.read',
    conversationId: str(v, 'conversationId'),
    upToSeq: seqOf(v, 'upToSeq'),
  }),
  'agent.transfer': (v) => {
    const note = own(v, 'note');
    if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH)) {
      throw new Invalid(`note must be text of at most ${MAX_NOTE_LENGTH} characters`);
    }
    return {
      type: 'agent.transfer',
      conversationId: str(v, 'conversationId'),
      toAgentId: str(v, 'toAgentId'),
      ...(typeof note === 'string' && note.trim() !== '' ? { note: note.trim() } : {}),
    };
  },
  'agent.form': (v) => {
    const formId = optStr(v, 'formId');
    const checked = viaServerParser({
      type: 'form.request',
      formId: formId ?? 'check',
      kind: own(v, 'kind'),
      fields: own(v, 'fields'),
      title: own(v, 'title'),
      reason: own(v, 'reason'),
    });
    const title = checked.title;
    const reason = checked.reason;
    return {
      type: 'agent.form',
      conversationId: str(v, 'conversationId'),
      ...(formId === undefined ? {} : { formId }),
      kind: checked.kind as FormKind,
      fields: checked.fields as FormField[],
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  },
  'agent.verify': (v) => {
    const checks = own(v, 'checks');
    if (!Array.isArray(checks) || checks.length === 0 || !checks.every(isVerificationCheck)) {
      throw new Invalid(`checks must list one or more of ${VERIFICATION_CHECKS.join(', ')}`);
    }
    return { type: 'agent.verify', conversationId: str(v, 'conversationId'), checks: [...new Set(checks)] };
  },
  'agent.end': (v) => {
    const closing = own(v, 'closing');
    if (closing !== undefined && (typeof closing !== 'string' || closing.length > MAX_TEXT_LENGTH)) {
      throw new Invalid(`closing must be text of at most ${MAX_TEXT_LENGTH} characters`);
    }
    return {
      type: 'agent.end',
      conversationId: str(v, 'conversationId'),
      ...(typeof closing === 'string' ? { closing } : {}),
    };
  },
  'agent.history': (v) => {
    const limit = own(v, 'limit');
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1)) {
      throw new Invalid('limit must be an integer ≥ 1');
    }
    const before = own(v, 'beforeSeq') === undefined ? undefined : seqOf(v, 'beforeSeq');
    return {
      type: 'agent.history',
      conversationId: str(v, 'conversationId'),
      ...(before === undefined ? { afterSeq: seqOf(v, 'afterSeq') } : { beforeSeq: before }),
      ...(limit === undefined ? {} : { limit }),
    };
  },
  'agent.signout': () => ({ type: 'agent.signout' }),
  'agent.search': (v) => {
    const query = own(v, 'query') ?? '';
    if (typeof query !== 'string' || query.length > MAX_SHORT_LENGTH)
      throw new Invalid('query must be short text');
    return { type: 'agent.search', query };
  },
  'agent.accounts': (v) => {
    const create = own(v, 'create');
    if (create === undefined) return { type: 'agent.accounts' };
    if (!isRecord(create)) throw new Invalid('create must be an object');
    const role = own(create, 'role') ?? 'agent';
    if (role !== 'agent' && role !== 'admin') throw new Invalid('role must be agent or admin');
    const title = optStr(create, 'title', 120);
    return {
      type: 'agent.accounts',
      create: {
        login: str(create, 'login', 64),
        firstName: str(create, 'firstName', 64),
        ...(title === undefined ? {} : { title }),
        role,
        password: str(create, 'password', 256),
      },
    };
  },
  'agent.open': (v) => ({ type: 'agent.open', conversationId: str(v, 'conversationId') }),
  'agent.report': (v) => {
    const days = own(v, 'days') ?? 7;
    if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > 366) {
      throw new Invalid('days must be an integer from 1 to 366');
    }
    return { type: 'agent.report', days };
  },
  'agent.reply': (v) => {
    const text = str(v, 'text', MAX_TEXT_LENGTH);
    if (text.trim() === '') throw new Invalid('text must not be blank');
    return {
      type: 'agent.reply',
      conversationId: str(v, 'conversationId'),
      clientId: str(v, 'clientId'),
      text: text.trim(),
    };
  },
  'agent.topics': (v, options) => {
    const topics = parseTopics(own(v, 'topics'), options.topics);
    if (!topics.ok) throw new Invalid(topics.error);
    return { type: 'agent.topics', topics: topics.value };
  },
  ping: (v) => {
    const id = optStr(v, 'id');
    return id === undefined ? { type: 'ping' } : { type: 'ping', id };
  },
  pong: (v) => {
    const id = optStr(v, 'id');
    return id === undefined ? { type: 'pong' } : { type: 'pong', id };
  },
};

/**
 * Validates a frame from an agent console: JSON text or a decoded value. Never throws. Same contract as
 * `parseClientFrame`: a fresh object of known fields, `ignored` for an unknown type, `invalid-frame`,
 * `frame-too-large` or `text-too-long` otherwise. Message contents and forms are checked by the visitor
 * protocol's own parser, so an agent cannot send what a widget would refuse; `agent.topics` may name
 * only `options.topics` when given.
 *
 * @example
 * ```ts
 * const result = parseAgentFrame(text, { topics: ['Billing'] });
 * if (result.ok) handle(result.value);
 * ```
 */
export function parseAgentFrame(
  input: unknown,
  options: AgentFrameOptions = {},
): ParseResult<AgentClientFrame> {
  let type = 'frame';
  try {
    let value = input;
    if (typeof value === 'string') {
      if (Buffer.byteLength(value, 'utf8') > MAX_FRAME_BYTES) {
        return {
          ok: false,
          ignored: false,
          error: new ChatError('frame-too-large', 'frame is over 256 KiB'),
        };
      }
      value = JSON.parse(value);
    }
    if (!isRecord(value) || typeof own(value, 'type') !== 'string') throw new Invalid('type is missing');
    type = String(own(value, 'type'));
    if (!Object.hasOwn(parsers, type)) return { ok: false, ignored: true, type };
    const parse = parsers[type as AgentClientFrame['type']] as (
      v: Fields,
      options: AgentFrameOptions,
    ) => AgentClientFrame;
    return { ok: true, value: parse(value, options) };
  } catch (thrown) {
    const error = ChatError.isInstance(thrown)
      ? new ChatError(thrown.code, `${type}: ${thrown.message}`, { retryable: false })
      : new ChatError(
          'invalid-frame',
          `${type}: ${thrown instanceof Error ? thrown.message : 'is invalid'}`,
          {
            retryable: false,
          },
        );
    return { ok: false, ignored: false, error };
  }
}

//#endregion
