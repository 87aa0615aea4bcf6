import type { Author } from '@clavard/protocol';
import type { ChatEntry, ConfirmedEntry } from '../headless/index.js';

/** A run of consecutive messages by one author. */
export interface MessageGroup {
  kind: 'group';
  key: string;
  /** `undefined` for the visitor's own messages. */
  author: Exclude<Author, { role: 'visitor' }> | undefined;
  entries: ChatEntry[];
}

/** A conversation event shown as a line of its own (joined, transferred, left, ended). */
export interface NoticeItem {
  kind: 'notice';
  key: string;
  entry: ConfirmedEntry;
}

/** One row of the message list. */
export type ListItem = MessageGroup | NoticeItem;

function authorKey(author: Author): string {
  switch (author.role) {
    case 'agent':
    case 'bot':
      return `${author.role}:${author.id}`;
    default:
      return author.role;
  }
}

/**
 * Groups the client's entries for display: consecutive messages by the same author form one group; the
 * other events break groups and are shown as notices. Form events are left to the forms UI.
 *
 * @example
 * ```ts
 * groupEntries(client.messages.value); // [{ kind: 'group', author: julie, entries: [...] }, ...]
 * ```
 */
export function groupEntries(entries: readonly ChatEntry[]): ListItem[] {
  const items: ListItem[] = [];
  let current: MessageGroup | undefined;
  let currentKey: string | undefined;
  for (const entry of entries) {
    let author: Author;
    if (entry.kind === 'pending') author = { role: 'visitor' };
    else if (entry.event.type === 'message') author = entry.event.author;
    else {
      current = undefined;
      currentKey = undefined;
      if (entry.event.type !== 'form.request' && entry.event.type !== 'form.result') {
        items.push({ kind: 'notice', key: entry.key, entry });
      }
      continue;
    }
    const key = authorKey(author);
    if (current && currentKey === key) {
      current.entries.push(entry);
      continue;
    }
    current = {
      kind: 'group',
      key: entry.key,
      author: author.role === 'visitor' ? undefined : author,
      entries: [entry],
    };
    currentKey = key;
    items.push(current);
  }
  return items;
}
