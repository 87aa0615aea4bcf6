import type { FormRequest, FormSubmit, PrechatResult as Frame } from '@clavard/protocol';
import type { ChatCore, Conversation, Session } from './chat-core.js';
import type { StoredFormSubmission } from './chat-server-types.js';

/**
 * What the memory chat server keeps in place of a sensitive form value.
 *
 * @example
 * ```ts
 * expect(server.conversations()[0]?.forms[0]?.values.dob).toBe(REDACTED);
 * ```
 */
export const REDACTED = '[redacted]';

const fieldErrors = (
  form: Pick<FormRequest, 'fields'>,
  values: Record<string, string>,
): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const value = values[field.name] ?? '';
    if (value === '') {
      if (field.required) errors[field.name] = 'required';
    } else if (field.maxLength !== undefined && value.length > field.maxLength) {
      errors[field.name] = 'too-long';
    } else if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
      errors[field.name] = 'invalid';
    }
  }
  return errors;
};

/**
 * Answers a `form.submit` of the pre-chat form asked first (`options.prechat`): refused with a message per
 * field, or accepted and kept with the session (only the fields asked; an answer again after that is
 * accepted as it is). Returns the result to send, or undefined for any other form.
 *
 * @example
 * ```ts
 * const answered = answerPrechat(core, session, frame);
 * if (answered) core.send(conn, answered);
 * ```
 */
export function answerPrechat(core: ChatCore, session: Session, frame: FormSubmit): Frame | undefined {
  const form = core.options.prechat;
  if (form === undefined || frame.formId !== form.formId) return undefined;
  const errors = session.prechatAnswers === undefined ? fieldErrors(form, frame.values) : {};
  if (Object.keys(errors).length > 0)
    return { type: 'prechat.result', formId: form.formId, status: 'rejected', errors };
  if (session.prechatAnswers === undefined) {
    const kept: Record<string, string> = {};
    for (const field of form.fields) {
      const value = frame.values[field.name];
      if (value !== undefined) kept[field.name] = field.sensitive ? REDACTED : value;
    }
    session.prechatAnswers = kept;
  }
  return { type: 'prechat.result', formId: form.formId, status: 'accepted' };
}

/**
 * Checks and records a form answer. Only the fields the form asked are kept, sensitive values as
 * {@link REDACTED}; the values themselves go no further than `verifyForm`.
 */
export function submitForm(core: ChatCore, conversation: Conversation, frame: FormSubmit): void {
  const form = conversation.forms.get(frame.formId);
  if (!form) return;
  const errors = fieldErrors(form, frame.values);
  const status = Object.keys(errors).length === 0 ? 'accepted' : 'rejected';
  const verified =
    form.kind === 'verification' && status === 'accepted'
      ? core.options.verifyForm({ formId: form.formId, values: frame.values })
      : undefined;
  const kept: Record<string, string> = {};
  for (const field of form.fields) {
    const value = frame.values[field.name];
    if (value !== undefined) kept[field.name] = field.sensitive ? REDACTED : value;
  }
  const stored: StoredFormSubmission = {
    conversationId: conversation.id,
    formId: form.formId,
    kind: form.kind,
    values: kept,
    status,
    ...(verified === undefined ? {} : { verified }),
  };
  conversation.submissions.push(stored);
  core.events.emit('form', structuredClone(stored));
  core.append(conversation, {
    type: 'form.result',
    formId: form.formId,
    status,
    ...(status === 'rejected' ? { errors } : {}),
    ...(verified === undefined ? {} : { verified }),
  });
}

/** The conversation of the session that asked form `formId`, newest first. */
export function formOwner(
  core: ChatCore,
  conversationIds: readonly string[],
  formId: string,
): Conversation | undefined {
  for (const id of [...conversationIds].reverse()) {
    const conversation = core.conversations.get(id);
    if (conversation?.forms.has(formId)) return conversation;
  }
  return undefined;
}
