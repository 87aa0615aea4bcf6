/**
 * The inbox of left messages on Postgres: conversations the visitor left a message in while nobody was
 * available, kept out of the live queue until an agent answers, and the texts the visitor wrote in them.
 */
import type { InboxRow } from '../inbox-store.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, CONTACT_EMAIL, limitOf } from './sql.js';
import type { PostgresDeps } from './transactions.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const inbox: InboxOperations = inboxOperations(deps);
 * ```
 */
export type InboxOperations = Async<
  Pick<StoreOperations, 'leaveMessage' | 'backToQueue' | 'inbox' | 'visitorTexts'>
>;

/**
 * The inbox, see the file's comment.
 *
 * @example
 * ```ts
 * const inbox = inboxOperations(deps);
 * await inbox.leaveMessage(conversationId);
 * ```
 */
export function inboxOperations(deps: PostgresDeps): InboxOperations {
  const query = deps.tx.query;
  return {
    async leaveMessage(conversationId) {
      await query(
        "UPDATE conversations SET left_message_at = coalesce(left_message_at, $1) WHERE id = $2 AND status = 'queued'",
        [deps.now(), conversationId],
      );
    },
    async backToQueue(conversationId) {
      await query('UPDATE conversations SET left_message_at = NULL WHERE id = $1', [conversationId]);
    },
    // Oldest first; ties by id (SQLite's by order of insertion, which has no column here).
    inbox: () =>
      all<InboxRow>(
        query,
        `SELECT c.id, c.visitor_id, c.topic, c.created_at, c.left_message_at, v.locale,
           ${CONTACT_EMAIL} AS contact_email
         FROM conversations c JOIN visitors v ON v.id = c.visitor_id
         WHERE c.status = 'queued' AND c.left_message_at IS NOT NULL
         ORDER BY c.left_message_at, c.id`,
      ),
    visitorTexts: (conversationId, limit) =>
      all<{ seq: number; at: number; text: string }>(
        query,
        `SELECT seq, at, payload::json -> 'content' ->> 'text' AS text FROM events
         WHERE conversation_id = $1 AND type = 'message' AND payload::json -> 'author' ->> 'role' = 'visitor'
         ORDER BY seq LIMIT $2`,
        [conversationId, limitOf(limit)],
      ),
  };
}
