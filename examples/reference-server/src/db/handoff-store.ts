import type { Database } from 'better-sqlite3';

/**
 * Where the customer wrote in public.
 *
 * @example
 * ```ts
 * const channel: HandoffChannel = 'google';
 * ```
 */
export type HandoffChannel = 'x' | 'facebook' | 'instagram' | 'linkedin' | 'google' | 'other';

/**
 * Every {@link HandoffChannel}, in the order the API's errors list them.
 *
 * @example
 * ```ts
 * HANDOFF_CHANNELS.includes('x'); // true
 * ```
 */
export const HANDOFF_CHANNELS: readonly HandoffChannel[] = [
  'x',
  'facebook',
  'instagram',
  'linkedin',
  'google',
  'other',
];

/**
 * One fact the community manager already collected: for the advisor, never shown to the customer.
 *
 * @example
 * ```ts
 * const detail: HandoffDetail = { label: 'Order', value: 'A-1042' };
 * ```
 */
export interface HandoffDetail {
  label: string;
  value: string;
}

/**
 * A handoff: a public post's case carried to a private chat. Only the SHA-256 of its link's token is kept.
 * `visitor_id` and `conversation_id` are set when a visitor opens the link (once: it is theirs then);
 * `taken_*` when an agent takes its conversation, `resolved_at` when that conversation ends. The row goes
 * with its visitor and with its conversation (erasure).
 *
 * @example
 * ```ts
 * const row: HandoffRow | undefined = store.handoff('h_Jq3v…');
 * ```
 */
export interface HandoffRow {
  id: string;
  token_hash: string;
  channel: HandoffChannel;
  handle: string;
  post_url: string;
  posted_at: number | null;
  /** What the customer reads in the greeting (≤ 200 characters). */
  summary: string;
  details: HandoffDetail[];
  topic: string | null;
  /** The agent account the greeting names, if any. */
  advisor_id: string | null;
  /** An agent account's id, or `api:<key name>`. */
  created_by: string;
  created_at: number;
  expires_at: number;
  visitor_id: string | null;
  conversation_id: string | null;
  opened_at: number | null;
  taken_at: number | null;
  taken_by: string | null;
  resolved_at: number | null;
}

/**
 * A new handoff: see {@link HandoffStore.createHandoff}.
 *
 * @example
 * ```ts
 * store.createHandoff({ id, token_hash, channel: 'x', handle: '@ana', post_url, posted_at: null, summary, details: [], topic: null, advisor_id: null, created_by: 'api:crm', expires_at });
 * ```
 */
export type NewHandoff = Pick<
  HandoffRow,
  | 'id'
  | 'token_hash'
  | 'channel'
  | 'handle'
  | 'post_url'
  | 'posted_at'
  | 'summary'
  | 'details'
  | 'topic'
  | 'advisor_id'
  | 'created_by'
  | 'expires_at'
>;

/**
 * What opening a handoff did: see {@link HandoffStore.openHandoff}.
 *
 * @example
 * ```ts
 * const opening: HandoffOpening = store.openHandoff(id, visitorId); // 'opened' the first time
 * ```
 */
export type HandoffOpening = 'opened' | 'resumed' | 'used';

/**
 * The handoffs' rows (the frame is src/chat/handoff-open.ts, the HTTP API src/handoffs/handoff-routes.ts).
 *
 * @example
 * ```ts
 * const row = store.handoffByTokenHash(sha256(token));
 * if (row && store.openHandoff(row.id, visitorId) === 'opened') startItsConversation(row);
 * ```
 */
export interface HandoffStore {
  createHandoff(handoff: NewHandoff): HandoffRow;
  handoff(id: string): HandoffRow | undefined;
  handoffByTokenHash(tokenHash: string): HandoffRow | undefined;
  /**
   * Binds the handoff to the visitor if nobody holds it yet (`opened`); `resumed` when this visitor holds
   * it already, `used` when another does. Atomic: of two visitors opening it at once, one gets `opened`.
   */
  openHandoff(id: string, visitorId: string): HandoffOpening;
  /** The conversation the handoff started (set once, in the transaction that opened it). */
  setHandoffConversation(id: string, conversationId: string): void;
  handoffOfConversation(conversationId: string): HandoffRow | undefined;
  /** The newest handoffs first, at most `limit`. */
  recentHandoffs(limit: number): HandoffRow[];
  /** An agent took the handoff's conversation: the first one only is kept. */
  markHandoffTaken(conversationId: string, agentId: string): void;
  /** The handoff's conversation ended: the first end only is kept. */
  markHandoffResolved(conversationId: string): void;
  /**
   * Erases the handoffs nobody opened that expired before `expiredBefore` (ms): their link can no longer
   * open anything, so the case they carry goes. Returns how many.
   */
  eraseUnopenedHandoffs(expiredBefore: number): number;
  /**
   * The secret that signs handoff links: the one kept in the database, or `candidate`, kept now, when
   * there is none yet (every node and restart then signs with the same).
   */
  handoffSecret(candidate: string): string;
}

/**
 * The table: the same columns on Postgres (postgres/migrations.ts). `IF NOT EXISTS`, as step 1's tables,
 * for a file whose steps were counted from 0 again (the step that adds it also adds conversations'
 * `priority`, when missing: schema.ts).
 *
 * @example
 * ```ts
 * db.exec(HANDOFFS_TABLE);
 * ```
 */
