/**
 * A conversation's events on Postgres: appended under gap-free seqs (the row lock of writes.ts), read by
 * pages, and the visitor's and agents' messages stored once per clientId with their acks. A message is
 * indexed for the archive's search in the transaction that stores it.
 */
import type { ConversationEvent } from '@clavard/protocol';
import type { AckRow } from '../rows.js';
import { searchableText } from '../search-index.js';
import type { Async, MessageInput, StoreOperations } from '../store-types.js';
import { indexedText } from './search-words.js';
import { all, appendIndexed, BY_AGENT, type EventRecord, limitOf, one, toEvent, withoutNul } from './sql.js';
import type { PostgresDeps } from './transactions.js';
import { storeMessage } from './writes.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const events: EventOperations = eventOperations(deps);
 * ```
 */
export type EventOperations = Async<
  Pick<
    StoreOperations,
    'append' | 'events' | 'eventsBefore' | 'agentHasWritten' | 'ackOf' | 'ackIn' | 'storeMessage' | 'reply'
  >
>;

/**
 * A conversation's events, see the file's comment.
 *
 * @example
 * ```ts
 * const events = eventOperations(deps);
 * const page = await events.events(conversationId, 0, 50);
 * ```
 */
export function eventOperations(deps: PostgresDeps): EventOperations {
  const { tx } = deps;
  const query = tx.query;

  /**
   * Must run inside a transaction. A clientId stored already is refused, as SQLite's primary key refuses
   * it: the callers look for its ack first, and answer a resend with that.
   */
  const storeIn = async (given: MessageInput): Promise<{ event: ConversationEvent; ack: AckRow }> => {
    const input = withoutNul(given);
    const words = indexedText(searchableText(input.event.content));
    const stored = await storeMessage({ query }, input, deps.now(), words);
    if (stored.outcome !== 'stored') {
      throw new Error(
        `message ${input.clientId} is stored already in conversation ${input.conversationId} (${stored.outcome})`,
      );
    }
    return { event: stored.event, ack: stored.ack };
  };

  return {
    append: (conversationId, input) => tx.atomically(() => appendIndexed(deps, conversationId, input)),
    events: async (conversationId, afterSeq, limit) =>
      (
        await all<EventRecord>(
          query,
          'SELECT seq, type, payload, at FROM events WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [conversationId, afterSeq, limitOf(limit)],
        )
      ).map((row) => toEvent(conversationId, row)),
    eventsBefore: async (conversationId, beforeSeq, limit) =>
      (
        await all<EventRecord>(
          query,
          'SELECT seq, type, payload, at FROM events WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
          [conversationId, beforeSeq, limitOf(limit)],
        )
      ).map((row) => toEvent(conversationId, row)),
    agentHasWritten: async (conversationId) =>
      (await one(query, `SELECT 1 FROM events e WHERE e.conversation_id = $1 AND ${BY_AGENT} LIMIT 1`, [
        conversationId,
      ])) !== undefined,
    ackOf: (visitorId, clientId) =>
      one<AckRow>(
        query,
        `SELECT a.* FROM acks a JOIN conversations c ON c.id = a.conversation_id
         WHERE a.client_id = $1 AND c.visitor_id = $2 LIMIT 1`,
        [clientId, visitorId],
      ),
    ackIn: (conversationId, clientId) =>
      one<AckRow>(query, 'SELECT * FROM acks WHERE conversation_id = $1 AND client_id = $2', [
        conversationId,
        clientId,
      ]),
    storeMessage: (input) => tx.atomically(() => storeIn(input)),
    reply: (input, ended) =>
      tx.atomically(async () => {
        const { event, ack } = await storeIn(input);
        await query(
          "UPDATE conversations SET status = 'ended', ended_at = $1 WHERE id = $2 AND status <> 'ended'",
          [deps.now(), input.conversationId],
        );
        return { event, ack, ended: await appendIndexed(deps, input.conversationId, ended) };
      }),
  };
}
