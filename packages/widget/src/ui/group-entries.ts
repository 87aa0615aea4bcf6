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

/** A conversation event shown as a row of its own (joined, transferred, left, ended, a form). */
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

/** The run of entries `from…` grouped, appended to `items`, each item's first index to `starts`. */
function groupFrom(entries: readonly ChatEntry[], from: number, items: ListItem[], starts: number[]): void {
  let current: MessageGroup | undefined;
  let currentKey: string | undefined;
  for (let index = from; index < entries.length; index += 1) {
    const entry = entries[index];
    if (entry === undefined) continue;
    let author: Author;
    if (entry.kind === 'pending') author = { role: 'visitor' };
    else if (entry.event.type === 'message') author = entry.event.author;
    else {
      current = undefined;
      currentKey = undefined;
      // A form result is shown by its form, and as a line of its own only for a verification's decision.
      if (entry.event.type !== 'form.result' || entry.event.verified !== undefined) {
        items.push({ kind: 'notice', key: entry.key, entry });
        starts.push(index);
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
    starts.push(index);
  }
}

/**
 * Groups the client's entries for display: consecutive messages by the same author form one group; the
 * other events break groups and are shown as notices (a form request as its form, a form result only when
 * it carries a verification's decision).
 *
 * @example
 * ```ts
 * groupEntries(client.messages.value); // [{ kind: 'group', author: julie, entries: [...] }, ...]
 * ```
 */
export function groupEntries(entries: readonly ChatEntry[]): ListItem[] {
  const items: ListItem[] = [];
  groupFrom(entries, 0, items, []);
  return items;
}

const sameItem = (a: ListItem, b: ListItem): boolean => {
  if (a.kind === 'notice') return b.kind === 'notice' && a.entry === b.entry;
  if (b.kind === 'notice' || a.key !== b.key || a.entries.length !== b.entries.length) return false;
  return a.entries.every((entry, index) => entry === b.entries[index]);
};

/**
 * {@link groupEntries}, incrementally: each call regroups only from the first item that holds a changed
 * entry (compared by identity with the previous call's entries), and keeps every item whose entries are
 * unchanged as the same object, so that the list can skip re-rendering it. Appending one message to a long
 * conversation rebuilds one item.
 *
 * @example
 * ```ts
 * const group = createEntryGrouper();
 * const before = group(client.messages.value);
 * const after = group(client.messages.value); // the same array while nothing changed
 * ```
 */
export function createEntryGrouper(): (entries: readonly ChatEntry[]) => readonly ListItem[] {
  let previous: readonly ChatEntry[] = [];
  let items: readonly ListItem[] = [];
  let starts: readonly number[] = [];
  return (entries) => {
    if (entries === previous) return items;
    const limit = Math.min(entries.length, previous.length);
    let same = 0;
    while (same < limit && entries[same] === previous[same]) same += 1;
    // Items that start before the first changed entry are kept, except the last of them: it may grow.
    let before = 0;
    while (before < starts.length && (starts[before] ?? 0) < same) before += 1;
    const keep = Math.max(0, before - 1);
    const nextItems = items.slice(0, keep);
    const nextStarts = starts.slice(0, keep);
    groupFrom(entries, before > 0 ? (starts[keep] ?? 0) : 0, nextItems, nextStarts);
    for (let index = keep; index < nextItems.length; index += 1) {
      const old = items[index];
      const fresh = nextItems[index];
      if (old !== undefined && fresh !== undefined && sameItem(old, fresh)) nextItems[index] = old;
    }
    previous = entries;
    items = nextItems;
    starts = nextStarts;
    return items;
  };
}
