/**
 * The attachments' rows on Postgres: the same answers as SQLite's (../attachment-store.ts). The bytes are
 * not here but in the file storage (src/files/), a table of their own on Postgres.
 */
import type { AttachmentRow } from '../attachment-store.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, one } from './sql.js';
import type { PostgresDeps } from './transactions.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const attachments: AttachmentOperations = attachmentOperations(deps);
 * ```
 */
export type AttachmentOperations = Async<
  Pick<
    StoreOperations,
    | 'openUpload'
    | 'attachment'
    | 'storeUpload'
    | 'sendUpload'
    | 'filesCounted'
    | 'attachmentsOfVisitor'
    | 'expiredAttachments'
    | 'deleteAttachments'
  >
>;

const COLUMNS =
  'id, owner, client_id, visitor_id, conversation_id, name, size, media_type, width, height, thumbnail, status, created_at';

/**
 * The attachments' rows, see the file's comment.
 *
 * @example
 * ```ts
 * const row = await attachmentOperations(deps).attachment(id);
 * ```
 */
export function attachmentOperations(deps: PostgresDeps): AttachmentOperations {
  const query = deps.tx.query;
  const byId = (id: string) =>
    one<AttachmentRow>(query, `SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [id]);
  return {
    async openUpload(upload) {
      await query(
        `INSERT INTO attachments (id, owner, client_id, visitor_id, conversation_id, name, size, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) ON CONFLICT (owner, client_id) DO NOTHING`,
        [
          upload.id,
          upload.owner,
          upload.client_id,
          upload.visitor_id,
          upload.conversation_id,
          upload.name,
          upload.size,
          deps.now(),
        ],
      );
      return (await one<AttachmentRow>(
        query,
        `SELECT ${COLUMNS} FROM attachments WHERE owner = $1 AND client_id = $2`,
        [upload.owner, upload.client_id],
      )) as AttachmentRow;
    },
    attachment: byId,
    storeUpload: (id, found) =>
      one<AttachmentRow>(
        query,
        `UPDATE attachments SET name = $2, size = $3, media_type = $4, width = $5, height = $6, thumbnail = $7,
           status = 'stored' WHERE id = $1 AND status = 'open' RETURNING ${COLUMNS}`,
        [id, found.name, found.size, found.media_type, found.width, found.height, found.thumbnail],
      ),
    async sendUpload(id, conversationId) {
      const sent = await one<{ id: string }>(
        query,
        `UPDATE attachments SET status = 'sent', conversation_id = $2
         WHERE id = $1 AND status IN ('stored', 'sent') AND coalesce(conversation_id, $2) = $2 RETURNING id`,
        [id, conversationId],
      );
      return sent !== undefined;
    },
    async filesCounted(owner, conversationId) {
      const row = await one<{ n: string }>(
        query,
        `SELECT count(*) AS n FROM attachments
         WHERE (conversation_id = $2 AND status = 'sent') OR (owner = $1 AND status <> 'sent')`,
        [owner, conversationId ?? ''],
      );
      return Number(row?.n ?? 0);
    },
    attachmentsOfVisitor: (visitorId) =>
      all<AttachmentRow>(query, `SELECT ${COLUMNS} FROM attachments WHERE visitor_id = $1`, [visitorId]),
    expiredAttachments: (sentBefore, unsentBefore, limit) =>
      all<AttachmentRow>(
        query,
        `SELECT ${COLUMNS} FROM attachments
         WHERE (status = 'sent' AND created_at < $1) OR (status <> 'sent' AND created_at < $2)
         ORDER BY created_at, id LIMIT $3`,
        [sentBefore, unsentBefore, limit],
      ),
    async deleteAttachments(ids) {
      if (ids.length > 0) await query('DELETE FROM attachments WHERE id = ANY($1)', [ids]);
    },
  };
}
