import type { ConversationEvent, Seq } from '@clavard/protocol';

/**
 * Orders one conversation's events by server `seq`: drops what it has, applies the next one (and any
 * held ones that follow), holds what comes early and says when a gap must be fetched. Never looks at
 * clocks.
 */
export interface Timeline {
  /** The highest seq applied: every seq from 1 to here has been seen (or predates the cache). */
  readonly lastSeq: Seq;
  /** Events received ahead of a gap, by seq. */
  readonly held: ReadonlyMap<Seq, ConversationEvent>;
  /**
   * Offer one event. Returns the events that became applicable, in seq order: none for a duplicate or
   * an early event (held), the event and the held ones it unblocks otherwise.
   */
  accept(event: ConversationEvent): ConversationEvent[];
  /**
   * When events are held behind a gap and no request was made yet for the current `lastSeq`, returns the
   * `afterSeq` to ask for (and remembers it): one `history.since` per gap.
   */
  takeGapRequest(): Seq | undefined;
  /** Forget which gap was requested, so the next {@link Timeline.takeGapRequest} asks again. */
  forgetRequest(): void;
  /** Start over at `lastSeq` (0 after a discontinuity), dropping held events. */
  reset(lastSeq?: Seq): void;
}

/** The most events held behind a gap; more are dropped (and re-fetched with the gap). */
const MAX_HELD = 1000;

/**
 * Create a {@link Timeline} starting after `lastSeq`.
 *
 * @example
 * ```ts
 * const timeline = createTimeline(0);
 * timeline.accept(m1); // [m1]
 * timeline.accept(m3); // [] (held; takeGapRequest() === 1)
 * timeline.accept(m2); // [m2, m3]
 * ```
 */
export function createTimeline(lastSeq: Seq = 0): Timeline {
  let last = lastSeq;
  let requestedAfter: Seq | undefined;
  const held = new Map<Seq, ConversationEvent>();
  return {
    get lastSeq() {
      return last;
    },
    held,
    accept(event) {
      const seq = event.seq;
      if (seq <= last || held.has(seq)) return [];
      if (seq > last + 1) {
        if (held.size < MAX_HELD) held.set(seq, event);
        return [];
      }
      const applied = [event];
      last = seq;
      for (let next = held.get(last + 1); next !== undefined; next = held.get(last + 1)) {
        held.delete(last + 1);
        applied.push(next);
        last += 1;
      }
      if (held.size === 0) requestedAfter = undefined;
      return applied;
    },
    takeGapRequest() {
      if (held.size === 0 || requestedAfter === last) return undefined;
      requestedAfter = last;
      return last;
    },
    forgetRequest() {
      requestedAfter = undefined;
    },
    reset(seq = 0) {
      last = seq;
      held.clear();
      requestedAfter = undefined;
    },
  };
}
