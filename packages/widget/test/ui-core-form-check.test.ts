import type { FormField } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { checkField, checkForm, formValues } from '../src/ui-core/form-check.js';

const field = (extra: Partial<FormField>): FormField => ({ name: 'f', type: 'text', label: 'F', ...extra });

describe('checkField', () => {
  it.each([
    [field({ required: true }), '', { code: 'required' }],
    [field({ required: true }), '   ', { code: 'required' }],
    [field({}), '', undefined],
    [field({ type: 'email' }), 'ana@', { code: 'email' }],
    [field({ type: 'email' }), 'ana@example.com', undefined],
    [field({ type: 'number' }), '12a', { code: 'number' }],
    [field({ type: 'number' }), '-12,5', undefined],
    [field({ type: 'date' }), '25/04/1990', { code: 'date' }],
    [field({ type: 'date' }), '1990-04-25', undefined],
    [field({ pattern: '\\d{4}' }), '123', { code: 'pattern' }],
    [field({ pattern: '\\d{4}' }), '1234', undefined],
    [field({ pattern: '\\d{4}' }), '12345', { code: 'pattern' }],
    [field({ pattern: '(' }), 'anything', undefined],
    [field({ maxLength: 3 }), 'abcd', { code: 'tooLong', max: 3 }],
    [field({ maxLength: 50_000 }), 'x'.repeat(10_001), { code: 'tooLong', max: 10_000 }],
    [field({ type: 'checkbox', required: true }), '', { code: 'required' }],
    [field({ type: 'checkbox', required: true }), 'true', undefined],
  ])('%j with %j → %j', (f, value, expected) => {
    expect(checkField(f, value)).toEqual(expected);
  });
});

describe('checkForm and formValues', () => {
  const fields: FormField[] = [
    field({ name: 'name', required: true }),
    field({ name: 'email', type: 'email' }),
    field({ name: 'copy', type: 'checkbox' }),
  ];

  it('names the fields with a problem, ignoring keys inherited from Object.prototype', () => {
    const polluted = Object.create({ name: 'from the prototype' }) as Record<string, string>;
    polluted.email = 'nope';
    expect(checkForm(fields, polluted)).toEqual({ name: { code: 'required' }, email: { code: 'email' } });
  });

  it('sends every field, trimmed, and nothing else', () => {
    expect(formValues(fields, { name: '  Ana ', extra: 'x', copy: 'true' })).toEqual({
      name: 'Ana',
      email: '',
      copy: 'true',
    });
  });
});
