import { randomUUID } from 'node:crypto';
import type { AgentStats } from '@clavard/agent-api';
import type { Consent, ConversationEvent, FormField, FormKind, RatingSubmit } from '@clavard/protocol';
import Database from 'better-sqlite3';
import { type AccountStore, accountStore } from './account-store.js';
import { type ArchiveStore, archiveStore } from './archive-store.js';
import { atomic, inSavepoint } from './atomic.js';
import { type InboxStore, inboxStore } from './inbox-store.js';
import { type PrechatStore, prechatStore } from './prechat-store.js';
import type { AckRow, AgentRow, ConversationRow, FormRow, VisitorRow } from './rows.js';
import { migrate } from './schema.js';
import { searchableText, searchIndex } from './search-index.js';

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
 * The name and email of each conversation's latest accepted pre-chat form (empty answers as NULL), as a
 * sub-query. Only what the visitor typed: the server has not verified it.
 */
const GIVEN = `SELECT s.conversation_id,
    NULLIF(TRIM(json_extract(s.redacted_values, '$.name')), '') AS name,
    NULLIF(TRIM(json_extract(s.redacted_values, '$.email')), '') AS email
  FROM form_submissions s JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
  WHERE f.kind = 'prechat' AND s.status = 'accepted'
    AND s.at = (SELECT MAX(s2.at) FROM form_submissions s2 WHERE s2.conversation_id = s.conversation_id
                AND s2.form_id = s.form_id AND s2.status = 'accepted')`;

/** The queue's rows (see {@link Store.queued}), oldest first; `only` narrows it to one conversation. */
const queuedSql = (only: string): string =>
  `SELECT c.id, c.visitor_id, c.topic, c.created_at,
         (SELECT json_extract(e.payload, '$.content.text') FROM events e
           WHERE e.conversation_id = c.id AND e.type = 'message' ORDER BY e.seq LIMIT 1) AS preview,
         (SELECT json_extract(s.redacted_values, '$.email') FROM form_submissions s
           JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
           WHERE s.conversation_id = c.id AND f.kind = 'offline' AND s.status = 'accepted'
           ORDER BY s.at DESC LIMIT 1) AS contact_email,
         g.name AS given_name, g.email AS given_email
       FROM conversations c LEFT JOIN (${GIVEN}) g ON g.conversation_id = c.id
       WHERE c.status = 'queued' AND c.left_message_at IS NULL ${only} ORDER BY c.created_at, c.rowid`;

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
  /** Close the database. */
  close(): void;
}

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** A file path, or `:memory:`. */
  path: string;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Makes ids. @default crypto.randomUUID */
  createId?: () => string;
}

const toEvent = (conversationId: string, row: { seq: number; type: string; payload: string; at: number }) =>
  // The payload was written by `append` from a typed event: reading it back gives that event.
  ({
    ...(JSON.parse(row.payload) as object),
    type: row.type,
    conversationId,
    seq: row.seq,
    at: new Date(row.at).toISOString(),
  }) as ConversationEvent;

/**
 * Opens (and creates when needed) the reference server's SQLite database.
 *
 * @example
 * ```ts
 * const store = openStore({ path: process.env.CLAVARD_DB ?? './clavard.db' });
 * ```
 */
