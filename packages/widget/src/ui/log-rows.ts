import type { ChatEntry, ConfirmedEntry } from '../headless/index.js';
import type { ListItem, MessageGroup } from './group-entries.js';
import type { SizedRow } from './row-offsets.js';

/** One row of the message list, the unit it virtualizes: a message, a notice, or one of the fixed rows. */
export type LogRow = SizedRow &
  (
    | { kind: 'greeting' | 'offline' | 'prechat' | 'gap' | 'survey' }
    | { kind: 'notice'; entry: ConfirmedEntry }
    /** `first` of its group carries the author's name and face; the others continue it, closer. */
    | { kind: 'message'; entry: ChatEntry; group: MessageGroup; first: boolean }
  );

/** Space between rows (the list's gap) and between messages of one group. */
const ROW_GAP = 12;
const GROUP_GAP = 4;

/**
 * The grouped items as rows, one per message (keyed by the message's key) and one per notice.
 *
 * @example
 * ```ts
 * itemRows(group(client.messages.value)); // [{ kind: 'message', key: 'e:3', first: true, ... }, ...]
 * ```
 */
export function itemRows(items: readonly ListItem[]): LogRow[] {
  const rows: LogRow[] = [];
  for (const item of items) {
    if (item.kind === 'notice') rows.push({ kind: 'notice', key: item.key, gap: ROW_GAP, entry: item.entry });
    else
      item.entries.forEach((entry, index) => {
        rows.push({
          kind: 'message',
          key: entry.key,
          gap: index ? GROUP_GAP : ROW_GAP,
          entry,
          group: item,
          first: !index,
        });
      });
  }
  return rows;
}

/**
 * A fixed row (the greeting, the offline notice, the pre-chat form, the lost-history notice, the
 * survey) keyed by its kind, or by `key` when given.
 *
 * @example
 * ```ts
 * fixedRow('greeting'); // { kind: 'greeting', key: 'greeting', gap: 12 }
 * ```
 */
export const fixedRow = (
  kind: 'greeting' | 'offline' | 'prechat' | 'gap' | 'survey',
  key: string = kind,
): LogRow => ({
  kind,
  key,
  gap: ROW_GAP,
});
