/**
 * Byte budgets: no frame is built over the protocol's limit. Every list that can grow (a conversation's
 * events, a queue, a welcome) is cut to a budget well under `MAX_FRAME_BYTES`, and says there is more.
 */
import { MAX_FRAME_BYTES } from '@clavard/protocol';

/** A page of history (`history`, `agent.history`): half the frame limit, so the frame around it fits. */
export const HISTORY_PAGE_BYTES = Math.floor(MAX_FRAME_BYTES / 2);
/** A conversation's newest events in an agent's view (`agent.conversation`, the welcome). */
export const VIEW_EVENTS_BYTES = 48 * 1024;
/** The queue in `agent.welcome` and `agent.queue`. */
export const QUEUE_BYTES = 64 * 1024;
/** What the welcome may grow to before the remaining conversations go in frames of their own. */
export const WELCOME_BYTES = Math.floor(MAX_FRAME_BYTES * 0.75);

/**
 * The size of a value once encoded as JSON, in UTF-8 bytes.
 *
 * @example
 * ```ts
 * jsonBytes({ text: 'é' }); // 14
 * ```
 */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * The longest head of `items` whose JSON fits in `budget` bytes (each item plus a comma), and whether
 * items were left out. The first item goes in whatever its size when `atLeastOne` is set, so paging
 * always moves on (one event is far under the frame limit: texts are capped).
 *
 * @example
 * ```ts
 * const { kept, cut } = fitting(events, HISTORY_PAGE_BYTES);
 * ```
 */
export function fitting<T>(
  items: readonly T[],
  budget: number,
  atLeastOne = true,
): { kept: T[]; cut: boolean } {
  const kept: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = jsonBytes(item) + 1;
    if (used + size > budget && !(atLeastOne && kept.length === 0)) return { kept, cut: true };
    kept.push(item);
    used += size;
  }
  return { kept, cut: false };
}
