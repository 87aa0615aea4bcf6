import type { Database } from 'better-sqlite3';

/**
 * A message left while nobody was available, as the agents' inbox shows it: who (the email to answer
 * by, the name given), what about, and the visitor's messages (their texts, oldest first).
 */
export interface InboxRow {
  id: string;
  visitor_id: string;
  topic: string | null;
  created_at: number;
  left_message_at: number;
  contact_email: string | null;
  locale: string | null;
}

/**
 * The inbox of left messages: conversations the visitor left a message in (the leave-a-message form),
 * kept out of the live queue, its places and its waits, until an agent answers.
 *
 * @example
 * ```ts
 * store.leaveMessage(conversationId);
 * ```
 */
export interface InboxStore {
  /** The conversation goes to the inbox (once; a conversation under way stays where it is). */
  leaveMessage(conversationId: string): void;
  /** The visitor is back while agents are available: the conversation returns to the live queue. */
  backToQueue(conversationId: string): void;
  /** Left messages not answered yet, oldest first. */
  inbox(): InboxRow[];
  /** The texts the visitor wrote in a conversation, oldest first, at most `limit`. */
  visitorTexts(conversationId: string, limit: number): { seq: number; at: number; text: string }[];
}

/**
 * The {@link InboxStore} half of the store, over an open database.
 *
 * @example
 * ```ts
 * const inbox = inboxStore(db, Date.now);
 * ```
 */
export function inboxStore(db: Database, now: () => number): InboxStore {
  const q = {
    leave: db.prepare<[number, string], void>(
      "UPDATE conversations SET left_message_at = coalesce(left_message_at, ?) WHERE id = ? AND status = 'queued'",
    ),
    back: db.prepare<[string], void>('UPDATE conversations SET left_message_at = NULL WHERE id = ?'),
    inbox: db.prepare<[], InboxRow>(
      `SELECT c.id, c.visitor_id, c.topic, c.created_at, c.left_message_at, v.locale,
         (SELECT json_extract(s.redacted_values, '$.email') FROM form_submissions s
           JOIN forms f ON f.conversation_id = s.conversation_id AND f.form_id = s.form_id
           WHERE s.conversation_id = c.id AND f.kind = 'offline' AND s.status = 'accepted'
           ORDER BY s.at DESC LIMIT 1) AS contact_email
       FROM conversations c JOIN visitors v ON v.id = c.visitor_id
       WHERE c.status = 'queued' AND c.left_message_at IS NOT NULL
       ORDER BY c.left_message_at, c.rowid`,
    ),
    texts: db.prepare<[string, number], { seq: number; at: number; text: string }>(
      `SELECT seq, at, json_extract(payload, '$.content.text') AS text FROM events
       WHERE conversation_id = ? AND type = 'message' AND json_extract(payload, '$.author.role') = 'visitor'
       ORDER BY seq LIMIT ?`,
    ),
  };
  return {
    leaveMessage: (conversationId) => void q.leave.run(now(), conversationId),
    backToQueue: (conversationId) => void q.back.run(conversationId),
    inbox: () => q.inbox.all(),
    visitorTexts: (conversationId, limit) => q.texts.all(conversationId, limit),
  };
}
