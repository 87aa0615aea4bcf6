import type { FormField, FormKind } from '@clavard/protocol';
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

/** Field names that hold secrets whatever the form: birth dates, postal codes, account digits, PINs. */
const SECRET_NAME =
  /dob|birth|naissance|postal|zip|last4|account|compte|ssn|sin|nas|card|carte|pin|password|secret/i;

/**
 * The fields as the server asks them: every field of a verification form, and any field whose name says
 * it holds a secret, is sensitive, whatever the agent sent. The widget masks them and the server keeps
 * them only as {@link REDACTED}.
 *
 * @example
 * ```ts
 * withSensitivity('verification', [{ name: 'dob', type: 'date', label: 'Date of birth' }]); // sensitive: true
 * ```
 */
export function withSensitivity(kind: FormKind, fields: readonly FormField[]): FormField[] {
  return fields.map((field) =>
    kind === 'verification' || SECRET_NAME.test(field.name) ? { ...field, sensitive: true } : field,
  );
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
