import type { ConversationEvent } from '@clavard/protocol';
import type { AckRow } from '../rows.js';
import type { EventInput, MessageInput } from '../store-types.js';

/**
 * The writes that carry the protocol's guarantees, on Postgres: a conversation's events numbered 1, 2, 3…
 * with no gap (the number and the row in one transaction), a visitor's message stored once per clientId,
 * a queued conversation taken by one agent only. Each runs on a client inside a transaction its caller
 * opened (a group of messages shares one, each in a savepoint), and takes the conversation's row lock
 * first, so that writers of one conversation, on any node, go one after the other.
 */

/** What the writes need of a `pg` client or pool: `query`. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * The conversation's next seq, with its event, in one statement: the UPDATE takes the conversation's row
 * lock (a writer of the same conversation, on any node, waits for this transaction) and numbers the event.
 */
const APPEND = `WITH bumped AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
INSERT INTO events (conversation_id, seq, type, payload, at)
SELECT $1, last_seq, $2, $3, $4 FROM bumped RETURNING seq`;

/** The event as read back, from what was written. */
const eventOf = (conversationId: string, input: EventInput, seq: number, at: number): ConversationEvent => {
  const { type, ...payload } = input;
  return { ...payload, type, conversationId, seq, at: new Date(at).toISOString() } as ConversationEvent;
};

/**
 * Gives the event the next seq of its conversation and stores it, in one round trip. Call inside a
 * transaction.
 *
 * @example
 * ```ts
 * await client.query('BEGIN');
 * const event = await appendEvent(client, conversationId, { type: 'conversation.ended', by: 'agent' }, Date.now());
 * await client.query('COMMIT');
 * ```
 */
export async function appendEvent(
  db: Queryable,
  conversationId: string,
  input: EventInput,
  at: number,
): Promise<ConversationEvent> {
  const { type, ...payload } = input;
  const { rows } = await db.query<{ seq: string }>(APPEND, [
    conversationId,
    type,
    JSON.stringify(payload),
    at,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`no conversation ${conversationId}`);
  return eventOf(conversationId, input, Number(row.seq), at);
}

/** What {@link storeMessage} did: stored now, found already stored (same content), or refused. */
export type StoredMessage =
  | { outcome: 'stored'; event: ConversationEvent; ack: AckRow }
  | { outcome: 'duplicate'; ack: AckRow }
  | { outcome: 'conflict'; ack: AckRow };

const ackRow = (row: Record<string, unknown>): AckRow => ({
  conversation_id: String(row.conversation_id),
  client_id: String(row.client_id),
  content_hash: String(row.content_hash),
  message_id: String(row.message_id),
  seq: Number(row.seq),
  at: Number(row.at),
});

/**
 * After the lock: the ack of the clientId if there is one, else the message under the next seq, its ack
 * and its words for the search (when `$7` is given), in one statement.
 */
const STORE = `WITH found AS (SELECT * FROM acks WHERE conversation_id = $1 AND client_id = $2),
bumped AS (UPDATE conversations SET last_seq = last_seq + 1
           WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM found) RETURNING last_seq),
event AS (INSERT INTO events (conversation_id, seq, type, payload, at)
          SELECT $1, last_seq, 'message', $3, $4 FROM bumped RETURNING seq),
ack AS (INSERT INTO acks (conversation_id, client_id, content_hash, message_id, seq, at)
        SELECT $1, $2, $5, $6, seq, $4 FROM event RETURNING *),
indexed AS (INSERT INTO messages_search (conversation_id, text) SELECT $1, $7 FROM event WHERE $7::text IS NOT NULL)
SELECT 'stored' AS outcome, * FROM ack UNION ALL SELECT 'found', * FROM found`;

/**
 * A visitor's message, once per (conversation, clientId): a resend with the same content finds the first
 * ack (`duplicate`), with other content is refused (`conflict`), and two sends at the same instant on two
 * nodes store it once (the second waits for the row lock, then finds the ack). Two round trips: the lock,
 * then the rest. `searchText`, when given, is what the archive's search finds the message by. Call inside
 * a transaction.
 *
 * @example
 * ```ts
 * const stored = await storeMessage(client, { conversationId, clientId, contentHash, event }, Date.now());
 * if (stored.outcome !== 'conflict') ack(stored.ack);
 * ```
 */
export async function storeMessage(
  db: Queryable,
  input: MessageInput,
  at: number,
  searchText?: string,
): Promise<StoredMessage> {
  const locked = await db.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [
    input.conversationId,
  ]);
  if (locked.rows.length === 0) throw new Error(`no conversation ${input.conversationId}`);
  const { type: _type, ...payload } = input.event;
  const { rows } = await db.query<Record<string, unknown> & { outcome: string }>(STORE, [
    input.conversationId,
    input.clientId,
    JSON.stringify(payload),
    at,
    input.contentHash,
    input.event.id,
    searchText ?? null,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`message ${input.clientId} was not stored`);
  const ack = ackRow(row);
  if (row.outcome === 'stored')
    return { outcome: 'stored', event: eventOf(input.conversationId, input.event, ack.seq, at), ack };
  return { outcome: ack.content_hash === input.contentHash ? 'duplicate' : 'conflict', ack };
}

/**
 * Gives a queued conversation to an agent, if it is still queued: true for the one agent who got it, false
 * for everyone else, however many click at the same instant on however many nodes (the update waits for
 * the row, then finds it taken). Call inside a transaction, then append `agent.joined` in it.
 *
 * @example
 * ```ts
 * if (await takeConversation(client, conversationId, 'a-julie', Date.now())) await appendEvent(client, …);
 * ```
 */
export async function takeConversation(
  db: Queryable,
  conversationId: string,
  agentId: string,
  at: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE conversations SET agent_id = $2, status = 'active', answered_at = coalesce(answered_at, $3)
     WHERE id = $1 AND status = 'queued'`,
    [conversationId, agentId, at],
  );
  return rowCount === 1;
}
