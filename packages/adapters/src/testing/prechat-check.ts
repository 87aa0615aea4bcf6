// The check of the pre-chat form a server asks first (session.welcome.prechat): refused when empty,
// accepted when answered, and not asked again of the same session.
import type { FormField, PrechatForm } from '@clavard/protocol';
import { assert, type Context, hello, open, session } from './server-steps.js';
import { request } from './wait.js';

/** A value each type of field accepts; undefined when a pattern makes any guess unsafe. */
const SAMPLES: Record<FormField['type'], string> = {
  text: 'Conformance',
  textarea: 'Conformance',
  email: 'conformance@example.com',
  tel: '5145550100',
  date: '2000-01-01',
  number: '1',
  select: '',
  checkbox: 'true',
};

/**
 * Valid answers to every field, or undefined when the kit cannot make one safely: a pattern, a required
 * choice with no option, or a sample longer than the field allows.
 */
const validAnswers = (form: PrechatForm): Record<string, string> | undefined => {
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    const value = field.type === 'select' ? (field.options?.[0]?.value ?? '') : SAMPLES[field.type];
    if (field.pattern !== undefined || (field.required && value === '')) return undefined;
    if (field.maxLength !== undefined && value.length > field.maxLength) return undefined;
    values[field.name] = value;
  }
  return values;
};

/**
 * `prechat-first-answered`: a server whose welcome asks a pre-chat form first answers its `form.submit`
 * with `prechat.result`: `rejected`, naming every required field, when sent empty; `accepted` when every
 * field is answered (skipped when the kit cannot answer a field safely: a pattern, a choice without
 * options, a short `maxLength`); and a new hello with the same token does not ask again. A server that
 * asks none passes.
 *
 * @example
 * ```ts
 * await prechatFirstAnswered(ctx);
 * ```
 */
export async function prechatFirstAnswered(ctx: Context): Promise<void> {
  const { transport, welcome } = await session(ctx);
  const form = welcome.prechat;
  if (form === undefined) return;
  const result = (values: Record<string, string>) =>
    request(
      transport,
      { type: 'form.submit', formId: form.formId, values },
      'prechat.result',
      (frame) => frame.formId === form.formId,
      ctx.timeoutMs,
    );
  const required = form.fields.filter((field) => field.required).map((field) => field.name);
  if (required.length > 0) {
    const empty = await result({});
    const named = Object.keys(empty.errors ?? {});
    assert(
      empty.status === 'rejected' && required.every((name) => named.includes(name)),
      `the pre-chat form sent empty must be rejected naming ${required.join(', ')}; it got ${empty.status} naming ${named.join(', ') || 'nothing'}`,
    );
  }
  const answers = validAnswers(form);
  if (answers === undefined) return;
  const answered = await result(answers);
  assert(
    answered.status === 'accepted',
    `the pre-chat form answered in full (${JSON.stringify(answers)}) must be accepted; it got ${answered.status} ${JSON.stringify(answered.errors ?? {})}`,
  );
  const again = await hello(ctx, await open(ctx), { token: welcome.token });
  assert(again.prechat === undefined, 'a session that answered the pre-chat form must not be asked it again');
}
