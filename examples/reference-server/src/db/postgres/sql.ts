/**
 * What the Postgres operations share: reading rows, the SQL that several of them embed (a conversation's
 * given name and email, the queue's rows), the events as stored turned back into events, and a
 * conversation's message indexed for search. SQLite's `json_extract(x, '$.a.b')` is `x::json -> 'a' ->> 'b'`
 * here; its `rowid`, which breaks ties of time there, is the id here (see each query).
 */
import type { ConversationEvent } from '@clavard/protocol';
import { eventFromRow } from '../row-mappers.js';
import { searchableText } from '../search-index.js';
import type { EventInput } from '../store-types.js';
import { indexedText } from './search-words.js';
import type { PostgresDeps } from './transactions.js';
import { appendEvent, type Queryable } from './writes.js';

/**
 * `value` with every NUL character of its strings (keys too) made U+FFFD. Postgres's TEXT cannot hold a
 * NUL, and its `json` refuses to read back a row that holds one escaped (`\u0000`), which would break
 * every query reading that row's JSON (the queue's, for every agent); SQLite keeps them.
 *
 * @example
 * ```ts
 * withoutNul({ text: 'a\u0000b' }); // { text: 'a\uFFFDb' }
 * ```
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string')
    return (value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item)]),
  ) as T;
}

/**
 * `value` as JSON text Postgres can read back (see {@link withoutNul}).
 *
 * @example
 * ```ts
 * await query('UPDATE visitors SET prechat_answers = $1 WHERE id = $2', [jsonText(answers), visitorId]);
 * ```
 */
export const jsonText = (value: unknown): string => JSON.stringify(withoutNul(value));

/**
 * The first row of a query, or undefined (what better-sqlite3's `.get()` gives).
 *
 * @example
 * ```ts
 * const row = await one<{ value: string }>(tx.query, "SELECT value FROM meta WHERE key = 'epoch'");
 * ```
 */
export async function one<R extends object>(
  query: Queryable['query'],
  text: string,
  values?: unknown[],
): Promise<R | undefined> {
  return (await query<R>(text, values)).rows[0];
}

/**
 * Every row of a query (what better-sqlite3's `.all()` gives).
 *
 * @example
 * ```ts
 * const topics = await all<{ topic: string }>(tx.query, 'SELECT topic FROM agent_topics');
 * ```
 */
export async function all<R extends object>(
  query: Queryable['query'],
  text: string,
  values?: unknown[],
): Promise<R[]> {
  return (await query<R>(text, values)).rows;
}

/**
 * A LIMIT as SQLite reads it: a negative one is no limit (Postgres refuses it; NULL is none there).
 *
 * @example
 * ```ts
 * limitOf(-1); // null
 * ```
 */
export const limitOf = (limit: number): number | null => (limit < 0 ? null : limit);

/**
 * The name or the email of the conversation's latest accepted pre-chat form (an empty answer as NULL), as
 * a correlated sub-query on `conversation` (a column or a parameter).
 *
 * @example
 * ```ts
 * `SELECT ${given('name', 'c.id')} AS given_name FROM conversations c`;
 * ```
 */
export const given = (field: 'name' | 'email', conversation: string): string =>
  `(SELECT NULLIF(TRIM(s.redacted_values::json ->> '${field}'), '') FROM form_submissions s
     JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
     WHERE s.conversation_id = ${conversation} AND f.kind = 'prechat' AND s.status = 'accepted'
     ORDER BY s.at DESC LIMIT 1)`;

/**
 * The email of the conversation `c`'s latest accepted leave-a-message form, as a sub-query.
 *
 * @example
 * ```ts
 * `SELECT ${CONTACT_EMAIL} AS contact_email FROM conversations c`;
 * ```
 */
export const CONTACT_EMAIL = `(SELECT s.redacted_values::json ->> 'email' FROM form_submissions s
  JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
  WHERE s.conversation_id = c.id AND f.kind = 'offline' AND s.status = 'accepted'
  ORDER BY s.at DESC LIMIT 1)`;

/**
 * The text of the conversation `c`'s first message, as a sub-query.
 *
 * @example
 * ```ts
 * `SELECT ${FIRST_TEXT} AS preview FROM conversations c`;
 * ```
 */
