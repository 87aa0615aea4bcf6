/**
 * The SQLite store's statements, prepared once per database: every read and write of store.ts as SQL.
 */
import type { AgentStats } from '@clavard/agent-api';
import type { FormKind } from '@clavard/protocol';
import type { Database } from 'better-sqlite3';
import type { AckRow, AgentRow, ConversationRow, VisitorRow } from './rows.js';
import type { QueueRow } from './store-types.js';

/**
 * The name or the email of the conversation's latest accepted pre-chat form (an empty answer as NULL), as
 * a correlated sub-query on `conversation` (a column or a parameter): read by index for that conversation
 * alone. Only what the visitor typed: the server has not verified it.
 */
const given = (field: 'name' | 'email', conversation: string) =>
  `(SELECT NULLIF(TRIM(json_extract(s.redacted_values, '$.${field}')), '') FROM form_submissions s
     JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
     WHERE s.conversation_id = ${conversation} AND f.kind = 'prechat' AND s.status = 'accepted'
     ORDER BY s.at DESC, s.rowid DESC LIMIT 1)`;

/**
 * A column of the handoff that named the conversation's advisor: of its handoffs, the last opened that
 * named one (a visitor may open two links into one conversation).
 */
const ADVISOR = (column: 'advisor_id' | 'opened_at'): string =>
  `(SELECT h.${column} FROM handoffs h WHERE h.conversation_id = c.id AND h.advisor_id IS NOT NULL
     ORDER BY h.opened_at DESC, h.created_at DESC LIMIT 1)`;

/** The queue's rows (see {@link Store.queued}), oldest first; `only` narrows it to one conversation. */
const queuedSql = (only: string): string =>
  `SELECT c.id, c.visitor_id, c.topic, c.created_at,
         (SELECT json_extract(e.payload, '$.content.text') FROM events e
           WHERE e.conversation_id = c.id AND e.type = 'message' ORDER BY e.seq LIMIT 1) AS preview,
         (SELECT json_extract(s.redacted_values, '$.email') FROM form_submissions s
           JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
           WHERE s.conversation_id = c.id AND f.kind = 'offline' AND s.status = 'accepted'
           ORDER BY s.at DESC LIMIT 1) AS contact_email,
         ${given('name', 'c.id')} AS given_name, ${given('email', 'c.id')} AS given_email,
         i.user_id AS identity_user_id, i.name AS identity_name, i.email AS identity_email,
         ${ADVISOR('advisor_id')} AS advisor_id, ${ADVISOR('opened_at')} AS advisor_since
       FROM conversations c LEFT JOIN identities i ON i.visitor_id = c.visitor_id
       WHERE c.status = 'queued' AND c.left_message_at IS NULL ${only} ORDER BY c.priority DESC, c.created_at, c.rowid`;

/**
 * The statements of {@link prepareStatements}'s database, by what they do.
 *
 * @example
 * ```ts
 * const q = prepareStatements(db);
 * q.conversation.get(conversationId);
 * ```
 */
