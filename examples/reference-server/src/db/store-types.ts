/**
 * What the reference server's store is, apart from how it keeps it: the rows and inputs it deals in, and
 * the {@link Store} interface every part of the server uses. The SQLite implementation is store.ts.
 */
import type { AgentStats } from '@clavard/agent-api';
import type { Consent, ConversationEvent, RatingSubmit } from '@clavard/protocol';
import type { AccountStore } from './account-store.js';
import type { ArchiveStore } from './archive-store.js';
import type { InboxStore } from './inbox-store.js';
import type { PrechatStore } from './prechat-store.js';
import type { AckRow, AgentRow, ConversationRow, FormRow, VisitorRow } from './rows.js';

/** A conversation event before the store gives it its place (`seq`) and time (`at`). */
export type EventInput = ConversationEvent extends infer E
  ? E extends ConversationEvent
    ? Omit<E, 'conversationId' | 'seq' | 'at'>
    : never
  : never;

/** A visitor message to store once per (conversation, clientId). */
export interface MessageInput {
  conversationId: string;
  clientId: string;
  contentHash: string;
  event: EventInput & { type: 'message' };
}

/**
 * Where a visitor is, as their latest hello said: the page (without query or fragment) and its title,
 * and their time zone.
 *
 * @example
 * ```ts
 * const context: VisitorContext = { page: { url: 'https://shop.example/plans', title: 'Plans' }, timeZone: 'America/Toronto' };
 * ```
 */
export interface VisitorContext {
  page?: { url: string; title?: string };
  timeZone?: string;
}

/** The customer a visitor was identified as, from a verified identity token. */
export interface VisitorIdentity {
  userId: string;
  name?: string;
  email?: string;
}

/**
 * What the visitor said of themselves in the pre-chat form: shown to agents as given, not verified.
 *
 * @example
 * ```ts
 * const given: GivenContact = { name: 'Ana', email: 'ana@example.com' };
 * ```
 */
export interface GivenContact {
  name?: string;
  email?: string;
}

/**
 * A {@link GivenContact} from two nullable columns, or undefined when both are empty.
 *
 * @example
 * ```ts
 * givenContact('Ana', null); // { name: 'Ana' }
 * ```
 */
export function givenContact(name: string | null, email: string | null): GivenContact | undefined {
  if (name === null && email === null) return undefined;
  return { ...(name === null ? {} : { name }), ...(email === null ? {} : { email }) };
}

/** A queued conversation as the agents' queue shows it. */
export interface QueueRow {
  id: string;
  visitor_id: string;
  topic: string | null;
  created_at: number;
  preview: string | null;
  /** The email left in an accepted leave-a-message form, when nobody was available. */
  contact_email: string | null;
  /** The name the visitor gave in an accepted pre-chat form. */
  given_name: string | null;
  /** The email the visitor gave in an accepted pre-chat form. */
  given_email: string | null;
}

/**
 * The reference server's database: every read and write it makes, as prepared statements, with the
 * writes that must go together in transactions. Synchronous (better-sqlite3): one statement at a time
 * on Node's single thread, so seq allocation cannot interleave.
 *
 * @example
 * ```ts
 * const store = openStore({ path: ':memory:' });
 * const visitor = store.createVisitor(hashToken(token), 'en');
 * ```
 */
