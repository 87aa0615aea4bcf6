/**
 * The handoffs' rows on Postgres: the same answers as SQLite's (../handoff-store.ts).
 */
import { HANDOFF_COLUMNS, type HandoffRow, handoffFromRecord } from '../handoff-store.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, jsonText, one } from './sql.js';
import type { PostgresDeps } from './transactions.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const handoffs: HandoffOperations = handoffOperations(deps);
 * ```
 */
export type HandoffOperations = Async<
  Pick<
    StoreOperations,
    | 'createHandoff'
    | 'handoff'
    | 'handoffByTokenHash'
    | 'openHandoff'
    | 'setHandoffConversation'
    | 'handoffOfConversation'
    | 'recentHandoffs'
    | 'markHandoffTaken'
    | 'markHandoffResolved'
    | 'eraseUnopenedHandoffs'
    | 'handoffSecret'
  >
>;

type HandoffRecord = Omit<HandoffRow, 'details'> & { details: string };

/**
 * The handoffs' rows, see the file's comment.
 *
 * @example
 * ```ts
 * const row = await handoffOperations(deps).handoff('h_x2Q…');
 * ```
 */
export function handoffOperations(deps: PostgresDeps): HandoffOperations {
  const query = deps.tx.query;
  const select = async (where: string, values: unknown[]) => {
    const record = await one<HandoffRecord>(
      query,
      `SELECT ${HANDOFF_COLUMNS} FROM handoffs ${where}`,
      values,
    );
    return record ? handoffFromRecord(record) : undefined;
  };
  return {
    async createHandoff(handoff) {
      const record = await one<HandoffRecord>(
        query,
        `INSERT INTO handoffs (id, token_hash, channel, handle, post_url, posted_at, summary, details, topic,
           advisor_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${HANDOFF_COLUMNS}`,
        [
          handoff.id,
          handoff.token_hash,
          handoff.channel,
          handoff.handle,
          handoff.post_url,
          handoff.posted_at,
          handoff.summary,
          jsonText(handoff.details),
          handoff.topic,
          handoff.advisor_id,
          handoff.created_by,
          deps.now(),
          handoff.expires_at,
        ],
      );
      if (!record) throw new Error(`handoff ${handoff.id} was not stored`);
      return handoffFromRecord(record);
    },
    handoff: (id) => select('WHERE id = $1', [id]),
    handoffByTokenHash: (tokenHash) => select('WHERE token_hash = $1', [tokenHash]),
    async openHandoff(id, visitorId) {
      // One conditional UPDATE: under READ COMMITTED the second of two racing visitors waits for the
      // first's row lock, then finds visitor_id set and changes nothing.
      const claimed = await one<{ id: string }>(
        query,
        'UPDATE handoffs SET visitor_id = $1, opened_at = $2 WHERE id = $3 AND visitor_id IS NULL RETURNING id',
        [visitorId, deps.now(), id],
      );
      if (claimed) return 'opened';
      const held = await one<{ visitor_id: string | null }>(
        query,
        'SELECT visitor_id FROM handoffs WHERE id = $1',
        [id],
      );
      return held?.visitor_id === visitorId ? 'resumed' : 'used';
    },
    async setHandoffConversation(id, conversationId) {
      await query('UPDATE handoffs SET conversation_id = $1 WHERE id = $2 AND conversation_id IS NULL', [
        conversationId,
        id,
      ]);
    },
    handoffOfConversation: (conversationId) => select('WHERE conversation_id = $1', [conversationId]),
    async recentHandoffs(limit) {
      const records = await all<HandoffRecord>(
        query,
        `SELECT ${HANDOFF_COLUMNS} FROM handoffs ORDER BY created_at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return records.map((record) => handoffFromRecord(record));
    },
    async markHandoffTaken(conversationId, agentId) {
      await query(
        'UPDATE handoffs SET taken_at = $1, taken_by = $2 WHERE conversation_id = $3 AND taken_at IS NULL',
        [deps.now(), agentId, conversationId],
      );
    },
    async markHandoffResolved(conversationId) {
      await query('UPDATE handoffs SET resolved_at = $1 WHERE conversation_id = $2 AND resolved_at IS NULL', [
        deps.now(),
        conversationId,
      ]);
    },
    async eraseUnopenedHandoffs(expiredBefore) {
      const erased = await query('DELETE FROM handoffs WHERE visitor_id IS NULL AND expires_at < $1', [
        expiredBefore,
      ]);
      return erased.rowCount ?? 0;
    },
    async handoffSecret(candidate) {
      await query(
        "INSERT INTO meta (key, value) VALUES ('handoff_secret', $1) ON CONFLICT (key) DO NOTHING",
        [candidate],
      );
      const row = await one<{ value: string }>(query, "SELECT value FROM meta WHERE key = 'handoff_secret'");
      return (row as { value: string }).value;
    },
  };
}
