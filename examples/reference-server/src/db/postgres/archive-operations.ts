/**
 * The archive on Postgres: ended conversations, searchable by the visitor's name and email and by the
 * words of the messages, a visitor's earlier conversations, and what the team report counts.
 *
 * The words are searched in `messages_search` (a `tsvector` under the `simple` configuration), as SQLite
 * searches its FTS5 table: every word typed (at most eight) must start a word of one message. Where
 * Postgres differs:
 * - diacritics are not folded ("facture" does not find "Facturé", "facturé" does), and letters beyond
 *   ASCII fold their case only under a database locale that knows them (not under C);
 * - Postgres's parser keeps an email address, a host or a URL's path as one word: "example" does not
 *   find "ana@example.com", though "ana" does;
 * - the snippet of a message longer than 12 words is `ts_headline`'s fragment (12 words around the
 *   match, without SQLite's `…` where it cuts); a shorter message is whole, as on SQLite.
 */
import type { ArchiveRow, ReportRow } from '../archive-store.js';
import type { Async, StoreOperations } from '../store-types.js';
import { all, BY_AGENT, FIRST_TEXT, limitOf } from './sql.js';
import type { PostgresDeps } from './transactions.js';

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

/**
 * The snippet of a matching message `m`: the whole text when it has at most 12 words (as SQLite's
 * `snippet(…, 12)` gives it), else Postgres's fragment of 12 words around the match.
 */
const SNIPPET = `CASE WHEN cardinality(regexp_split_to_array(btrim(m.text), '\\s+')) <= 12 THEN m.text
  ELSE ts_headline('simple', m.text, to_tsquery('simple', $1),
    'StartSel="", StopSel="", MaxFragments=1, MaxWords=12, MinWords=4') END`;

/** $1: the tsquery's text, $2: what was typed (trimmed, in lower case), $3: the limit. */
const SEARCH = `SELECT ${ROW}, coalesce((SELECT ${SNIPPET}
    FROM messages_search m WHERE m.conversation_id = c.id AND m.words @@ to_tsquery('simple', $1) LIMIT 1),
    ${FIRST_TEXT}) AS snippet
  ${FROM}
  WHERE c.status = 'ended' AND (c.id IN (SELECT conversation_id FROM messages_search WHERE words @@ to_tsquery('simple', $1))
    OR strpos(lower(coalesce(i.name, '') || ' ' || coalesce(i.email, '') || ' ' || coalesce((
      SELECT string_agg(s.redacted_values, ' ') FROM form_submissions s
      WHERE s.conversation_id = c.id AND s.status = 'accepted'), '')), $2) > 0)
  ORDER BY c.ended_at DESC LIMIT $3`;

/**
 * What an agent typed as a `to_tsquery('simple', …)`: each word (letters and digits, at most eight)
 * quoted and matched as a prefix, all required. Empty when nothing searchable was typed; the same words
 * as SQLite's `ftsQuery` (archive-store.ts).
 *
 * @example
 * ```ts
 * tsQuery('facture "mai'); // "'facture':* & 'mai':*"
 * ```
 */
export function tsQuery(query: string): string {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 8)
    .map((word) => `'${word}':*`)
    .join(' & ');
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
    archive(text, limit) {
      const words = tsQuery(text);
      if (words === '') {
        return all<ArchiveRow>(
          query,
          `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
           WHERE c.status = 'ended' ORDER BY c.ended_at DESC LIMIT $1`,
          [limitOf(limit)],
        );
      }
      return all<ArchiveRow>(query, SEARCH, [words, text.trim().toLowerCase(), limitOf(limit)]);
    },
    earlierOf: (conversationId, limit) =>
      all<ArchiveRow>(
        query,
        `SELECT ${ROW}, ${FIRST_TEXT} AS snippet ${FROM}
         JOIN conversations self ON self.id = $1
         WHERE c.id <> $1 AND c.created_at <= self.created_at AND (c.visitor_id = self.visitor_id OR i.user_id =
           (SELECT user_id FROM identities WHERE visitor_id = self.visitor_id))
         ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
        [conversationId, limitOf(limit)],
      ),
    reportRows: (fromMs, toMs) =>
      all<ReportRow>(
        query,
        `SELECT c.agent_id, a.first_name, c.created_at, c.answered_at, c.ended_at,
           (SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND ${BY_AGENT}) AS first_response_at,
           r.solved, r.score,
           EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id)::int AS transferred
         FROM conversations c JOIN agents a ON a.id = c.agent_id LEFT JOIN ratings r ON r.conversation_id = c.id
         WHERE c.status = 'ended' AND c.ended_at >= $1 AND c.ended_at < $2 ORDER BY c.ended_at, c.id`,
        [fromMs, toMs],
      ),
  };
}
