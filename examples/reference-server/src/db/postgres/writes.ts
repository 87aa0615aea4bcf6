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

/** The conversation's row, locked until the transaction ends; throws when there is none. */
async function lockConversation(db: Queryable, conversationId: string): Promise<number> {
  const { rows } = await db.query<{ last_seq: string }>(
    'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE',
    [conversationId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no conversation ${conversationId}`);
  return Number(row.last_seq);
}

/** Writes the event under the next seq; the conversation's row must be locked (see lockConversation). */
async function insertEvent(
  db: Queryable,
  conversationId: string,
  seq: number,
  input: EventInput,
  at: number,
): Promise<ConversationEvent> {
  const { type, ...payload } = input;
  await db.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [conversationId, seq]);
  await db.query('INSERT INTO events (conversation_id, seq, type, payload, at) VALUES ($1, $2, $3, $4, $5)', [
    conversationId,
    seq,
    type,
    JSON.stringify(payload),
    at,
  ]);
  return { ...payload, type, conversationId, seq, at: new Date(at).toISOString() } as ConversationEvent;
}

/**
 * Gives the event the next seq of its conversation and stores it. Call inside a transaction.
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
  const last = await lockConversation(db, conversationId);
  return insertEvent(db, conversationId, last + 1, input, at);
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
 * A visitor's message, once per (conversation, clientId): a resend with the same content finds the first
 * ack (`duplicate`), with other content is refused (`conflict`), and two sends at the same instant on two
 * nodes store it once (the second waits for the row lock, then finds the ack). Call inside a transaction.
 *
 * @example
 * ```ts
 * const stored = await storeMessage(client, { conversationId, clientId, contentHash, event }, Date.now());
 * if (stored.outcome !== 'conflict') ack(stored.ack);
 * ```
 */
export async function storeMessage(db: Queryable, input: MessageInput, at: number): Promise<StoredMessage> {
  const last = await lockConversation(db, input.conversationId);
  const { rows } = await db.query('SELECT * FROM acks WHERE conversation_id = $1 AND client_id = $2', [
    input.conversationId,
    input.clientId,
  ]);
  const found = rows[0];
  if (found) {
    const ack = ackRow(found);
    return { outcome: ack.content_hash === input.contentHash ? 'duplicate' : 'conflict', ack };
  }
  const event = await insertEvent(db, input.conversationId, last + 1, input.event, at);
  const ack: AckRow = {
    conversation_id: input.conversationId,
    client_id: input.clientId,
    content_hash: input.contentHash,
    message_id: input.event.id,
    seq: event.seq,
    at,
  };
  await db.query(
    'INSERT INTO acks (conversation_id, client_id, content_hash, message_id, seq, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [ack.conversation_id, ack.client_id, ack.content_hash, ack.message_id, ack.seq, ack.at],
  );
  return { outcome: 'stored', event, ack };
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
