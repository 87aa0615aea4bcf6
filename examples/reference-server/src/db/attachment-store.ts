import type { Database } from 'better-sqlite3';

/**
 * A file's row: who uploaded it for which message (`owner` and `client_id`, the message's own clientId),
 * what the server found in its bytes, and where it went. The bytes are never here: they are in the file
 * storage (src/files/), under the row's id (and `<id>_t` for an image's thumbnail).
 *
 * `status`: `open` (a slot, waiting for its bytes), `stored` (bytes kept, no message yet), `sent` (a
 * message of `conversation_id` carries it).
 */
export interface AttachmentRow {
  id: string;
  /** `visitor:<id>` or `agent:<id>`: a clientId is unique per owner. */
  owner: string;
  client_id: string;
  /** The visitor whose conversation it belongs to (erased with them). */
  visitor_id: string;
  conversation_id: string | null;
  /** The claimed name until stored, then the safe one. */
  name: string;
  /** The claimed size until stored, then the stored one. */
  size: number;
  media_type: string | null;
  width: number | null;
  height: number | null;
  /** 1 when an image has a thumbnail. */
  thumbnail: number;
  status: 'open' | 'stored' | 'sent';
  created_at: number;
}

/** A new slot: see {@link AttachmentStore.openUpload}. */
export type NewUpload = Pick<
  AttachmentRow,
  'id' | 'owner' | 'client_id' | 'visitor_id' | 'conversation_id' | 'name' | 'size'
>;

/** What the server found in an upload's bytes. */
export type StoredFile = Pick<
  AttachmentRow,
  'name' | 'size' | 'media_type' | 'width' | 'height' | 'thumbnail'
>;

/**
 * The attachments' rows (the HTTP side is src/files/upload-routes.ts).
 *
 * @example
 * ```ts
 * const row = store.openUpload({ id, owner: `visitor:${visitorId}`, client_id, visitor_id: visitorId, conversation_id: null, name, size });
 * ```
 */
export interface AttachmentStore {
  /** The slot of (`owner`, `client_id`): the one made before for it, whatever its status, or this new one. */
  openUpload(upload: NewUpload): AttachmentRow;
  attachment(id: string): AttachmentRow | undefined;
  /** The bytes are kept: `open` → `stored`. Undefined when the slot was not open (stored already, or gone). */
  storeUpload(id: string, found: StoredFile): AttachmentRow | undefined;
  /**
   * A message of `conversationId` carries the file: `stored` → `sent`. Again for the same conversation is
   * fine (a resend); false when the file is not stored, or went to another conversation.
   */
  sendUpload(id: string, conversationId: string): boolean;
  /** The files a conversation holds, plus those `owner` uploaded and has not sent yet. */
  filesCounted(owner: string, conversationId: string | undefined): number;
  /** Every file of the visitor's conversations and uploads (their bytes go before their rows). */
  attachmentsOfVisitor(visitorId: string): AttachmentRow[];
  /** Files sent before `sentBefore`, and slots or unsent files made before `unsentBefore`, oldest first. */
  expiredAttachments(sentBefore: number, unsentBefore: number, limit: number): AttachmentRow[];
  deleteAttachments(ids: readonly string[]): void;
}

/**
 * The table, with its indexes: the same columns on Postgres (postgres/migrations.ts). `IF NOT EXISTS`, as
 * step 1's tables, for a file whose steps were counted from 0 again.
 *
 * @example
 * ```ts
 * db.exec(ATTACHMENTS_TABLE);
 * ```
 */
export const ATTACHMENTS_TABLE = `
CREATE TABLE IF NOT EXISTS attachments (
  id              TEXT PRIMARY KEY,
  owner           TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  visitor_id      TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  media_type      TEXT,
  width           INTEGER,
  height          INTEGER,
  thumbnail       INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  UNIQUE (owner, client_id)
);
CREATE INDEX IF NOT EXISTS attachments_by_conversation ON attachments (conversation_id);
CREATE INDEX IF NOT EXISTS attachments_by_visitor ON attachments (visitor_id);
CREATE INDEX IF NOT EXISTS attachments_by_age ON attachments (created_at);
`;

const COLUMNS =
  'id, owner, client_id, visitor_id, conversation_id, name, size, media_type, width, height, thumbnail, status, created_at';

/**
 * The {@link AttachmentStore} half of the store, over an open database.
 *
 * @example
 * ```ts
 * const attachments = attachmentStore(db, Date.now);
 * ```
 */
export function attachmentStore(db: Database, now: () => number): AttachmentStore {
  const q = {
    insert: db.prepare<[NewUpload & { created_at: number }], void>(
      `INSERT INTO attachments (id, owner, client_id, visitor_id, conversation_id, name, size, status, created_at)
       VALUES (@id, @owner, @client_id, @visitor_id, @conversation_id, @name, @size, 'open', @created_at)
       ON CONFLICT (owner, client_id) DO NOTHING`,
    ),
    byClient: db.prepare<[string, string], AttachmentRow>(
      `SELECT ${COLUMNS} FROM attachments WHERE owner = ? AND client_id = ?`,
    ),
    byId: db.prepare<[string], AttachmentRow>(`SELECT ${COLUMNS} FROM attachments WHERE id = ?`),
    store: db.prepare<[StoredFile & { id: string }], void>(
      `UPDATE attachments SET name = @name, size = @size, media_type = @media_type, width = @width,
         height = @height, thumbnail = @thumbnail, status = 'stored' WHERE id = @id AND status = 'open'`,
    ),
    send: db.prepare<[{ id: string; conversation: string }], void>(
      `UPDATE attachments SET status = 'sent', conversation_id = @conversation
       WHERE id = @id AND status IN ('stored', 'sent') AND coalesce(conversation_id, @conversation) = @conversation`,
    ),
    counted: db.prepare<[{ owner: string; conversation: string }], { n: number }>(
      `SELECT count(*) AS n FROM attachments
       WHERE (conversation_id = @conversation AND status = 'sent') OR (owner = @owner AND status <> 'sent')`,
    ),
    ofVisitor: db.prepare<[string], AttachmentRow>(`SELECT ${COLUMNS} FROM attachments WHERE visitor_id = ?`),
    expired: db.prepare<[number, number, number], AttachmentRow>(
      `SELECT ${COLUMNS} FROM attachments
       WHERE (status = 'sent' AND created_at < ?) OR (status <> 'sent' AND created_at < ?)
       ORDER BY created_at LIMIT ?`,
    ),
    remove: db.prepare<[string], void>('DELETE FROM attachments WHERE id = ?'),
  };
  return {
    openUpload(upload) {
      q.insert.run({ ...upload, created_at: now() });
      return q.byClient.get(upload.owner, upload.client_id) as AttachmentRow;
    },
    attachment: (id) => q.byId.get(id),
    storeUpload(id, found) {
      const before = q.byId.get(id);
      if (before?.status !== 'open') return undefined;
      q.store.run({ ...found, id });
      return q.byId.get(id);
    },
    sendUpload(id, conversationId) {
      q.send.run({ id, conversation: conversationId });
      const row = q.byId.get(id);
      return row?.status === 'sent' && row.conversation_id === conversationId;
    },
    filesCounted: (owner, conversationId) =>
      q.counted.get({ owner, conversation: conversationId ?? '' })?.n ?? 0,
    attachmentsOfVisitor: (visitorId) => q.ofVisitor.all(visitorId),
    expiredAttachments: (sentBefore, unsentBefore, limit) => q.expired.all(sentBefore, unsentBefore, limit),
    deleteAttachments(ids) {
      for (const id of ids) q.remove.run(id);
    },
  };
}