export const HANDOFFS_TABLE = `
CREATE TABLE IF NOT EXISTS handoffs (
  id              TEXT PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL CHECK (channel IN ('x', 'facebook', 'instagram', 'linkedin', 'google', 'other')),
  handle          TEXT NOT NULL,
  post_url        TEXT NOT NULL,
  posted_at       INTEGER,
  summary         TEXT NOT NULL,
  details         TEXT NOT NULL,
  topic           TEXT,
  advisor_id      TEXT,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  visitor_id      TEXT REFERENCES visitors(id) ON DELETE CASCADE,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  opened_at       INTEGER,
  taken_at        INTEGER,
  taken_by        TEXT,
  resolved_at     INTEGER
);
CREATE INDEX IF NOT EXISTS handoffs_by_conversation ON handoffs (conversation_id);
CREATE INDEX IF NOT EXISTS handoffs_by_visitor ON handoffs (visitor_id);
CREATE INDEX IF NOT EXISTS handoffs_by_age ON handoffs (created_at);
`;

/**
 * The columns of a handoff, in the order both engines read them.
 *
 * @example
 * ```ts
 * db.prepare(`SELECT ${HANDOFF_COLUMNS} FROM handoffs WHERE id = ?`);
 * ```
 */
export const HANDOFF_COLUMNS =
  'id, token_hash, channel, handle, post_url, posted_at, summary, details, topic, advisor_id, created_by, created_at, expires_at, visitor_id, conversation_id, opened_at, taken_at, taken_by, resolved_at';

/**
 * A handoff as its row reads, its details parsed.
 *
 * @example
 * ```ts
 * const row = handoffFromRecord({ ...record, details: '[]' });
 * ```
 */
export function handoffFromRecord(record: Omit<HandoffRow, 'details'> & { details: string }): HandoffRow {
  return { ...record, details: JSON.parse(record.details) as HandoffDetail[] };
}

type HandoffRecord = Omit<HandoffRow, 'details'> & { details: string };

/**
 * The {@link HandoffStore} half of the store, over an open SQLite database.
 *
 * @example
 * ```ts
 * const handoffs = handoffStore(db, Date.now);
 * ```
 */
export function handoffStore(db: Database, now: () => number): HandoffStore {
  const select = (where: string) =>
    db.prepare<unknown[], HandoffRecord>(`SELECT ${HANDOFF_COLUMNS} FROM handoffs ${where}`);
  const q = {
    insert: db.prepare(
      `INSERT INTO handoffs (id, token_hash, channel, handle, post_url, posted_at, summary, details, topic,
         advisor_id, created_by, created_at, expires_at)
       VALUES (@id, @token_hash, @channel, @handle, @post_url, @posted_at, @summary, @details, @topic,
         @advisor_id, @created_by, @created_at, @expires_at)`,
    ),
    byId: select('WHERE id = ?'),
    byHash: select('WHERE token_hash = ?'),
    byConversation: select('WHERE conversation_id = ?'),
    recent: select('ORDER BY created_at DESC, id DESC LIMIT ?'),
    open: db.prepare<[string, number, string], void>(
      'UPDATE handoffs SET visitor_id = ?, opened_at = ? WHERE id = ? AND visitor_id IS NULL',
    ),
    bind: db.prepare<[string, string], void>(
      'UPDATE handoffs SET conversation_id = ? WHERE id = ? AND conversation_id IS NULL',
    ),
    taken: db.prepare<[number, string, string], void>(
      'UPDATE handoffs SET taken_at = ?, taken_by = ? WHERE conversation_id = ? AND taken_at IS NULL',
    ),
    resolved: db.prepare<[number, string], void>(
      'UPDATE handoffs SET resolved_at = ? WHERE conversation_id = ? AND resolved_at IS NULL',
    ),
    eraseUnopened: db.prepare<[number], void>(
      'DELETE FROM handoffs WHERE visitor_id IS NULL AND expires_at < ?',
    ),
    keepSecret: db.prepare<[string], void>(
      "INSERT OR IGNORE INTO meta (key, value) VALUES ('handoff_secret', ?)",
    ),
    secret: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'handoff_secret'"),
  };
  const read = (record: HandoffRecord | undefined) => (record ? handoffFromRecord(record) : undefined);
  return {
    createHandoff(handoff) {
      q.insert.run({ ...handoff, details: JSON.stringify(handoff.details), created_at: now() });
      return read(q.byId.get(handoff.id)) as HandoffRow;
    },
    handoff: (id) => read(q.byId.get(id)),
    handoffByTokenHash: (tokenHash) => read(q.byHash.get(tokenHash)),
    openHandoff(id, visitorId) {
      // One statement: SQLite's single writer makes the check and the claim one step.
      if (q.open.run(visitorId, now(), id).changes === 1) return 'opened';
      return q.byId.get(id)?.visitor_id === visitorId ? 'resumed' : 'used';
    },
    setHandoffConversation: (id, conversationId) => void q.bind.run(conversationId, id),
    handoffOfConversation: (conversationId) => read(q.byConversation.get(conversationId)),
    recentHandoffs: (limit) => q.recent.all(limit).map((record) => handoffFromRecord(record)),
    markHandoffTaken: (conversationId, agentId) => void q.taken.run(now(), agentId, conversationId),
    markHandoffResolved: (conversationId) => void q.resolved.run(now(), conversationId),
    eraseUnopenedHandoffs: (expiredBefore) => q.eraseUnopened.run(expiredBefore).changes,
    handoffSecret(candidate) {
      q.keepSecret.run(candidate);
      return (q.secret.get() as { value: string }).value;
    },
  };
}
