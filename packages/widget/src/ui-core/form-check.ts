import type { FormField } from '@clavard/protocol';
import { MAX_TEXT_LENGTH } from '@clavard/protocol';

/**
 * Why a field's value is refused, before anything is sent. The server checks again and has the last
 * word; its answer comes back in `form.result.errors`.
 *
 * @example
 * ```ts
 * const problem: FieldProblem = { code: 'tooLong', max: 20 };
 * ```
 */
export type FieldProblem =
  | { code: 'required' | 'email' | 'pattern' | 'number' | 'date' }
  | { code: 'tooLong'; max: number };

/** Close enough to what browsers accept for `type="email"`: something@something.something. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const NUMBER = /^-?\d+(?:[.,]\d+)?$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The server's `pattern` as a whole-value regular expression, or undefined when it does not compile. */
function wholeValue(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

/**
 * Checks one value against its field: required, the longest length (the field's `maxLength`, at most
 * 10,000), the shape its type asks for (email, number, a `YYYY-MM-DD` date) and the server's `pattern`.
 * A checkbox's value is `'true'` when ticked and `''` when not. A pattern that does not compile is left
 * to the server.
 *
 * @example
 * ```ts
 * checkField({ name: 'email', type: 'email', label: 'Email', required: true }, 'ana@'); // { code: 'email' }
 * checkField({ name: 'email', type: 'email', label: 'Email' }, ''); // undefined
 * ```
 */
export function checkField(field: FormField, value: string): FieldProblem | undefined {
  const text = field.type === 'checkbox' ? value : value.trim();
  if (text === '') return field.required ? { code: 'required' } : undefined;
  const max = Math.min(field.maxLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
  if (text.length > max) return { code: 'tooLong', max };
  if (field.type === 'email' && !EMAIL.test(text)) return { code: 'email' };
  if (field.type === 'number' && !NUMBER.test(text)) return { code: 'number' };
  if (field.type === 'date' && !DATE.test(text)) return { code: 'date' };
  const pattern = field.pattern === undefined ? undefined : wholeValue(field.pattern);
  if (pattern && !pattern.test(text)) return { code: 'pattern' };
  return undefined;
}

/**
 * Checks every field of a form: field name → problem, for the fields that have one.
 *
 * @example
 * ```ts
 * checkForm(request.fields, { email: '' }); // { email: { code: 'required' } } when email is required
 * ```
 */
export function checkForm(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = checkField(field, Object.hasOwn(values, field.name) ? (values[field.name] ?? '') : '');
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/**
 * What is sent for a form: each field's value, trimmed (a checkbox as `'true'` or `''`), own keys only.
 *
 * @example
 * ```ts
 * formValues(fields, { name: '  Ana ' }); // { name: 'Ana', email: '' }
 * ```
 */
export function formValues(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = Object.hasOwn(values, field.name) ? (values[field.name] ?? '') : '';
    out[field.name] = field.type === 'checkbox' ? value : value.trim();
  }
  return out;
}
