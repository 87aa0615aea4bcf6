import type { ConversationEvent, Seq } from '@clavard/protocol';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import type { ConfirmedEntry } from './conversation-model.js';

/**
 * The confirmed rows of the visible conversation, kept incrementally: each event becomes one row when it
 * is applied, and that row object is reused until its delivery state changes (the UI memoizes on
 * identity). Appending costs the new rows plus one copy of the array of references; an agent's `read`
 * replaces only the visitor's rows it newly covers.
 */
export interface ConfirmedRows {
  /** The rows in seq order: a new array on each change, the same row objects while they are unchanged. */
  readonly rows: ReadonlySignal<readonly ConfirmedEntry[]>;
  /** Add events that follow the current ones, in seq order. */
  append(events: readonly ConversationEvent[]): void;
  /** The agent read up to `upToSeq`: the visitor's messages up to there turn `read`. */
  markRead(upToSeq: Seq): void;
  /** How many messages from others (agent, bot, system) have a seq above `seq`; tracks `rows`. */
  othersAfter(seq: Seq): number;
  /** Start over with `events` (a reload), keeping the agent's read mark. */
  replace(events: readonly ConversationEvent[]): void;
  /** Drop every row and the agent's read mark. */
  clear(): void;
}

/**
 * The key of an event's row: the clientId for the visitor's messages (stable across the pending →
 * confirmed move), the message id for others' messages, the seq for the other events.
 *
 * @example
 * ```ts
 * entryKey(message); // 'V1StGXR8_Z5jdHi6B-myT'
 * ```
 */
export const entryKey = (event: ConversationEvent): string =>
  event.type === 'message' ? (event.clientId ?? `m:${event.id}`) : `s:${event.seq}`;

const isOwn = (event: ConversationEvent): boolean =>
  event.type === 'message' && event.author.role === 'visitor';

/**
 * Create an empty {@link ConfirmedRows}.
 *
 * @example
 * ```ts
 * const confirmed = createConfirmedRows();
 * confirmed.append([message]);
 * confirmed.rows.value; // [{ kind: 'event', key, seq: 1, … }]
 * ```
 */
export function createConfirmedRows(): ConfirmedRows {
  const rows = signal<readonly ConfirmedEntry[]>([]);
  let agentReadSeq: Seq = 0;
  // Indexes into `rows` of the visitor's messages, in seq order, and how many of them are `read`.
  let own: number[] = [];
  let ownRead = 0;
  // Seqs of others' messages, ascending, for the unread count.
  let others: Seq[] = [];

  const toRow = (event: ConversationEvent): ConfirmedEntry => ({
    kind: 'event',
    key: entryKey(event),
    seq: event.seq,
    at: event.at,
    event,
    delivery: isOwn(event) ? (event.seq <= agentReadSeq ? 'read' : 'delivered') : undefined,
  });

  const append = (before: readonly ConfirmedEntry[], events: readonly ConversationEvent[]): void => {
    const added = events.map(toRow);
    added.forEach((row, offset) => {
      if (row.delivery === undefined) {
        if (row.event.type === 'message') others.push(row.seq);
        return;
      }
      own.push(before.length + offset);
      if (row.delivery === 'read') ownRead = own.length;
    });
    rows.value = before.length === 0 ? added : before.concat(added);
  };

  const forget = (): void => {
    own = [];
    ownRead = 0;
    others = [];
  };

  return {
    rows,
    append(events) {
      if (events.length > 0) append(rows.peek(), events);
    },
    replace(events) {
      forget();
      append([], events);
    },
    markRead(upToSeq) {
      if (upToSeq <= agentReadSeq) return;
      agentReadSeq = upToSeq;
      let next: ConfirmedEntry[] | undefined;
      for (let index = own[ownRead]; index !== undefined; index = own[ownRead]) {
        const current = next ?? rows.peek();
        const row = current[index];
        if (!row || row.seq > upToSeq) break;
        next ??= current.slice();
        next[index] = { ...row, delivery: 'read' };
        ownRead += 1;
      }
      if (next) rows.value = next;
    },
    othersAfter(seq) {
      void rows.value;
      // Binary search for the first seq above `seq`.
      let low = 0;
      let high = others.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((others[middle] ?? 0) <= seq) low = middle + 1;
        else high = middle;
      }
      return others.length - low;
    },
    clear() {
      agentReadSeq = 0;
      forget();
      if (rows.peek().length > 0) rows.value = [];
    },
  };
}
