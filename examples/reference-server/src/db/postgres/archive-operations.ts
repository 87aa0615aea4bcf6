/**
 * The archive on Postgres: ended conversations, searchable by the visitor's name and email and by the
 * words of the messages, a visitor's earlier conversations, and what the team report counts.
 *
 * The words are searched in `messages_search` (a `tsvector` of each message's folded words, see
 * search-words.ts), as SQLite searches its FTS5 table: every word typed (at most eight) must start a word
 * of one message, case and diacritics aside. The snippet is cut from the first matching message as
 * SQLite's `snippet()` cuts it.
 */
import type { MessageContent } from '@clavard/protocol';
import type { ArchiveRow, ReportRow } from '../archive-store.js';
import { searchableText } from '../search-index.js';
import type { Async, StoreOperations } from '../store-types.js';
import { matchesAll, queryWords, snippetOf, tsQuery } from './search-words.js';
import { all, BY_AGENT, FIRST_TEXT, limitOf } from './sql.js';
import type { PostgresDeps } from './transactions.js';
import type { Queryable } from './writes.js';

/**
 * The operations of this file, each answering with a promise.
 *
 * @example
 * ```ts
 * const archive: ArchiveOperations = archiveOperations(deps);
 * ```
 */
export type ArchiveOperations = Async<Pick<StoreOperations, 'archive' | 'earlierOf' | 'reportRows'>>;

/** Who the visitor was: the identity the organisation vouched for, else what they gave in forms. */
const WHO = (['name', 'email'] as const)
  .map(
    (field) => `coalesce(i.${field}, (SELECT NULLIF(TRIM(s.redacted_values::json ->> '${field}'), '')
      FROM form_submissions s
      WHERE s.conversation_id = c.id AND s.status = 'accepted' AND s.redacted_values::json ->> '${field}' IS NOT NULL
      ORDER BY s.at DESC LIMIT 1)) AS ${field}`,
  )
  .join(',\n');

const ROW = `c.id, c.visitor_id, c.topic, c.created_at, c.ended_at, a.first_name AS agent_first_name, ${WHO},
  r.score, r.solved`;

const FROM = `FROM conversations c
  LEFT JOIN agents a ON a.id = c.agent_id
  LEFT JOIN identities i ON i.visitor_id = c.visitor_id
  LEFT JOIN ratings r ON r.conversation_id = c.id`;

/** $1: the tsquery's text, $2: what was typed (trimmed, in lower case), $3: the limit. */
const SEARCH = `SELECT ${ROW}, ${FIRST_TEXT} AS snippet
  ${FROM}
  WHERE c.status = 'ended' AND (c.id IN (SELECT conversation_id FROM messages_search WHERE words @@ to_tsquery('simple', $1))
    OR strpos(lower(coalesce(i.name, '') || ' ' || coalesce(i.email, '') || ' ' || coalesce((
      SELECT string_agg(s.redacted_values, ' ') FROM form_submissions s
      WHERE s.conversation_id = c.id AND s.status = 'accepted'), '')), $2) > 0)
  ORDER BY c.ended_at DESC LIMIT $3`;

/**
 * The rows found, each with the snippet of its first message holding every word (in the order of the
 * conversation), or, found by the visitor's name or email alone, its first message.
 */
async function withSnippets(
  query: Queryable['query'],
  rows: ArchiveRow[],
  words: string[],
): Promise<ArchiveRow[]> {
  const messages = await all<{ conversation_id: string; payload: string }>(
    query,
    `SELECT conversation_id, payload FROM events WHERE conversation_id = ANY($1) AND type = 'message'
     ORDER BY conversation_id, seq`,
    [rows.map((row) => row.id)],
  );
  const snippets = new Map<string, string>();
  for (const message of messages) {
    if (snippets.has(message.conversation_id)) continue;
    const text = searchableText((JSON.parse(message.payload) as { content: MessageContent }).content);
    if (matchesAll(text, words)) snippets.set(message.conversation_id, snippetOf(text, words));
  }
  return rows.map((row) => ({ ...row, snippet: snippets.get(row.id) ?? row.snippet }));
}

/**
 * The archive, see the file's comment.
 *
 * @example
 * ```ts
 * const archive = archiveOperations(deps);
 * const found = await archive.archive('facture', 20);
 * ```
 */
export function archiveOperations(deps: PostgresDeps): ArchiveOperations {
  const query = deps.tx.query;
  return {
    async archive(text, limit) {
      const words = queryWords(text);
      if (words.length === 0) {
        return all<ArchiveRow>(
          query,
          `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
           WHERE c.status = 'ended' ORDER BY c.ended_at DESC LIMIT $1`,
          [limitOf(limit)],
        );
      }
      const found = await all<ArchiveRow>(query, SEARCH, [
        tsQuery(words),
        text.trim().toLowerCase(),
        limitOf(limit),
      ]);
      return withSnippets(query, found, words);
    },
    earlierOf: (conversationId, limit) =>
      all<ArchiveRow>(
        query,
        `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
         JOIN conversations self ON self.id = $1
         WHERE c.id <> $1 AND c.created_at <= self.created_at AND (c.visitor_id = self.visitor_id OR i.user_id =
           (SELECT user_id FROM identities WHERE visitor_id = self.visitor_id))
         ORDER BY c.created_at DESC, c.arrival DESC LIMIT $2`,
        [conversationId, limitOf(limit)],
      ),
    reportRows: (fromMs, toMs) =>
      all<ReportRow>(
        query,
        `SELECT c.agent_id, a.first_name, c.created_at, c.answered_at, c.ended_at,
           (SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND ${BY_AGENT}) AS first_response_at,
           r.solved, r.score,
           EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id)::int AS transferred,
           COALESCE(h.posted_at, h.created_at) AS posted_at, h.opened_at AS handoff_opened_at
         FROM conversations c JOIN agents a ON a.id = c.agent_id LEFT JOIN ratings r ON r.conversation_id = c.id
           LEFT JOIN handoffs h ON h.conversation_id = c.id
         WHERE c.status = 'ended' AND c.ended_at >= $1 AND c.ended_at < $2 ORDER BY c.ended_at, c.id`,
        [fromMs, toMs],
      ),
  };
}
