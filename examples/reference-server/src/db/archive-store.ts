import type { Database } from 'better-sqlite3';

/**
 * An ended conversation as the archive lists it: when, who answered, who the visitor said or was shown
 * to be, and a snippet (the matching words, or the visitor's first message).
 */
export interface ArchiveRow {
  id: string;
  visitor_id: string;
  topic: string | null;
  created_at: number;
  ended_at: number;
  agent_first_name: string | null;
  name: string | null;
  email: string | null;
  snippet: string | null;
  score: number | null;
  solved: number | null;
}

/** One ended conversation, as the team report counts it. */
export interface ReportRow {
  agent_id: string;
  first_name: string;
  created_at: number;
  answered_at: number | null;
  ended_at: number;
  first_response_at: number | null;
  solved: number | null;
  score: number | null;
  transferred: number;
  /** A conversation a handoff link started: when the public post was made (else the handoff), null otherwise. */
  posted_at: number | null;
  /** …and when the customer opened the link. */
  handoff_opened_at: number | null;
}

/**
 * The organisation's memory: ended conversations, searchable by the visitor's name and email and by the
 * text of the messages (FTS5), a visitor's earlier conversations, and what the team report counts.
 *
 * @example
 * ```ts
 * store.archive('facture', 20);
 * ```
 */
export interface ArchiveStore {
  /** Ended conversations matching `query` (all of them when blank), newest first, at most `limit`. */
  archive(query: string, limit: number): ArchiveRow[];
  /** The visitor's other conversations (same browser or same identified customer), newest first. */
  earlierOf(conversationId: string, limit: number): ArchiveRow[];
  /** The conversations that ended in `[fromMs, toMs)`, with what the report counts. */
  reportRows(fromMs: number, toMs: number): ReportRow[];
}

/** Who the visitor was: the identity the organisation vouched for, else what they gave in forms. */
const WHO = `
  coalesce(i.name, (SELECT NULLIF(TRIM(json_extract(s.redacted_values, '$.name')), '') FROM form_submissions s
    WHERE s.conversation_id = c.id AND s.status = 'accepted' AND json_extract(s.redacted_values, '$.name') IS NOT NULL
    ORDER BY s.at DESC LIMIT 1)) AS name,
  coalesce(i.email, (SELECT NULLIF(TRIM(json_extract(s.redacted_values, '$.email')), '') FROM form_submissions s
    WHERE s.conversation_id = c.id AND s.status = 'accepted' AND json_extract(s.redacted_values, '$.email') IS NOT NULL
    ORDER BY s.at DESC LIMIT 1)) AS email`;

const FIRST_TEXT = `(SELECT json_extract(e.payload, '$.content.text') FROM events e
  WHERE e.conversation_id = c.id AND e.type = 'message' ORDER BY e.seq LIMIT 1)`;

const ROW = `c.id, c.visitor_id, c.topic, c.created_at, c.ended_at, a.first_name AS agent_first_name, ${WHO},
  r.score, r.solved`;

const FROM = `FROM conversations c
  LEFT JOIN agents a ON a.id = c.agent_id
  LEFT JOIN identities i ON i.visitor_id = c.visitor_id
  LEFT JOIN ratings r ON r.conversation_id = c.id`;

/**
 * Turns what an agent typed into an FTS5 query: each word quoted (no operator can be injected) and
 * matched as a prefix, all words required. Empty when nothing searchable was typed.
 *
 * @example
 * ```ts
 * ftsQuery('facture "mai'); // '"facture"* "mai"*'
 * ```
 */
export function ftsQuery(query: string): string {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 8)
    .map((word) => `"${word}"*`)
    .join(' ');
}

/**
 * The {@link ArchiveStore} part of the store, over an open database.
 *
 * @example
 * ```ts
 * const archive = archiveStore(db);
 * ```
 */
export function archiveStore(db: Database): ArchiveStore {
  const q = {
    recent: db.prepare<[number], ArchiveRow>(
      `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
       WHERE c.status = 'ended' ORDER BY c.ended_at DESC LIMIT ?`,
    ),
    search: db.prepare<[{ match: string; text: string; limit: number }], ArchiveRow>(
      `SELECT ${ROW}, coalesce((SELECT snippet(messages_fts, 0, '', '', '…', 12) FROM messages_fts
           WHERE messages_fts MATCH @match AND conversation_id = c.id LIMIT 1), ${FIRST_TEXT}) AS snippet
       ${FROM}
       WHERE c.status = 'ended' AND (c.id IN (SELECT conversation_id FROM messages_fts WHERE messages_fts MATCH @match)
         OR instr(lower(coalesce(i.name, '') || ' ' || coalesce(i.email, '') || ' ' || coalesce((
           SELECT group_concat(s.redacted_values, ' ') FROM form_submissions s
           WHERE s.conversation_id = c.id AND s.status = 'accepted'), '')), @text) > 0)
       ORDER BY c.ended_at DESC LIMIT @limit`,
    ),
    earlier: db.prepare<[{ id: string; limit: number }], ArchiveRow>(
      `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
       JOIN conversations self ON self.id = @id
       WHERE c.id != @id AND c.created_at <= self.created_at AND (c.visitor_id = self.visitor_id OR i.user_id =
         (SELECT user_id FROM identities WHERE visitor_id = self.visitor_id))
       ORDER BY c.created_at DESC, c.rowid DESC LIMIT @limit`,
    ),
    report: db.prepare<[number, number], ReportRow>(
      `SELECT c.agent_id, a.first_name, c.created_at, c.answered_at, c.ended_at,
         (SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND e.type = 'message'
           AND json_extract(e.payload, '$.author.role') = 'agent') AS first_response_at,
         r.solved, r.score,
         EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id) AS transferred,
         COALESCE(h.posted_at, h.created_at) AS posted_at, h.opened_at AS handoff_opened_at
       FROM conversations c JOIN agents a ON a.id = c.agent_id LEFT JOIN ratings r ON r.conversation_id = c.id
         LEFT JOIN handoffs h ON h.conversation_id = c.id
       WHERE c.status = 'ended' AND c.ended_at >= ? AND c.ended_at < ? ORDER BY c.ended_at`,
    ),
  };
  return {
    archive(query, limit) {
      const words = ftsQuery(query);
      if (words === '') return q.recent.all(limit);
      return q.search.all({ match: words, text: query.trim().toLowerCase(), limit });
    },
    earlierOf: (conversationId, limit) => q.earlier.all({ id: conversationId, limit }),
    reportRows: (fromMs, toMs) => q.report.all(fromMs, toMs),
  };
}
