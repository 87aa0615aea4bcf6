/**
 * A conversation's life on Postgres: created, queued, taken (by one agent only), transferred, put back
 * in the queue, ended (once), and what the agents' queue shows of it. Each write of several statements
 * runs in `atomically`, so that it lands whole, or joins the caller's transaction.
 */

import type { ConversationRow } from '../rows.js';
import type { Async, QueueRow, StoreOperations } from '../store-types.js';
import { all, appendIndexed, CONVERSATION, one, queuedSql } from './sql.js';
import type { PostgresDeps } from './transactions.js';
import { takeConversation } from './writes.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const conversations: ConversationOperations = conversationOperations(deps);
 * ```
 */
export type ConversationOperations = Async<
  Pick<
    StoreOperations,
    | 'conversation'
    | 'currentConversation'
    | 'createConversation'
    | 'setTopic'
    | 'queued'
    | 'queuedOne'
    | 'activeOf'
    | 'assign'
    | 'transfer'
    | 'transferNote'
    | 'requeue'
    | 'end'
    | 'setReadSeq'
  >
>;

/** What the queue and the agents read of conversations. */
function conversationReads(deps: PostgresDeps) {
  const query = deps.tx.query;
  return {
    conversation: (conversationId) =>
      one<ConversationRow>(query, `SELECT ${CONVERSATION} FROM conversations WHERE id = $1`, [
        conversationId,
      ]),
    currentConversation: (visitorId) =>
      one<ConversationRow>(
        query,
        `SELECT ${CONVERSATION} FROM conversations WHERE visitor_id = $1 ORDER BY created_at DESC, arrival DESC LIMIT 1`,
        [visitorId],
      ),
    queued: () => all<QueueRow>(query, queuedSql('')),
    queuedOne: (conversationId) => one<QueueRow>(query, queuedSql('AND c.id = $1'), [conversationId]),
    activeOf: (agentId) =>
      all<ConversationRow>(
        query,
        `SELECT ${CONVERSATION} FROM conversations WHERE agent_id = $1 AND status = 'active' ORDER BY created_at, arrival`,
        [agentId],
      ),
    async transferNote(conversationId) {
      const row = await one<{ from_agent_id: string | null; note: string | null; at: number }>(
        query,
        'SELECT from_agent_id, note, at FROM transfers WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1',
        [conversationId],
      );
      if (!row || row.note === null) return undefined;
      return { fromAgentId: row.from_agent_id, note: row.note, at: row.at };
    },
  } satisfies Partial<ConversationOperations>;
}

/** A conversation's changes: each write of several statements in `atomically`. */
function conversationWrites(deps: PostgresDeps) {
  const { tx, now } = deps;
  const query = tx.query;
  return {
    async createConversation(visitorId, topic, priority = 0) {
      const row = await one<ConversationRow>(
        query,
        `INSERT INTO conversations (id, visitor_id, epoch, status, topic, created_at, priority)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6) RETURNING ${CONVERSATION}`,
        [deps.createId(), visitorId, deps.epoch, topic ?? null, now(), priority],
      );
      if (!row) throw new Error(`the conversation of visitor ${visitorId} was not stored`);
      return row;
    },
    async setTopic(conversationId, topic) {
      await query('UPDATE conversations SET topic = $1 WHERE id = $2', [topic, conversationId]);
    },
    assign: (conversationId, agentId, joined) =>
      tx.atomically(async () => {
        if (!(await takeConversation({ query }, conversationId, agentId, now()))) return undefined;
        return appendIndexed(deps, conversationId, joined);
      }),
    transfer: (conversationId, handover, event) =>
      tx.atomically(async () => {
        const { rowCount } = await query(
          `UPDATE conversations SET agent_id = $1
           WHERE id = $2 AND status = 'active' AND agent_id IS NOT DISTINCT FROM $3`,
          [handover.to, conversationId, handover.from],
        );
        if (rowCount === 0) return undefined;
        await query(
          'INSERT INTO transfers (conversation_id, from_agent_id, to_agent_id, at, note) VALUES ($1, $2, $3, $4, $5)',
          [conversationId, handover.from, handover.to, now(), handover.note ?? null],
        );
        return appendIndexed(deps, conversationId, event);
      }),
    requeue: (conversationId, agentId, left) =>
      tx.atomically(async () => {
        const { rowCount } = await query(
          "UPDATE conversations SET status = 'queued', agent_id = NULL WHERE id = $1 AND status = 'active' AND agent_id = $2",
          [conversationId, agentId],
        );
        if (rowCount === 0) return undefined;
        return appendIndexed(deps, conversationId, left);
      }),
    end: (conversationId, event) =>
      tx.atomically(async () => {
        const { rowCount } = await query(
          "UPDATE conversations SET status = 'ended', ended_at = $1 WHERE id = $2 AND status <> 'ended'",
          [now(), conversationId],
        );
        if (rowCount === 0) return undefined;
        return appendIndexed(deps, conversationId, event);
      }),
    async setReadSeq(conversationId, by, upToSeq) {
      const column = by === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
      await query(`UPDATE conversations SET ${column} = GREATEST(${column}, $1) WHERE id = $2`, [
        upToSeq,
        conversationId,
      ]);
    },
  } satisfies Partial<ConversationOperations>;
}

/**
 * A conversation's life, see the file's comment.
 *
 * @example
 * ```ts
 * const conversations = conversationOperations(deps);
 * const joined = await conversations.assign(id, 'a-julie', { type: 'agent.joined', agent });
 * ```
 */
export function conversationOperations(deps: PostgresDeps): ConversationOperations {
  return { ...conversationReads(deps), ...conversationWrites(deps) };
}