export const FIRST_TEXT = `(SELECT e.payload::json -> 'content' ->> 'text' FROM events e
  WHERE e.conversation_id = c.id AND e.type = 'message' ORDER BY e.seq LIMIT 1)`;

/**
 * Whether the event `e` is a message of an agent, as a condition.
 *
 * @example
 * ```ts
 * `SELECT 1 FROM events e WHERE ${BY_AGENT}`;
 * ```
 */
export const BY_AGENT = `e.type = 'message' AND e.payload::json -> 'author' ->> 'role' = 'agent'`;

/**
 * A conversation's columns as the store's rows have them (ConversationRow): every column but `arrival`,
 * which only orders them.
 *
 * @example
 * ```ts
 * await query(`SELECT ${CONVERSATION} FROM conversations WHERE id = $1`, [id]);
 * ```
 */
export const CONVERSATION =
  'id, visitor_id, epoch, status, topic, agent_id, created_at, answered_at, ended_at, last_seq, visitor_read_seq, agent_read_seq, left_message_at, priority';

/**
 * A column of the handoff that named the conversation's advisor: of its handoffs, the last opened that
 * named one (a visitor may open two links into one conversation).
 */
const ADVISOR = (column: 'advisor_id' | 'opened_at'): string =>
  `(SELECT h.${column} FROM handoffs h WHERE h.conversation_id = c.id AND h.advisor_id IS NOT NULL
     ORDER BY h.opened_at DESC, h.created_at DESC LIMIT 1)`;

/**
 * The queue's rows, oldest first (ties in the order the conversations arrived), with the customer each
 * visitor was identified as; `only` narrows it to one conversation.
 *
 * @example
 * ```ts
 * await all<QueueRow>(tx.query, queuedSql('AND c.id = $1'), [conversationId]);
 * ```
 */
export const queuedSql = (only: string): string =>
  `SELECT c.id, c.visitor_id, c.topic, c.created_at, ${FIRST_TEXT} AS preview,
     ${CONTACT_EMAIL} AS contact_email, ${given('name', 'c.id')} AS given_name, ${given('email', 'c.id')} AS given_email,
     i.user_id AS identity_user_id, i.name AS identity_name, i.email AS identity_email,
     ${ADVISOR('advisor_id')} AS advisor_id, ${ADVISOR('opened_at')} AS advisor_since
   FROM conversations c LEFT JOIN identities i ON i.visitor_id = c.visitor_id
   WHERE c.status = 'queued' AND c.left_message_at IS NULL ${only} ORDER BY c.priority DESC, c.created_at, c.arrival`;

/**
 * An event as the events table keeps it.
 *
 * @example
 * ```ts
 * const rows = await all<EventRecord>(tx.query, 'SELECT seq, type, payload, at FROM events');
 * ```
 */
export interface EventRecord {
  seq: number;
  type: string;
  payload: string;
  at: number;
}

/**
 * The event a row of the events table holds.
 *
 * @example
 * ```ts
 * rows.map((row) => toEvent(conversationId, row));
 * ```
 */
export const toEvent = (conversationId: string, row: EventRecord): ConversationEvent =>
  eventFromRow(conversationId, row);

/**
 * Indexes a message for the archive's search (its folded words, see search-words.ts), in the transaction
 * that stores it; nothing for another event.
 *
 * @example
 * ```ts
 * await indexForSearch(tx.query, conversationId, event);
 * ```
 */
export async function indexForSearch(
  query: Queryable['query'],
  conversationId: string,
  input: EventInput,
): Promise<void> {
  if (input.type !== 'message') return;
  await query('INSERT INTO messages_search (conversation_id, text) VALUES ($1, $2)', [
    conversationId,
    indexedText(searchableText(input.content)),
  ]);
}

/**
 * Appends the event under the conversation's next seq (writes.ts) and indexes it when it is a message.
 * Call inside a transaction.
 *
 * @example
 * ```ts
 * await deps.tx.atomically(() => appendIndexed(deps, conversationId, { type: 'conversation.ended', by: 'agent' }));
 * ```
 */
export async function appendIndexed(
  deps: PostgresDeps,
  conversationId: string,
  input: EventInput,
): Promise<ConversationEvent> {
  const stored = withoutNul(input);
  const event = await appendEvent({ query: deps.tx.query }, conversationId, stored, deps.now());
  await indexForSearch(deps.tx.query, conversationId, stored);
  return event;
}