export interface Store extends AccountStore, InboxStore, ArchiveStore, PrechatStore {
  /** The database's epoch: made once with the file; a restored or new file has another. */
  readonly epoch: string;
  createVisitor(tokenHash: string, locale: string): VisitorRow;
  visitorByTokenHash(tokenHash: string): VisitorRow | undefined;
  visitor(visitorId: string): VisitorRow | undefined;
  /** Bind the visitor to the customer a verified identity token named. */
  identify(visitorId: string, identity: VisitorIdentity): void;
  /** The customer the visitor was identified as, if any. */
  identityOf(visitorId: string): VisitorIdentity | undefined;
  touchVisitor(visitorId: string): void;
  /** Where the visitor is, from their latest hello: the page and their time zone. */
  setVisitorContext(visitorId: string, context: VisitorContext): void;
  visitorContext(visitorId: string): VisitorContext;
  /** The session token stops working; the data stays. */
  endVisitorSession(visitorId: string): void;
  /**
   * Erase the visitor and everything of theirs; returns their conversations that agents held, as they
   * were, so the agents can be told.
   */
  forgetVisitor(visitorId: string): ConversationRow[];
  agent(agentId: string): AgentRow | undefined;
  /** The topics the agent handles, as stored (none: every topic). */
  agentTopics(agentId: string): string[];
  /** Replace the topics the agent handles. */
  setAgentTopics(agentId: string, topics: readonly string[]): void;
  conversation(conversationId: string): ConversationRow | undefined;
  /** The visitor's newest conversation. */
  currentConversation(visitorId: string): ConversationRow | undefined;
  createConversation(visitorId: string, topic: string | undefined): ConversationRow;
  /** The topic chosen in the pre-chat form. */
  setTopic(conversationId: string, topic: string): void;
  queued(): QueueRow[];
  /** One conversation's row of the queue, undefined when it is not waiting in it. */
  queuedOne(conversationId: string): QueueRow | undefined;
  activeOf(agentId: string): ConversationRow[];
  /** Gives the event the next seq of its conversation and stores it, atomically. */
  append(conversationId: string, input: EventInput): ConversationEvent;
  /** Events with seq > `afterSeq`, in seq order, at most `limit`. */
  events(conversationId: string, afterSeq: number, limit: number): ConversationEvent[];
  /** The newest events with seq < `beforeSeq`, at most `limit`, newest first. */
  eventsBefore(conversationId: string, beforeSeq: number, limit: number): ConversationEvent[];
  /** Whether an agent has written in the conversation (the greeting went out). */
  agentHasWritten(conversationId: string): boolean;
  /** The ack of `clientId` in any conversation of the visitor. */
  ackOf(visitorId: string, clientId: string): AckRow | undefined;
  /** The ack of `clientId` in one conversation. */
  ackIn(conversationId: string, clientId: string): AckRow | undefined;
  /** Stores the message and its ack together; returns both. */
  storeMessage(input: MessageInput): { event: ConversationEvent; ack: AckRow };
  /** The agent takes the conversation: `active`, `agent.joined`. */
  assign(conversationId: string, agentId: string, joined: EventInput): ConversationEvent;
  /** Hands the conversation to another agent: a transfer row (with the note for them) and `agent.transferred`. */
  transfer(
    conversationId: string,
    handover: { from: string | null; to: string; note?: string },
    event: EventInput,
  ): ConversationEvent;
  /** The note of the latest transfer of the conversation, for the agent it was handed to. */
  transferNote(conversationId: string): { fromAgentId: string | null; note: string; at: number } | undefined;
  /**
   * Puts the conversation back in the queue (its agent left): `queued`, nobody in charge, its place kept
   * (the queue is in order of creation), with `agent.left`.
   */
  requeue(conversationId: string, left: EventInput): ConversationEvent;
  /**
   * An agent's answer to a left message: the message (with its ack) and the end of the conversation, in
   * one transaction.
   */
  reply(
    input: MessageInput,
    ended: EventInput,
  ): { event: ConversationEvent; ack: AckRow; ended: ConversationEvent };
  /** Ends the conversation with its `conversation.ended` event. */
  end(conversationId: string, event: EventInput): ConversationEvent;
  setReadSeq(conversationId: string, by: 'visitor' | 'agent', upToSeq: number): void;
  requestForm(conversationId: string, event: EventInput & { type: 'form.request' }): ConversationEvent;
  /** The form `formId` asked in one of the visitor's conversations, newest first. */
  formOf(visitorId: string, formId: string): FormRow | undefined;
  submitForm(
    form: FormRow,
    outcome: { status: 'accepted' | 'rejected'; verified?: boolean; redactedValues: Record<string, string> },
    event: EventInput,
  ): ConversationEvent;
  rate(conversationId: string, rating: Omit<RatingSubmit, 'type' | 'conversationId'>): void;
  /** Keep the consent that came with the message starting a conversation. */
  recordConsent(conversationId: string, consent: Consent): void;
  consentOf(conversationId: string): Consent | undefined;
  /** The name and email the visitor gave in the pre-chat form (not verified), if any. */
  givenOf(conversationId: string): GivenContact | undefined;
  /** The measures of the conversations an agent ended (held last), since the database began. */
  agentStats(agentId: string): AgentStats;
  /** The average handling time (agent joined → ended) of the last `count` answered conversations, in ms. */
  recentHandlingMs(count: number): number | undefined;
  /** The visitor's rating of a conversation, once given. */
  ratingOf(conversationId: string): Omit<RatingSubmit, 'type' | 'conversationId'> | undefined;
  /**
   * Runs `work` in a transaction (in a savepoint when one is open): its writes go together or not at all.
   * Group commit writes many visitors' messages in one (see src/chat/group-commit.ts).
   */
  atomically(work: () => void): void;
  /** Runs `work` in a savepoint of the open transaction; throws when none is open (it was rolled back). */
  inSavepoint(work: () => void): void;
  /**
   * As {@link Store.atomically}, but the COMMIT does not wait for the disk: nothing of `work` may be told
   * to anyone before {@link Store.sync} has called back. Group commit's transactions (src/db/wal-sync.ts).
   */
  atomicallyUnsynced(work: () => void): void;
  /**
   * Calls `done` once every transaction committed so far is on the disk (flushed off the event loop), or
   * with the error that stopped it.
   */
  sync(done: (error?: Error) => void): void;
  /** Close the database. */
  close(): void;
}