export function openStore(options: StoreOptions): Store {
  const now = options.now ?? Date.now;
  const createId = options.createId ?? randomUUID;
  const db = new Database(options.path);
  const epoch = migrate(db, createId);

  const q = {
    insertVisitor: db.prepare<[string, string, string, number, number], void>(
      'INSERT INTO visitors (id, token_hash, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    ),
    visitorByHash: db.prepare<[string], VisitorRow>(
      'SELECT id, locale, created_at FROM visitors WHERE token_hash = ?',
    ),
    setTopic: db.prepare<[string, string], void>('UPDATE conversations SET topic = ? WHERE id = ?'),
    visitorById: db.prepare<[string], VisitorRow>('SELECT id, locale, created_at FROM visitors WHERE id = ?'),
    identify: db.prepare<[string, string, string | null, string | null, number], void>(
      'INSERT OR REPLACE INTO identities (visitor_id, user_id, name, email, at) VALUES (?, ?, ?, ?, ?)',
    ),
    identityOf: db.prepare<[string], { user_id: string; name: string | null; email: string | null }>(
      'SELECT user_id, name, email FROM identities WHERE visitor_id = ?',
    ),
    touchVisitor: db.prepare<[number, string], void>('UPDATE visitors SET last_seen_at = ? WHERE id = ?'),
    setContext: db.prepare<[string | null, string | null, string | null, string], void>(
      'UPDATE visitors SET page_url = ?, page_title = ?, time_zone = ? WHERE id = ?',
    ),
    context: db.prepare<
      [string],
      { page_url: string | null; page_title: string | null; time_zone: string | null }
    >('SELECT page_url, page_title, time_zone FROM visitors WHERE id = ?'),
    endVisitor: db.prepare<[string], void>('UPDATE visitors SET token_hash = NULL WHERE id = ?'),
    forgetVisitor: db.prepare<[string], void>('DELETE FROM visitors WHERE id = ?'),
    heldOfVisitor: db.prepare<[string], ConversationRow>(
      'SELECT * FROM conversations WHERE visitor_id = ? AND agent_id IS NOT NULL',
    ),
    agent: db.prepare<[string], AgentRow>(
      'SELECT id, first_name, title, avatar_url, created_at, login, role FROM agents WHERE id = ?',
    ),
    agentTopics: db.prepare<[string], { topic: string }>(
      'SELECT topic FROM agent_topics WHERE agent_id = ? ORDER BY topic',
    ),
    clearAgentTopics: db.prepare<[string], void>('DELETE FROM agent_topics WHERE agent_id = ?'),
    insertAgentTopic: db.prepare<[string, string], void>(
      'INSERT OR IGNORE INTO agent_topics (agent_id, topic) VALUES (?, ?)',
    ),
    conversation: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    current: db.prepare<[string], ConversationRow>(
      'SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    insertConversation: db.prepare<[string, string, string, string | null, number], void>(
      "INSERT INTO conversations (id, visitor_id, epoch, status, topic, created_at) VALUES (?, ?, ?, 'queued', ?, ?)",
    ),
    queued: db.prepare<[], QueueRow>(queuedSql('')),
    queuedOne: db.prepare<[string], QueueRow>(queuedSql('AND c.id = ?')),
    givenOf: db.prepare<[string], { name: string | null; email: string | null }>(
      `SELECT g.name, g.email FROM (${GIVEN}) g WHERE g.conversation_id = ?`,
    ),
    activeOf: db.prepare<[string], ConversationRow>(
      "SELECT * FROM conversations WHERE agent_id = ? AND status = 'active' ORDER BY created_at",
    ),
    nextSeq: db.prepare<[string], { last_seq: number }>(
      'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    ),
    insertEvent: db.prepare<[string, number, string, string, number], void>(
      'INSERT INTO events (conversation_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[string, number, number], { seq: number; type: string; payload: string; at: number }>(
      'SELECT seq, type, payload, at FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    eventsBefore: db.prepare<
      [string, number, number],
      { seq: number; type: string; payload: string; at: number }
    >(
      'SELECT seq, type, payload, at FROM events WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ),
    agentWrote: db.prepare<[string], { found: number }>(
      `SELECT 1 AS found FROM events WHERE conversation_id = ? AND type = 'message'
         AND json_extract(payload, '$.author.role') = 'agent' LIMIT 1`,
    ),
    ackOf: db.prepare<[string, string], AckRow>(
      `SELECT a.* FROM acks a JOIN conversations c ON c.id = a.conversation_id
       WHERE a.client_id = ? AND c.visitor_id = ? LIMIT 1`,
    ),
    ackIn: db.prepare<[string, string], AckRow>(
      'SELECT * FROM acks WHERE conversation_id = ? AND client_id = ?',
    ),
    insertAck: db.prepare<[string, string, string, string, number, number], void>(
      'INSERT INTO acks (conversation_id, client_id, content_hash, message_id, seq, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    assign: db.prepare<[string, number, string], void>(
      "UPDATE conversations SET agent_id = ?, status = 'active', answered_at = coalesce(answered_at, ?) WHERE id = ?",
    ),
    insertTransfer: db.prepare<[string, string | null, string, number, string | null], void>(
      'INSERT INTO transfers (conversation_id, from_agent_id, to_agent_id, at, note) VALUES (?, ?, ?, ?, ?)',
    ),
    transferNote: db.prepare<[string], { from_agent_id: string | null; note: string | null; at: number }>(
      'SELECT from_agent_id, note, at FROM transfers WHERE conversation_id = ? ORDER BY id DESC LIMIT 1',
    ),
    requeue: db.prepare<[string], void>(
      "UPDATE conversations SET status = 'queued', agent_id = NULL WHERE id = ? AND status = 'active'",
    ),
    end: db.prepare<[number, string], void>(
      "UPDATE conversations SET status = 'ended', ended_at = ? WHERE id = ?",
    ),
    visitorRead: db.prepare<[number, string], void>(
      'UPDATE conversations SET visitor_read_seq = max(visitor_read_seq, ?) WHERE id = ?',
    ),
    agentRead: db.prepare<[number, string], void>(
      'UPDATE conversations SET agent_read_seq = max(agent_read_seq, ?) WHERE id = ?',
    ),
    insertForm: db.prepare<[string, string, string, string], void>(
      'INSERT OR REPLACE INTO forms (conversation_id, form_id, kind, fields) VALUES (?, ?, ?, ?)',
    ),
    formOf: db.prepare<
      [string, string],
      { conversation_id: string; form_id: string; kind: FormKind; fields: string }
    >(
      `SELECT f.conversation_id, f.form_id, f.kind, f.fields FROM forms f
       JOIN conversations c ON c.id = f.conversation_id
       WHERE f.form_id = ? AND c.visitor_id = ? ORDER BY c.created_at DESC LIMIT 1`,
    ),
    insertSubmission: db.prepare<[string, string, string, number | null, string, number], void>(
      'INSERT INTO form_submissions (conversation_id, form_id, status, verified, redacted_values, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    rate: db.prepare<[string, number | null, number | null, string | null, number], void>(
      'INSERT OR REPLACE INTO ratings (conversation_id, solved, score, note, at) VALUES (?, ?, ?, ?, ?)',
    ),
    recordConsent: db.prepare<[string, string, string, string | null, number], void>(
      'INSERT OR IGNORE INTO consents (conversation_id, given_at, version, policy_url, received_at) VALUES (?, ?, ?, ?, ?)',
    ),
    consentOf: db.prepare<[string], { given_at: string; version: string; policy_url: string | null }>(
      'SELECT given_at, version, policy_url FROM consents WHERE conversation_id = ?',
    ),
    agentStats: db.prepare<[string], AgentStats>(
      `SELECT COUNT(*) AS conversations,
         AVG(c.answered_at - c.created_at) AS waitMs,
         AVG((SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND e.type = 'message'
              AND json_extract(e.payload, '$.author.role') = 'agent') - c.created_at) AS firstResponseMs,
         AVG(c.ended_at - c.answered_at) AS handlingMs,
         COUNT(r.solved) AS surveyed,
         COALESCE(SUM(r.solved = 1 AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id)), 0) AS firstContact,
         COUNT(r.score) AS rated,
         AVG(r.score) AS rating
       FROM conversations c LEFT JOIN ratings r ON r.conversation_id = c.id
       WHERE c.agent_id = ? AND c.status = 'ended'`,
    ),
    recentHandling: db.prepare<[number], { ms: number | null }>(
      `SELECT AVG(ended_at - answered_at) AS ms FROM (SELECT ended_at, answered_at FROM conversations
         WHERE status = 'ended' AND answered_at IS NOT NULL AND ended_at IS NOT NULL
         ORDER BY ended_at DESC LIMIT ?)`,
    ),
    ratingOf: db.prepare<[string], { solved: number | null; score: number | null; note: string | null }>(
      'SELECT solved, score, note FROM ratings WHERE conversation_id = ?',
    ),
  };

  /** A write in its own transaction (or the one open), its messages indexed for search before the COMMIT. */
  const search = searchIndex(db);
  const write = <A extends unknown[], R>(fn: (...args: A) => R) => atomic(db, search, fn);

  /** Must run inside a transaction: the seq and the row go together or not at all. */
  const appendRaw = (conversationId: string, input: EventInput): ConversationEvent => {
    const next = q.nextSeq.get(conversationId);
    if (!next) throw new Error(`no conversation ${conversationId}`);
    const at = now();
    const { type, ...payload } = input;
    // Serialized once, for the row; the event is built from the input, not parsed back from its text.
    q.insertEvent.run(conversationId, next.last_seq, type, JSON.stringify(payload), at);
    if (input.type === 'message') search.add(conversationId, searchableText(input.content));
    return {
      ...payload,
      type,
      conversationId,
      seq: next.last_seq,
      at: new Date(at).toISOString(),
    } as ConversationEvent;
  };

  const append = write(appendRaw);

  /** Must run inside a transaction: the old list goes only if the new one is stored. */
  const replaceTopicsRaw = (agentId: string, topics: readonly string[]) => {
    q.clearAgentTopics.run(agentId);
    for (const topic of topics) q.insertAgentTopic.run(agentId, topic);
  };

  const setAgentTopics = write(replaceTopicsRaw);

  const storeMessage = write((input: MessageInput) => {
    const event = appendRaw(input.conversationId, input.event);
    const ack: AckRow = {
      conversation_id: input.conversationId,
      client_id: input.clientId,
      content_hash: input.contentHash,
      message_id: input.event.id,
      seq: event.seq,
      at: Date.parse(event.at),
    };
    q.insertAck.run(ack.conversation_id, ack.client_id, ack.content_hash, ack.message_id, ack.seq, ack.at);
    return { event, ack };
  });

  const assign = write((conversationId: string, agentId: string, joined: EventInput) => {
    q.assign.run(agentId, now(), conversationId);
    return appendRaw(conversationId, joined);
  });

  const transfer = write(
    (
      conversationId: string,
      handover: { from: string | null; to: string; note?: string },
      event: EventInput,
    ) => {
      q.assign.run(handover.to, now(), conversationId);
      q.insertTransfer.run(conversationId, handover.from, handover.to, now(), handover.note ?? null);
      return appendRaw(conversationId, event);
    },
  );

  const reply = write((input: MessageInput, ended: EventInput) => {
    const { event, ack } = storeMessage(input);
    q.end.run(now(), input.conversationId);
    return { event, ack, ended: appendRaw(input.conversationId, ended) };
  });

  const forget = write((visitorId: string) => {
    const held = q.heldOfVisitor.all(visitorId);
    q.forgetVisitor.run(visitorId);
    return held;
  });

  const requeue = write((conversationId: string, left: EventInput) => {
    q.requeue.run(conversationId);
    return appendRaw(conversationId, left);
  });

  const end = write((conversationId: string, event: EventInput) => {
    q.end.run(now(), conversationId);
    return appendRaw(conversationId, event);
  });

  const requestForm = write((conversationId: string, event: EventInput & { type: 'form.request' }) => {
    q.insertForm.run(conversationId, event.formId, event.kind, JSON.stringify(event.fields));
    return appendRaw(conversationId, event);
  });

  const submitForm = write(
    (
      form: FormRow,
      outcome: {
        status: 'accepted' | 'rejected';
        verified?: boolean;
        redactedValues: Record<string, string>;
      },
      event: EventInput,
    ) => {
      q.insertSubmission.run(
        form.conversationId,
        form.formId,
        outcome.status,
        outcome.verified === undefined ? null : Number(outcome.verified),
        JSON.stringify(outcome.redactedValues),
        now(),
      );
      return appendRaw(form.conversationId, event);
    },
  );

  return {
    ...accountStore(db, { now, createId, setTopics: replaceTopicsRaw }),
    ...inboxStore(db, now),
    ...archiveStore(db),
    ...prechatStore(db, now),
    epoch,
    createVisitor(tokenHash, locale) {
      const row: VisitorRow = { id: createId(), locale, created_at: now() };
      q.insertVisitor.run(row.id, tokenHash, locale, row.created_at, row.created_at);
      return row;
    },
    visitorByTokenHash: (tokenHash) => q.visitorByHash.get(tokenHash),
    visitor: (visitorId) => q.visitorById.get(visitorId),
    identify(visitorId, identity) {
      q.identify.run(visitorId, identity.userId, identity.name ?? null, identity.email ?? null, now());
    },
    identityOf(visitorId) {
      const row = q.identityOf.get(visitorId);
      if (!row) return undefined;
      return {
        userId: row.user_id,
        ...(row.name === null ? {} : { name: row.name }),
        ...(row.email === null ? {} : { email: row.email }),
      };
    },
    touchVisitor: (visitorId) => void q.touchVisitor.run(now(), visitorId),
    setVisitorContext(visitorId, context) {
      q.setContext.run(
        context.page?.url ?? null,
        context.page?.title ?? null,
        context.timeZone ?? null,
        visitorId,
      );
    },
    visitorContext(visitorId) {
      const row = q.context.get(visitorId);
      if (!row) return {};
      return {
        ...(row.page_url === null
          ? {}
          : { page: { url: row.page_url, ...(row.page_title === null ? {} : { title: row.page_title }) } }),
        ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
      };
    },
    endVisitorSession: (visitorId) => void q.endVisitor.run(visitorId),
    forgetVisitor(visitorId) {
      const held = forget(visitorId);
      // The write-ahead log still holds the erased rows as they were written: fold it into the zeroed
      // file and empty it, so nothing of theirs is left on disk.
      db.pragma('wal_checkpoint(TRUNCATE)');
      return held;
    },
    agent: (agentId) => q.agent.get(agentId),
    agentTopics: (agentId) => q.agentTopics.all(agentId).map((row) => row.topic),
    setAgentTopics: (agentId, topics) => setAgentTopics(agentId, topics),
    conversation: (conversationId) => q.conversation.get(conversationId),
    currentConversation: (visitorId) => q.current.get(visitorId),
    setTopic: (conversationId, topic) => void q.setTopic.run(topic, conversationId),
    createConversation(visitorId, topic) {
      const id = createId();
      q.insertConversation.run(id, visitorId, epoch, topic ?? null, now());
      const row = q.conversation.get(id);
      if (!row) throw new Error(`conversation ${id} was not stored`);
      return row;
    },
    queued: () => q.queued.all(),
    queuedOne: (conversationId) => q.queuedOne.get(conversationId),
    activeOf: (agentId) => q.activeOf.all(agentId),
    append: (conversationId, input) => append(conversationId, input),
    events: (conversationId, afterSeq, limit) =>
      q.events.all(conversationId, afterSeq, limit).map((row) => toEvent(conversationId, row)),
    eventsBefore: (conversationId, beforeSeq, limit) =>
      q.eventsBefore.all(conversationId, beforeSeq, limit).map((row) => toEvent(conversationId, row)),
    agentHasWritten: (conversationId) => q.agentWrote.get(conversationId) !== undefined,
    ackOf: (visitorId, clientId) => q.ackOf.get(clientId, visitorId),
    ackIn: (conversationId, clientId) => q.ackIn.get(conversationId, clientId),
    storeMessage: (input) => storeMessage(input),
    assign: (conversationId, agentId, joined) => assign(conversationId, agentId, joined),
    transfer: (conversationId, handover, event) => transfer(conversationId, handover, event),
    transferNote(conversationId) {
      const row = q.transferNote.get(conversationId);
      if (!row || row.note === null) return undefined;
      return { fromAgentId: row.from_agent_id, note: row.note, at: row.at };
    },
    requeue: (conversationId, left) => requeue(conversationId, left),
    reply: (input, ended) => reply(input, ended),
    end: (conversationId, event) => end(conversationId, event),
    setReadSeq(conversationId, by, upToSeq) {
      (by === 'visitor' ? q.visitorRead : q.agentRead).run(upToSeq, conversationId);
    },
    requestForm: (conversationId, event) => requestForm(conversationId, event),
    formOf(visitorId, formId) {
      const row = q.formOf.get(formId, visitorId);
      if (!row) return undefined;
      return {
        conversationId: row.conversation_id,
        formId: row.form_id,
        kind: row.kind,
        fields: JSON.parse(row.fields) as FormField[],
      };
    },
    submitForm: (form, outcome, event) => submitForm(form, outcome, event),
    rate(conversationId, rating) {
      q.rate.run(
        conversationId,
        rating.solved === undefined ? null : Number(rating.solved),
        rating.score ?? null,
        rating.note ?? null,
        now(),
      );
    },
    recordConsent(conversationId, consent) {
      q.recordConsent.run(conversationId, consent.at, consent.version, consent.policyUrl ?? null, now());
    },
    consentOf(conversationId) {
      const row = q.consentOf.get(conversationId);
      if (!row) return undefined;
      return {
        at: row.given_at,
        version: row.version,
        ...(row.policy_url === null ? {} : { policyUrl: row.policy_url }),
      };
    },
    givenOf(conversationId) {
      const row = q.givenOf.get(conversationId);
      return row ? givenContact(row.name, row.email) : undefined;
    },
    agentStats: (agentId) => q.agentStats.get(agentId) as AgentStats,
    recentHandlingMs: (count) => q.recentHandling.get(count)?.ms ?? undefined,
    ratingOf(conversationId) {
      const row = q.ratingOf.get(conversationId);
      if (!row) return undefined;
      return {
        ...(row.solved === null ? {} : { solved: row.solved === 1 }),
        ...(row.score === null ? {} : { score: row.score as 1 | 2 | 3 | 4 | 5 }),
        ...(row.note === null ? {} : { note: row.note }),
      };
    },
    // A savepoint inside a group; the group's own transaction indexes all its messages at once.
    atomically: (work) => (db.inTransaction ? inSavepoint(db, search, work) : write(work)()),
    close: () => void db.close(),
  };
}