export function prepareStatements(db: Database) {
  return {
    insertVisitor: db.prepare<[string, string, string, number, number], void>(
      'INSERT INTO visitors (id, token_hash, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    ),
    visitorByHash: db.prepare<[string], VisitorRow>(
      'SELECT id, locale, created_at FROM visitors WHERE token_hash = ?',
    ),
    setTopic: db.prepare<[string, string], void>('UPDATE conversations SET topic = ? WHERE id = ?'),
    visitorById: db.prepare<[string], VisitorRow>('SELECT id, locale, created_at FROM visitors WHERE id = ?'),
    identify: db.prepare<[string, string, string | null, string | null, number], void>(
      'INSERT OR REPLACE INTO identities (visitor_id, user_id, name, email, at) VALUES (?, ?, ?, ?, ?)',
    ),
    identityOf: db.prepare<[string], { user_id: string; name: string | null; email: string | null }>(
      'SELECT user_id, name, email FROM identities WHERE visitor_id = ?',
    ),
    touchVisitor: db.prepare<[number, string], void>('UPDATE visitors SET last_seen_at = ? WHERE id = ?'),
    setContext: db.prepare<[string | null, string | null, string | null, string], void>(
      'UPDATE visitors SET page_url = ?, page_title = ?, time_zone = ? WHERE id = ?',
    ),
    context: db.prepare<
      [string],
      { page_url: string | null; page_title: string | null; time_zone: string | null }
    >('SELECT page_url, page_title, time_zone FROM visitors WHERE id = ?'),
    endVisitor: db.prepare<[string], void>('UPDATE visitors SET token_hash = NULL WHERE id = ?'),
    forgetVisitor: db.prepare<[string], void>('DELETE FROM visitors WHERE id = ?'),
    heldOfVisitor: db.prepare<[string], ConversationRow>(
      'SELECT * FROM conversations WHERE visitor_id = ? AND agent_id IS NOT NULL',
    ),
    agent: db.prepare<[string], AgentRow>(
      'SELECT id, first_name, title, avatar_url, created_at, login, role FROM agents WHERE id = ?',
    ),
    agentTopics: db.prepare<[string], { topic: string }>(
      'SELECT topic FROM agent_topics WHERE agent_id = ? ORDER BY topic',
    ),
    clearAgentTopics: db.prepare<[string], void>('DELETE FROM agent_topics WHERE agent_id = ?'),
    insertAgentTopic: db.prepare<[string, string], void>(
      'INSERT OR IGNORE INTO agent_topics (agent_id, topic) VALUES (?, ?)',
    ),
    conversation: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    current: db.prepare<[string], ConversationRow>(
      'SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    insertConversation: db.prepare<[string, string, string, string | null, number, number], void>(
      "INSERT INTO conversations (id, visitor_id, epoch, status, topic, created_at, priority) VALUES (?, ?, ?, 'queued', ?, ?, ?)",
    ),
    queued: db.prepare<[], QueueRow>(queuedSql('')),
    queuedOne: db.prepare<[string], QueueRow>(queuedSql('AND c.id = ?')),
    givenOf: db.prepare<[string], { name: string | null; email: string | null }>(
      `SELECT ${given('name', 'x.id')} AS name, ${given('email', 'x.id')} AS email FROM (SELECT ? AS id) x`,
    ),
    activeOf: db.prepare<[string], ConversationRow>(
      "SELECT * FROM conversations WHERE agent_id = ? AND status = 'active' ORDER BY created_at",
    ),
    nextSeq: db.prepare<[string], { last_seq: number }>(
      'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    ),
    insertEvent: db.prepare<[string, number, string, string, number], void>(
      'INSERT INTO events (conversation_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[string, number, number], { seq: number; type: string; payload: string; at: number }>(
      'SELECT seq, type, payload, at FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    eventsBefore: db.prepare<
      [string, number, number],
      { seq: number; type: string; payload: string; at: number }
    >(
      'SELECT seq, type, payload, at FROM events WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ),
    agentWrote: db.prepare<[string], { found: number }>(
      `SELECT 1 AS found FROM events WHERE conversation_id = ? AND type = 'message'
         AND json_extract(payload, '$.author.role') = 'agent' LIMIT 1`,
    ),
    ackOf: db.prepare<[string, string], AckRow>(
      `SELECT a.* FROM acks a JOIN conversations c ON c.id = a.conversation_id
       WHERE a.client_id = ? AND c.visitor_id = ? LIMIT 1`,
    ),
    ackIn: db.prepare<[string, string], AckRow>(
      'SELECT * FROM acks WHERE conversation_id = ? AND client_id = ?',
    ),
    insertAck: db.prepare<[string, string, string, string, number, number], void>(
      'INSERT INTO acks (conversation_id, client_id, content_hash, message_id, seq, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    assign: db.prepare<[string, number, string], void>(
      "UPDATE conversations SET agent_id = ?, status = 'active', answered_at = coalesce(answered_at, ?) WHERE id = ?",
    ),
    /** Only while queued: the one agent who takes it changes the row. */
    take: db.prepare<[string, number, string], void>(
      "UPDATE conversations SET agent_id = ?, status = 'active', answered_at = coalesce(answered_at, ?) WHERE id = ? AND status = 'queued'",
    ),
    insertTransfer: db.prepare<[string, string | null, string, number, string | null], void>(
      'INSERT INTO transfers (conversation_id, from_agent_id, to_agent_id, at, note) VALUES (?, ?, ?, ?, ?)',
    ),
    transferNote: db.prepare<[string], { from_agent_id: string | null; note: string | null; at: number }>(
      'SELECT from_agent_id, note, at FROM transfers WHERE conversation_id = ? ORDER BY id DESC LIMIT 1',
    ),
    requeue: db.prepare<[string, string], void>(
      "UPDATE conversations SET status = 'queued', agent_id = NULL WHERE id = ? AND status = 'active' AND agent_id = ?",
    ),
    /** Only from the agent holding it, while under way. */
    handOver: db.prepare<[string, string, string | null], void>(
      "UPDATE conversations SET agent_id = ? WHERE id = ? AND status = 'active' AND agent_id IS ?",
    ),
    end: db.prepare<[number, string], void>(
      "UPDATE conversations SET status = 'ended', ended_at = ? WHERE id = ? AND status <> 'ended'",
    ),
    visitorRead: db.prepare<[number, string], void>(
      'UPDATE conversations SET visitor_read_seq = max(visitor_read_seq, ?) WHERE id = ?',
    ),
    agentRead: db.prepare<[number, string], void>(
      'UPDATE conversations SET agent_read_seq = max(agent_read_seq, ?) WHERE id = ?',
    ),
    insertForm: db.prepare<[string, string, string, string], void>(
      'INSERT OR REPLACE INTO forms (conversation_id, form_id, kind, fields) VALUES (?, ?, ?, ?)',
    ),
    formOf: db.prepare<
      [string, string],
      { conversation_id: string; form_id: string; kind: FormKind; fields: string }
    >(
      `SELECT f.conversation_id, f.form_id, f.kind, f.fields FROM forms f
       JOIN conversations c ON c.id = f.conversation_id
       WHERE f.form_id = ? AND c.visitor_id = ? ORDER BY c.created_at DESC LIMIT 1`,
    ),
    insertSubmission: db.prepare<[string, string, string, number | null, string, number], void>(
      'INSERT INTO form_submissions (conversation_id, form_id, status, verified, redacted_values, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    rate: db.prepare<[string, number | null, number | null, string | null, number], void>(
      'INSERT OR REPLACE INTO ratings (conversation_id, solved, score, note, at) VALUES (?, ?, ?, ?, ?)',
    ),
    recordConsent: db.prepare<[string, string, string, string | null, number], void>(
      'INSERT OR IGNORE INTO consents (conversation_id, given_at, version, policy_url, received_at) VALUES (?, ?, ?, ?, ?)',
    ),
    consentOf: db.prepare<[string], { given_at: string; version: string; policy_url: string | null }>(
      'SELECT given_at, version, policy_url FROM consents WHERE conversation_id = ?',
    ),
    agentStats: db.prepare<[string], AgentStats>(
      `SELECT COUNT(*) AS conversations,
         AVG(c.answered_at - c.created_at) AS waitMs,
         AVG((SELECT MIN(e.at) FROM events e WHERE e.conversation_id = c.id AND e.type = 'message'
              AND json_extract(e.payload, '$.author.role') = 'agent') - c.created_at) AS firstResponseMs,
         AVG(c.ended_at - c.answered_at) AS handlingMs,
         COUNT(r.solved) AS surveyed,
         COALESCE(SUM(r.solved = 1 AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id)), 0) AS firstContact,
         COUNT(r.score) AS rated,
         AVG(r.score) AS rating
       FROM conversations c LEFT JOIN ratings r ON r.conversation_id = c.id
       WHERE c.agent_id = ? AND c.status = 'ended'`,
    ),
    recentHandling: db.prepare<[number], { ms: number | null }>(
      `SELECT AVG(ended_at - answered_at) AS ms FROM (SELECT ended_at, answered_at FROM conversations
         WHERE status = 'ended' AND answered_at IS NOT NULL AND ended_at IS NOT NULL
         ORDER BY ended_at DESC LIMIT ?)`,
    ),
    ratingOf: db.prepare<[string], { solved: number | null; score: number | null; note: string | null }>(
      'SELECT solved, score, note FROM ratings WHERE conversation_id = ?',
    ),
  };
}
