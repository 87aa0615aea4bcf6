import type { Author } from '@clavard/protocol';
import type { ChatEntry, ConfirmedEntry } from '../headless/index.js';
import type { SizedRow } from './row-offsets.js';

const VISITOR: Author = { role: 'visitor' };

/**
 * Who wrote an entry: the visitor for a message not yet confirmed, `undefined` for an event that is not
 * a message.
 *
 * @example
 * ```ts
 * entryAuthor(entry)?.role; // 'agent'
 * ```
 */
export const entryAuthor = (entry: ChatEntry): Author | undefined =>
  entry.kind === 'pending' ? VISITOR : entry.event.type === 'message' ? entry.event.author : undefined;

/** The rows of the list that are not events: the greeting, notices, forms, the survey. */
type FixedRowKind = 'greeting' | 'handoff' | 'offline' | 'prechat' | 'gap' | 'survey';

/** One row of the message list, the unit it virtualizes: a message, a notice, or one of the fixed rows. */
export type LogRow = SizedRow &
  (
    | { kind: FixedRowKind }
    | { kind: 'notice'; entry: ConfirmedEntry }
    /** `first` of a run by one author carries the author's name and face; the next ones continue it, closer. */
    | { kind: 'message'; entry: ChatEntry; first: boolean }
  );

/** Space between rows (the list's gap) and between messages of one run by one author. */
const ROW_GAP = 12;
const GROUP_GAP = 4;

const authorKey = (author: Author): string =>
  author.role === 'agent' || author.role === 'bot' ? `${author.role}:${author.id}` : author.role;

/** The row of `entry` after `before` (the previous entry's row, if it had one), or none for a form's result. */
function rowOf(entry: ChatEntry, before: LogRow | undefined): LogRow | undefined {
  const author = entryAuthor(entry);
  if (entry.kind === 'event' && author === undefined)
    // A form result is shown by its form, and as a line of its own only for a verification's decision.
    return entry.event.type !== 'form.result' || entry.event.verified !== undefined
      ? { kind: 'notice', key: entry.key, gap: ROW_GAP, entry }
      : undefined;
  // Rows hold no more than this: a conversation of 10,000 messages has 10,000 of them.
  const first =
    before?.kind !== 'message' ||
    authorKey(entryAuthor(before.entry) ?? VISITOR) !== authorKey(author ?? VISITOR);
  return { kind: 'message', key: entry.key, gap: first ? ROW_GAP : GROUP_GAP, entry, first };
}

/**
 * The client's entries as rows, one per message (keyed by the message's key) and one per notice:
 * consecutive messages by one author form a run, whose first row carries the author; the other events
 * break runs and are shown as notices (a form request as its form, a form result only when it carries a
 * verification's decision). Incremental: each call builds rows only from the first entry changed since
 * the previous call (compared by identity), and keeps the rows before it as the same objects, so an
 * appended message costs one row whatever the conversation's length.
 *
 * @example
 * ```ts
 * const rowsOf = createRowBuilder();
 * rowsOf(client.messages.value); // [{ kind: 'message', key: 'e:3', first: true, ... }, ...]
 * ```
 */
export function createRowBuilder(): (entries: readonly ChatEntry[]) => readonly LogRow[] {
  let previous: readonly ChatEntry[] = [];
  /** Each entry's row, or undefined for an entry not shown. */
  let marks: Array<LogRow | undefined> = [];
  let rows: LogRow[] = [];
  return (entries) => {
    if (entries === previous) return rows;
    const limit = Math.min(entries.length, previous.length);
    let same = 0;
    while (same < limit && entries[same] === previous[same]) same++;
    marks = marks.slice(0, same);
    rows = rows.slice(0, marks.filter(Boolean).length);
    for (let index = same; index < entries.length; index++) {
      const row = rowOf(entries[index] as ChatEntry, marks[index - 1]);
      marks.push(row);
      if (row) rows.push(row);
    }
    previous = entries;
    return rows;
  };
}

/**
 * A fixed row (the greeting, what became of a handoff link, the offline notice, the pre-chat form, the lost-history notice, the
 * survey) keyed by its kind, or by `key` when given.
 *
 * @example
 * ```ts
 * fixedRow('greeting'); // { kind: 'greeting', key: 'greeting', gap: 12 }
 * ```
 */
export const fixedRow = (kind: FixedRowKind, key: string = kind): LogRow => ({
  kind,
  key,
  gap: ROW_GAP,
});
