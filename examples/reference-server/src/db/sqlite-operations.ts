/**
 * The store's operations on SQLite (better-sqlite3), computed on the spot: the {@link StoreOperations} of
 * store-types.ts over the statements of store-queries.ts, with the writes that must go together in
 * transactions. store.ts makes them the server's {@link Store}.
 */
import { randomUUID } from 'node:crypto';
import type { AgentStats } from '@clavard/agent-api';
import type { ConversationEvent } from '@clavard/protocol';
import Database from 'better-sqlite3';
import { accountStore } from './account-store.js';
import { archiveStore } from './archive-store.js';
import { atomic } from './atomic.js';
import { attachmentStore } from './attachment-store.js';
import { startCheckpoints } from './checkpoints.js';
import { handoffStore } from './handoff-store.js';
import { inboxStore } from './inbox-store.js';
import { prechatStore } from './prechat-store.js';
import { contextFromRow, eventFromRow, formFromRow } from './row-mappers.js';
import type { AckRow, FormRow, VisitorRow } from './rows.js';
import { migrate } from './schema.js';
import { searchableText, searchIndex } from './search-index.js';
import { prepareStatements } from './store-queries.js';
import { type EventInput, givenContact, type MessageInput, type StoreOperations } from './store-types.js';
import { createWalSync } from './wal-sync.js';

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** A file path, or `:memory:`. */
  path: string;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Makes ids. @default crypto.randomUUID */
  createId?: () => string;
  /**
   * Copy the write-ahead log into the database from a worker thread instead of inside commits (see
   * checkpoints.ts), reporting its failures here. A file database only; the server's choice.
   */
  backgroundCheckpoints?: (error: Error) => void;
}

/**
 * Opens (and creates when needed) the reference server's SQLite database: its operations, and what
 * store.ts needs to run them in transactions.
 *
 * @example
 * ```ts
 * const { operations } = openSqlite({ path: ':memory:' });
 * operations.visitor(visitorId);
 * ```
 */
export function openSqlite(options: StoreOptions) {
  const now = options.now ?? Date.now;
  const createId = options.createId ?? randomUUID;
  const db = new Database(options.path);
  const epoch = migrate(db, createId);

  const q = prepareStatements(db);

  /** A write in its own transaction (or the one open), its messages indexed for search before the COMMIT. */
  const search = searchIndex(db);
  const write = <A extends unknown[], R>(fn: (...args: A) => R) => atomic(db, search, fn);
  const wal = createWalSync(db);
  const checkpoints =
    options.backgroundCheckpoints && !db.memory
      ? startCheckpoints(db, options.backgroundCheckpoints)
      : undefined;

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
    if (q.take.run(agentId, now(), conversationId).changes === 0) return undefined;
    return appendRaw(conversationId, joined);
  });

  const transfer = write(
    (
      conversationId: string,
      handover: { from: string | null; to: string; note?: string },
      event: EventInput,
    ) => {
      if (q.handOver.run(handover.to, conversationId, handover.from).changes === 0) return undefined;
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

  const requeue = write((conversationId: string, agentId: string, left: EventInput) => {
    if (q.requeue.run(conversationId, agentId).changes === 0) return undefined;
    return appendRaw(conversationId, left);
  });

  const end = write((conversationId: string, event: EventInput) => {
    if (q.end.run(now(), conversationId).changes === 0) return undefined;
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

  const operations: StoreOperations = {
    ...accountStore(db, { now, createId, setTopics: replaceTopicsRaw }),
    ...inboxStore(db, now),
    ...attachmentStore(db, now),
    ...handoffStore(db, now),
    ...archiveStore(db),
    ...prechatStore(db, now),
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
      return row ? contextFromRow(row) : {};
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
    createConversation(visitorId, topic, priority = 0) {
      const id = createId();
      q.insertConversation.run(id, visitorId, epoch, topic ?? null, now(), priority);
      const row = q.conversation.get(id);
      if (!row) throw new Error(`conversation ${id} was not stored`);
      return row;
    },
    queued: () => q.queued.all(),
    queuedOne: (conversationId) => q.queuedOne.get(conversationId),
    activeOf: (agentId) => q.activeOf.all(agentId),
    append: (conversationId, input) => append(conversationId, input),
    events: (conversationId, afterSeq, limit) =>
      q.events.all(conversationId, afterSeq, limit).map((row) => eventFromRow(conversationId, row)),
    eventsBefore: (conversationId, beforeSeq, limit) =>
      q.eventsBefore.all(conversationId, beforeSeq, limit).map((row) => eventFromRow(conversationId, row)),
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
    requeue: (conversationId, agentId, left) => requeue(conversationId, agentId, left),
    reply: (input, ended) => reply(input, ended),
    end: (conversationId, event) => end(conversationId, event),
    setReadSeq(conversationId, by, upToSeq) {
      (by === 'visitor' ? q.visitorRead : q.agentRead).run(upToSeq, conversationId);
    },
    requestForm: (conversationId, event) => requestForm(conversationId, event),
    formOf(visitorId, formId) {
      const row = q.formOf.get(formId, visitorId);
      return row ? formFromRow(row) : undefined;
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
  };
  return {
    operations,
    epoch,
    db,
    search,
    wal,
    close() {
      checkpoints?.close();
      wal.close();
      db.close();
    },
  };
}
