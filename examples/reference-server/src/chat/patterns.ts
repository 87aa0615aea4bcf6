/**
 * The patterns agents put on form fields, matched in linear time (RE2, through `re2js`): an answer can
 * never stall the server, whatever the pattern and however long the answer. A pattern RE2 cannot run
 * (backreferences, lookaround) is refused when the form is asked.
 */
import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS | undefined>();
/** Patterns kept compiled; forms reuse a handful, so this bounds memory against a flood of new ones. */
const MAX_CACHED = 256;

const compile = (pattern: string): RE2JS | undefined => {
  if (compiled.has(pattern)) return compiled.get(pattern);
  let regexp: RE2JS | undefined;
  try {
    regexp = RE2JS.compile(`(?:${pattern})`);
  } catch {
    regexp = undefined;
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, regexp);
  return regexp;
};

/**
 * Whether the server can match `pattern` in linear time (RE2 syntax: no backreferences, no lookaround).
 *
 * @example
 * ```ts
 * isLinearPattern('[A-Z]\\d[A-Z] ?\\d[A-Z]\\d'); // true
 * isLinearPattern('(a)\\1'); // false
 * ```
 */
export function isLinearPattern(pattern: string): boolean {
  return compile(pattern) !== undefined;
}

/**
 * Whether the whole of `value` matches `pattern`, in time linear in both; false for a pattern RE2
 * cannot run.
 *
 * @example
 * ```ts
 * matchesPattern('(a+)+b', 'a'.repeat(100_000)); // false, at once
 * ```
 */
export function matchesPattern(pattern: string, value: string): boolean {
  return compile(pattern)?.matches(value) ?? false;
}

/** An email address as forms accept it: one `@`, a dot in the domain, no spaces, at most 254 characters. */
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * Whether `value` looks like an email address (the same rule for every email field the server checks).
 *
 * @example
 * ```ts
 * isEmail('ana@example.com'); // true
 * isEmail('javascript:alert(1)'); // false
 * ```
 */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
