import type { FormField } from '@clavard/protocol';
import { isEmail, matchesPattern } from './patterns.js';

/**
 * What the server keeps in place of a sensitive form value.
 *
 * @example
 * ```ts
 * redactedValues(fields, values).dob; // '[redacted]'
 * ```
 */
export const REDACTED = '[redacted]';

/**
 * Per-field errors of a form answer: `required`, `too-long` or `invalid` (not an email address for an
 * email field, or the pattern does not match; patterns run in linear time, see patterns.ts).
 *
 * @example
 * ```ts
 * fieldErrors([{ name: 'email', type: 'email', label: 'Email', required: true }], {}); // { email: 'required' }
 * ```
 */
export function fieldErrors(fields: readonly FormField[], values: Readonly<Record<string, string>>) {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = Object.hasOwn(values, field.name) ? (values[field.name] ?? '') : '';
    if (value === '') {
      if (field.required) errors[field.name] = 'required';
    } else if (field.maxLength !== undefined && value.length > field.maxLength) {
      errors[field.name] = 'too-long';
    } else if (field.type === 'email' && !isEmail(value)) {
      errors[field.name] = 'invalid';
    } else if (field.pattern !== undefined && !matchesPattern(field.pattern, value)) {
      errors[field.name] = 'invalid';
    }
  }
  return errors;
}

/**
 * The values worth keeping: only the fields the form asked, sensitive ones as {@link REDACTED}.
 *
 * @example
 * ```ts
 * redactedValues([{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }], { dob: '1980-02-29' });
 * ```
 */
export function redactedValues(fields: readonly FormField[], values: Readonly<Record<string, string>>) {
  const kept: Record<string, string> = {};
  for (const field of fields) {
    if (!Object.hasOwn(values, field.name)) continue;
    const value = values[field.name];
    if (value !== undefined) kept[field.name] = field.sensitive ? REDACTED : value;
  }
  return kept;
}
