import type { ChatErrorCode } from './error-codes.js';
import { ChatError } from './errors.js';
import { MAX_FRAME_BYTES, MAX_SHORT_LENGTH } from './limits.js';
import type { ParseResult } from './parse.js';

// Internal building blocks of the validators (not exported from the package). A check returns a fresh,
// clean copy of a value, or `undefined` to leave an optional value out, or fails. Failing throws a marker
// the parsers catch by identity, so a hostile value's own exceptions are never inspected.

/** Checks one value at `path` (e.g. `fields[0].name`); returns its clean copy or `undefined`, or fails. */
export type Check = (value: unknown, path: string) => unknown;

/** A shape: field name to check; a name ending in `?` is optional (absent or `null`). */
export type Schema = Record<string, Check>;

/** A tagged union: tag value to the shape of that variant. */
export type Variants = Record<string, Schema>;

/** What went wrong, as a ChatError code and a message. */
export type Failure = [code: ChatErrorCode, message: string];

let lastFailure: Failure | undefined;

/** Stop checking: `path` is wrong. */
export const fail = (path: string, what: string, code: ChatErrorCode = 'invalid-frame'): never => {
  const failure: Failure = [code, path ? `${path} ${what}` : what];
  lastFailure = failure;
  throw failure;
};

/** The failure behind `thrown`; anything else (a hostile getter threw) is an unreadable frame. */
export const failureOf = (thrown: unknown): Failure =>
  lastFailure && thrown === lastFailure ? lastFailure : ['invalid-frame', 'a field cannot be read'];

/** A JSON-object-like value: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Whether `text` is over {@link MAX_FRAME_BYTES} in UTF-8, counting exactly only when it may be. */
export const isTooLarge = (text: string): boolean =>
  text.length > MAX_FRAME_BYTES ||
  (text.length * 3 > MAX_FRAME_BYTES && new TextEncoder().encode(text).length > MAX_FRAME_BYTES);

/** A string of `min` to `max` UTF-16 code units; too long fails with `code`. */
export const str =
  (max: number = MAX_SHORT_LENGTH, min = 0, code: ChatErrorCode = 'invalid-frame') =>
  (value: unknown, path: string): string =>
    typeof value !== 'string'
      ? fail(path, 'must be a string')
      : value.length > max
        ? fail(path, `is longer than ${max}`, code)
        : value.length < min
          ? fail(path, 'is empty')
          : value;

/** A safe integer from `min` (to `max`). */
export const int =
  (min: number, max?: number): Check =>
  (value, path) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= (max ?? value)
      ? value
      : fail(path, `must be an integer from ${min}${max ? ` to ${max}` : ''}`);

/** A boolean. */
export const bool: Check = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'must be a boolean');

/** One of `values`. */
export const oneOf =
  (values: readonly string[]): Check =>
  (value, path) =>
    typeof value === 'string' && values.includes(value) ? value : fail(path, `must be one of ${values}`);

/** Whether `value` is a URL of at most MAX_SHORT_LENGTH whose scheme matches `schemes` (e.g. `/^https?:$/`). */
export const isUrl = (value: unknown, schemes: RegExp): boolean => {
  try {
    return (
      typeof value === 'string' && value.length <= MAX_SHORT_LENGTH && schemes.test(new URL(value).protocol)
    );
  } catch {
    return false; // not a URL at all
  }
};

/** Each shape's fields as [name, check, optional], worked out on its first use rather than per value. */
const shapes = new WeakMap<Schema, [string, Check, boolean][]>();

/** Copy the fields of `schema` from `value`, checked, into `clean` (which may already hold the tag). */
const fill = (schema: Schema, value: unknown, path: string, clean: Record<string, unknown> = {}) => {
  if (!isRecord(value)) return fail(path, 'must be an object');
  let fields = shapes.get(schema);
  if (!fields) {
    fields = Object.entries(schema).map(([key, check]) => [key.replace('?', ''), check, key.includes('?')]);
    shapes.set(schema, fields);
  }
  for (const [name, check, optional] of fields) {
    const raw = own(value, name);
    if (raw == null) {
      if (!optional) fail(join(path, name), 'is missing');
    } else {
      const checked = check(raw, join(path, name));
      if (checked !== undefined) clean[name] = checked;
    }
  }
  rules.get(schema)?.(clean);
  return clean;
};

/** Rules on a whole object, once its fields are checked (a field allowed empty only beside another). */
const rules = /* @__PURE__ */ new WeakMap<Schema, (clean: Record<string, unknown>) => unknown>();

/** `schema`, with `rule` run on the checked object: the rule fails (throws through `fail`) or returns. */
export const withRule = (schema: Schema, rule: (clean: Record<string, unknown>) => unknown): Schema => {
  rules.set(schema, rule);
  return schema;
};

/** A fresh object holding the fields of `schema` only: unknown fields are dropped, never copied. */
export const obj =
  (schema: Schema) =>
  (value: unknown, path: string): Record<string, unknown> =>
    fill(schema, value, path);

/** A fresh array of the checked items; items a check turns `undefined` are left out. */
export const arr =
  (check: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'must be an array');
    const clean: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = check(value[i], `${path}[${i}]`);
      if (item !== undefined) clean.push(item);
    }
    return clean;
  };

/** A fresh string-keyed map of checked values; a `__proto__` key is dropped. */
export const record =
  (check: Check): Check =>
  (value, path) => {
    if (!isRecord(value)) return fail(path, 'must be an object');
    const clean: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key !== '__proto__') clean[key] = check(value[key], join(path, key));
    }
    return clean;
  };

// Pure: bundles that take only a few guards (the transports) leave it out.
const tagText = /* @__PURE__ */ str(MAX_SHORT_LENGTH, 1);

/** The tag of a tagged union member (`type`, `role`, `kind`): a non-empty short string. */
export const tagOf = (tag: string, value: unknown, path: string): string =>
  isRecord(value)
    ? tagText(own(value, tag) ?? fail(join(path, tag), 'is missing'), join(path, tag))
    : fail(path, 'must be an object');

/** The checked variant of a tagged union, or `undefined` when this version does not know the tag. */
export const variant = (tag: string, variants: Variants, value: unknown, path: string) => {
  const name = tagOf(tag, value, path);
  const schema = Object.hasOwn(variants, name) ? variants[name] : undefined;
  return schema && fill(schema, value, path, { [tag]: name });
};

/**
 * Validate a tagged union under `type` with a table of shapes, as the frame parsers do: a JSON text or a
 * decoded value in, a fresh object of the known fields out. Never throws.
 *
 * @example
 * ```ts
 * const result = parseTagged<AgentFrame>({ 'agent.typing': { conversationId: str(), active: bool } }, data);
 * ```
 */
export const parseTagged = <T>(variants: Variants, input: unknown): ParseResult<T> => {
  let name = 'frame';
  try {
    let value = input;
    if (typeof value === 'string') {
      if (isTooLarge(value)) fail('text', `is over ${MAX_FRAME_BYTES} bytes`, 'frame-too-large');
      try {
        value = JSON.parse(value);
      } catch {
        fail('text', 'is not JSON');
      }
    }
    const type = tagOf('type', value, '');
    const schema = Object.hasOwn(variants, type) ? variants[type] : undefined;
    if (!schema) return { ok: false, ignored: true, type };
    name = type;
    // A fresh object of the known fields only: nothing else from the input travels on.
    return { ok: true, value: fill(schema, value, '', { type }) as T };
  } catch (thrown) {
    const [code, message] = failureOf(thrown);
    return { ok: false, ignored: false, error: new ChatError(code, `${name}: ${message}`) };
  }
};
