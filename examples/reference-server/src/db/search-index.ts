import type { MessageContent } from '@clavard/protocol';
import type { Database } from 'better-sqlite3';

/**
 * What search reads of a message: its text, a card's title, or a file's caption and name.
 *
 * @example
 * ```ts
 * searchableText({ kind: 'link', url: 'https://shop.example/', title: 'Nos forfaits' }); // 'Nos forfaits'
 * ```
 */
export function searchableText(content: MessageContent): string {
  if (content.kind === 'attachment') return [content.caption, content.name].filter(Boolean).join(' ');
  return 'text' in content ? content.text : content.title;
}

/**
 * The messages of a write, indexed for search together at its end: one statement for all of them (a
 * group commit's dozens) instead of a trigger per row, which cost about twice as much per message.
 *
 * @example
 * ```ts
 * const search = searchIndex(db);
 * search.add(conversationId, 'Ma facture');
 * search.flush(); // inside the transaction, before its COMMIT
 * ```
 */
export interface SearchIndex {
  /** Notes a stored message (its text, or a card's title) for the index. */
  add(conversationId: string, text: string): void;
  /** Writes the noted messages. Runs inside the write's transaction, so that both are durable together. */
  flush(): void;
  /** How many are noted: a savepoint rolled back forgets those noted since (see {@link forgetSince}). */
  mark(): number;
  /** Forgets the messages noted since `mark` (their writes were rolled back). */
  forgetSince(mark: number): void;
}

/**
 * The search index of `db`'s messages (the FTS5 table `messages_fts`).
 *
 * @example
 * ```ts
 * const search = searchIndex(db);
 * ```
 */
export function searchIndex(db: Database): SearchIndex {
  const insert = db.prepare<[string], void>(
    'INSERT INTO messages_fts (text, conversation_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
  );
  let noted: Array<[string, string]> = [];
  return {
    add(conversationId, text) {
      noted.push([text, conversationId]);
    },
    flush() {
      if (noted.length === 0) return;
      const rows = noted;
      noted = [];
      insert.run(JSON.stringify(rows));
    },
    mark: () => noted.length,
    forgetSince(mark) {
      noted.length = Math.min(noted.length, mark);
    },
  };
}
