// The one validation vocabulary of the repository. Two kinds of building blocks, both the protocol's own:
// - checks (`str`, `int`, `obj`, `arr`, …) return a fresh, clean copy of a value or fail with a path, and
//   `parseTagged` runs a table of them over a tagged union into a `ParseResult` that never throws;
// - predicates (`isRecord`, `isString`, …) only answer yes or no, for values this code wrote itself
//   (what another tab posted, what was stored) where a copy is not needed.
export {
  arr,
  bool,
  type Check,
  fail,
  int,
  isRecord,
  isTooLarge,
  isUrl,
  obj,
  oneOf,
  parseTagged,
  record,
  type Schema,
  str,
  type Variants,
  withRule,
} from '../guards.js';

import { isRecord } from '../guards.js';

/**
 * Whether `value` is a string.
 * @example
 * ```ts
 * isString(data.from) && handle(data);
 * ```
 */
export const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Whether `value` is a finite number (not `NaN`, not ±Infinity).
 * @example
 * ```ts
 * isFiniteNumber(saved.at);
 * ```
 */
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Whether `value` is a sequence number: a safe integer ≥ 0.
 * @example
 * ```ts
 * isSeq(saved.lastSeq);
 * ```
 */
export const isSeq = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Whether `value` is a boolean.
 * @example
 * ```ts
 * isBoolean(message.leader);
 * ```
 */
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/**
 * Whether `value` is absent (`undefined`) or passes `check`.
 * @example
 * ```ts
 * isOptional(item.quickReplyId, isString);
 * ```
 */
export const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean =>
  value === undefined || check(value);

/**
 * Whether `value` is an array whose every item passes `check`.
 * @example
 * ```ts
 * isArrayOf(saved.outbox, isOutboxItem);
 * ```
 */
export const isArrayOf = <T>(value: unknown, check: (item: unknown) => item is T): value is T[] =>
  Array.isArray(value) && value.every(check);

/**
 * Whether `value` is an object whose every own value is a string.
 * @example
 * ```ts
 * isStringRecord({ email: 'ana@example.com' }); // true
 * ```
 */
export const isStringRecord = (value: unknown): value is Record<string, string> =>
  isRecord(value) && Object.values(value).every((item) => typeof item === 'string');

/**
 * Whether `value` is one of `values`.
 * @example
 * ```ts
 * isOneOf(['online', 'offline'] as const, data.status);
 * ```
 */
export const isOneOf = <T>(values: readonly T[], value: unknown): value is T =>
  (values as readonly unknown[]).includes(value);

/** A predicate of an unknown value (the building block of {@link isShape}). */
export type Predicate = (value: unknown) => boolean;

/**
 * A predicate of objects whose every field passes its predicate in `shape` (fields not named are not
 * looked at). Fields are read as own properties only.
 * @example
 * ```ts
 * const isReply = isShape({ to: isString, clientId: isString });
 * isReply({ to: 'tab-2', clientId: 'm1' }); // true
 * ```
 */
export const isShape =
  (shape: Record<string, Predicate>): Predicate =>
  (value) =>
    isRecord(value) &&
    Object.entries(shape).every(([key, check]) => check(Object.hasOwn(value, key) ? value[key] : undefined));

/**
 * `check`, or absent (`undefined`): for the optional fields of {@link isShape}.
 * @example
 * ```ts
 * isShape({ quickReplyId: optional(isString) });
 * ```
 */
export const optional =
  (check: Predicate): Predicate =>
  (value) =>
    value === undefined || check(value);

/**
 * Whether `value` is an array whose every item passes `check`, as a predicate.
 * @example
 * ```ts
 * isShape({ tail: arrayOf(isEntry) });
 * ```
 */
export const arrayOf =
  (check: Predicate): Predicate =>
  (value) =>
    Array.isArray(value) && value.every((item) => check(item));

/**
 * Whether `value` is one of `values`, as a predicate.
 * @example
 * ```ts
 * isShape({ status: oneOfValues(STATUSES) });
 * ```
 */
export const oneOfValues =
  (values: readonly unknown[]): Predicate =>
  (value) =>
    values.includes(value);
