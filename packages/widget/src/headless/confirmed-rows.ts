import type { ConversationEvent, Seq } from '@clavard/protocol';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import type { ConfirmedEntry } from './conversation-model.js';

/**
 * The confirmed rows of the visible conversation, kept incrementally in one private list: each event
 * becomes one row when it is applied (appended in place), and that row object is reused until its
 * delivery state changes (the UI memoizes on identity). The list handed out is a copy, made only when read
 * after a change, so applying an event costs its own row, not the length of the conversation.
 */
export interface ConfirmedRows {
  /** Bumped at each change, at once: for what is cheap to derive (the unread count). */
  readonly version: ReadonlySignal<number>;
  /**
   * Bumped once after a burst of changes (on the next microtask): for what copies the rows, so that the
   * events of one task cost one copy, not one each.
   */
  readonly published: ReadonlySignal<number>;
  /** The rows now, in seq order: a new array after each change, the same one until the next. */
  current(): readonly ConfirmedEntry[];
  /** The last `count` events, in seq order (what storage keeps). */
  recent(count: number): ConversationEvent[];
  /** Whether an event with this seq is shown. */
  hasSeq(seq: Seq): boolean;
  /** Add events that follow the current ones, in seq order. */
  append(events: readonly ConversationEvent[]): void;
  /** The agent read up to `upToSeq`: the visitor's messages up to there turn `read`. */
  markRead(upToSeq: Seq): void;
  /** How many messages from others (agent, bot, system) have a seq above `seq`; tracks `version`. */
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
 * confirmed.current(); // [{ kind: 'event', key, seq: 1, … }]
 * ```
 */
export function createConfirmedRows(): ConfirmedRows {
  const version = signal(0);
  const published = signal(0);
  /** The rows in seq order, changed in place; never handed out. */
  let list: ConfirmedEntry[] = [];
  /** The copy last handed out, while the list has not changed since. */
  let copy: readonly ConfirmedEntry[] | undefined = [];
  let publishing = false;
  let agentReadSeq: Seq = 0;
  // Indexes into `list` of the visitor's messages, in seq order, and how many of them are `read`.
  let own: number[] = [];
  let ownRead = 0;
  // Seqs of others' messages, ascending, for the unread count.
  let others: Seq[] = [];

  const publish = (): void => {
    publishing = false;
    published.value += 1;
  };
  const changed = (): void => {
    copy = undefined;
    version.value += 1;
    if (publishing) return;
    publishing = true;
    queueMicrotask(publish);
  };

  const toRow = (event: ConversationEvent): ConfirmedEntry => ({
    kind: 'event',
    key: entryKey(event),
    seq: event.seq,
    at: event.at,
    event,
    delivery: isOwn(event) ? (event.seq <= agentReadSeq ? 'read' : 'delivered') : undefined,
  });

  const append = (events: readonly ConversationEvent[]): void => {
    for (const event of events) {
      const row = toRow(event);
      if (row.delivery !== undefined) {
        own.push(list.length);
        if (row.delivery === 'read') ownRead = own.length;
      } else if (event.type === 'message') others.push(row.seq);
      list.push(row);
    }
    changed();
  };

  const forget = (): void => {
    list = [];
    own = [];
    ownRead = 0;
    others = [];
  };

  return {
    version,
    published,
    current() {
      copy ??= list.slice();
      return copy;
    },
    recent: (count) => list.slice(Math.max(0, list.length - count)).map((row) => row.event),
    // Only for an acknowledgement of a seq already passed, which is rare.
    hasSeq: (seq) => list.some((row) => row.seq === seq),
    append(events) {
      if (events.length > 0) append(events);
    },
    replace(events) {
      forget();
      append(events);
    },
    markRead(upToSeq) {
      if (upToSeq <= agentReadSeq) return;
      agentReadSeq = upToSeq;
      const before = ownRead;
      for (let index = own[ownRead]; index !== undefined; index = own[ownRead]) {
        const row = list[index];
        if (!row || row.seq > upToSeq) break;
        list[index] = { ...row, delivery: 'read' };
        ownRead += 1;
      }
      if (ownRead > before) changed();
    },
    othersAfter(seq) {
      void version.value;
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
      const had = list.length > 0;
      forget();
      if (had) changed();
    },
  };
}
