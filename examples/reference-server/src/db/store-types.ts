/**
 * What the reference server's store is, apart from how it keeps it: the rows and inputs it deals in, and
 * the {@link Store} interface every part of the server uses. The SQLite implementation is store.ts.
 */
import type { AgentStats } from '@clavard/agent-api';
import type { Consent, ConversationEvent, RatingSubmit } from '@clavard/protocol';
import type { FileStorage } from '../files/file-storage.js';
import type { AccountStore } from './account-store.js';
import type { ArchiveStore } from './archive-store.js';
import type { AttachmentStore } from './attachment-store.js';
import type { HandoffStore } from './handoff-store.js';
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
  /** The customer the visitor was identified as (a verified identity token), if any. */
  identity_user_id: string | null;
  identity_name: string | null;
  identity_email: string | null;
  /** The advisor a handoff link named, who is held the conversation for a while (see `heldAdvisor`). */
  advisor_id: string | null;
  /** When that link was opened (ms): the advisor's hold counts from then. */
  advisor_since: number | null;
}

/**
 * A store's operations with the answer each gives, as the SQLite implementation computes them on the spot.
 * The server sees them through {@link Store}, where each answers with a promise.
 */
export interface StoreOperations
  extends AccountStore,
    InboxStore,
    ArchiveStore,
    PrechatStore,
    AttachmentStore,
    HandoffStore {
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
  /** A new queued conversation; `priority` above 0 puts it ahead of the others in the queue. */
  createConversation(visitorId: string, topic: string | undefined, priority?: number): ConversationRow;
  /** The topic chosen in the pre-chat form. */
  setTopic(conversationId: string, topic: string): void;
  /** The queue: higher priority first, then in order of creation. */
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
  /**
   * The agent takes the conversation if it is still queued: `active`, `agent.joined`. Undefined when it
   * was not queued any more (another agent, maybe on another node, took it first).
   */
  assign(conversationId: string, agentId: string, joined: EventInput): ConversationEvent | undefined;
  /**
   * Hands the conversation to another agent: a transfer row (with the note for them) and
   * `agent.transferred`. Undefined when `from` no longer holds it under way (it ended, or was handed back).
   */
  transfer(
    conversationId: string,
    handover: { from: string | null; to: string; note?: string },
    event: EventInput,
  ): ConversationEvent | undefined;
  /** The note of the latest transfer of the conversation, for the agent it was handed to. */
  transferNote(conversationId: string): { fromAgentId: string | null; note: string; at: number } | undefined;
  /**
   * Puts the conversation back in the queue (its agent left): `queued`, nobody in charge, its place kept
   * (the queue is in order of creation), with `agent.left`. Only from `agentId`: undefined when it is not
   * theirs under way any more (another node handed it back first, another agent took it since, it ended).
   */
  requeue(conversationId: string, agentId: string, left: EventInput): ConversationEvent | undefined;
  /**
   * An agent's answer to a left message: the message (with its ack) and the end of the conversation, in
   * one transaction.
   */
  reply(
    input: MessageInput,
    ended: EventInput,
  ): { event: ConversationEvent; ack: AckRow; ended: ConversationEvent };
  /**
   * Ends the conversation with its `conversation.ended` event; undefined when it had ended already (the
   * visitor and the agent ended it at once).
   */
  end(conversationId: string, event: EventInput): ConversationEvent | undefined;
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
}

/**
 * `T`'s methods, each answering with a promise of what it answered.
 *
 * @example
 * ```ts
 * type Reads = Async<{ visitor(id: string): VisitorRow | undefined }>; // visitor(id): Promise<VisitorRow | undefined>
 * ```
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/**
 * The reference server's database, whichever engine keeps it: SQLite in one file (src/db/store.ts, the
 * default) or Postgres shared by several nodes (src/db/postgres/store.ts). Every operation answers with a
 * promise. Writes that must go together run in {@link Store.atomically}; the guarantees the protocol
 * makes (seq numbered without gaps in the transaction of its event, a message stored once per clientId, a
 * queued conversation taken by one agent) hold on either, however many nodes write at once.
 *
 * @example
 * ```ts
 * const store = openStore({ path: ':memory:' });
 * const visitor = await store.createVisitor(hashToken(token), 'en');
 * ```
 */
export interface Store extends Async<StoreOperations> {
  /** The database's epoch: made once with it; a restored or new database has another. */
  readonly epoch: string;
  /** `'sqlite'` or `'postgres'`: what the server's README and its start-up line name. */
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `work` in a transaction (in a savepoint when it runs inside one): its writes go together or not
   * at all, and the operations it calls (and only those) see them before the commit. Other callers wait
   * for the commit (SQLite) or see the database as it was (Postgres).
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Within a transaction, makes writers of this visitor's conversations elsewhere (another node) wait
   * until it ends, so that two tabs writing first at once start one conversation, not two. Nothing on
   * SQLite, which has one writer.
   */
  claimVisitor(visitorId: string): Promise<void>;
  /** How group commit writes many visitors' messages together (src/chat/group-commit.ts). */
  readonly groups: GroupTransactions;
  /**
   * Files kept in the database itself, for a cluster whose nodes share nothing else (Postgres); none on
   * SQLite, whose server keeps them on its own disk.
   */
  fileStorage?(): FileStorage;
  /** Close the database (after the flush in flight, if any). */
  close(): Promise<void>;
}

/**
 * A group commit's access to the store: one transaction whose COMMIT may return before the disk has it,
 * a savepoint per message in it, and a flush that says when what was committed is durable.
 *
 * @example
 * ```ts
 * await store.groups.transaction(async () => {
 *   for (const item of group) await store.groups.savepoint(item.work);
 * });
 * store.groups.sync?.((error) => (error ? fail(error) : sendAcks()));
 * ```
 */
export interface GroupTransactions {
  /** Runs `work` in a transaction; its COMMIT may not wait for the disk when {@link sync} is there. */
  transaction(work: () => Promise<void>): Promise<void>;
  /**
   * Runs `work` in a savepoint of the open transaction: its writes are rolled back alone when it throws.
   * Throws when the transaction itself was rolled back (nothing more of the group may be written).
   */
  savepoint(work: () => Promise<void>): Promise<void>;
  /**
   * Calls `done` once every transaction committed so far is on the disk, or with the error that stopped
   * it. Absent when a COMMIT is durable when it returns (Postgres).
   */
  sync?(done: (error?: Error) => void): void;
  /**
   * How many groups may be written at once, each in a transaction of its own. 1 (the default) for SQLite,
   * which has one writer; more for Postgres, whose connections write side by side.
   */
  readonly parallel?: number;
}
