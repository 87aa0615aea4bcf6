/** Topic lists: an agent's, at sign-in (`POST /agent/login`) or in `agent.topics`. */
import { MAX_SHORT_LENGTH } from '@clavard/protocol';
import { isString } from '@clavard/protocol/internal';

/**
 * Most topics in one list: far more than a pre-chat form offers.
 *
 * @example
 * ```ts
 * parseTopics(Array(MAX_TOPICS + 1).fill('Billing')).ok; // false
 * ```
 */
export const MAX_TOPICS = 100;

/**
 * Checks a list of topics (an agent's, at sign-in or in `agent.topics`): strings, each one of `known` when
 * given; duplicates dropped, in `known`'s order. The error names the first unknown topic.
 *
 * @example
 * ```ts
 * parseTopics(['Billing'], ['Plans', 'Billing']); // { ok: true, value: ['Billing'] }
 * parseTopics(['Refunds'], ['Plans', 'Billing']); // { ok: false, error: 'unknown topic Refunds' }
 * ```
 */
export function parseTopics(
  value: unknown,
  known?: readonly string[],
): { ok: true; value: string[] } | { ok: false; error: string } {
  if (!Array.isArray(value) || value.length > MAX_TOPICS) {
    return { ok: false, error: `topics must be a list of at most ${MAX_TOPICS} topics` };
  }
  for (const topic of value) {
    if (!isString(topic) || topic.length === 0 || topic.length > MAX_SHORT_LENGTH) {
      return { ok: false, error: 'each topic must be a non-empty string' };
    }
    if (known !== undefined && !known.includes(topic)) return { ok: false, error: `unknown topic ${topic}` };
  }
  const given = new Set(value as string[]);
  return { ok: true, value: known === undefined ? [...given] : known.filter((topic) => given.has(topic)) };
}
