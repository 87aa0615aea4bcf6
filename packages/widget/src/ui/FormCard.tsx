import { type FormField, type FormRequest, MAX_TEXT_LENGTH } from '@clavard/protocol';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkForm, type FieldProblem, formValues } from '../ui-core/form-check.js';
import type { Translator } from '../ui-core/i18n.js';
import { useWidget } from './context.js';
import { adoptExtrasStyles } from './extras-styles.js';
import { useListeners } from './use-listeners.js';

/**
 * What {@link FormCard} shows: a `form.request`, or the pre-chat form asked first (kind `prechat`).
 *
 * @example
 * ```ts
 * const ask: FormAsk = { ...client.prechat.value.form, kind: 'prechat' };
 * ```
 */
export type FormAsk = Pick<FormRequest, 'formId' | 'kind' | 'title' | 'reason' | 'fields'>;

/** Props of {@link FormCard}. */
export interface FormCardProps {
  request: FormAsk;
}

const TITLES = {
  prechat: 'form.prechat.title',
  verification: 'verification.title',
  offline: 'offline.title',
  custom: 'form.custom.title',
} as const;

const SUBMITS = {
  prechat: 'form.submit',
  verification: 'verification.submit',
  offline: 'offline.submit',
  custom: 'form.submit',
} as const;

/** The widget's text for a problem found before sending. */
function problemText(t: Translator['t'], problem: FieldProblem): string {
  if (problem.code === 'tooLong') return t('form.error.tooLong', { max: problem.max });
  return t(`form.error.${problem.code}`);
}

/** The server's message for a field: its known codes in the visitor's language, any other text as sent. */
function serverText(t: Translator['t'], message: string, field: FormField): string {
  if (message === 'required' || message === 'pattern' || message === 'email')
    return t(`form.error.${message}`);
  if (message === 'invalid') return t('form.error.pattern');
  if (message === 'too-long') return t('form.error.tooLong', { max: field.maxLength ?? MAX_TEXT_LENGTH });
  return message;
}

/** The input type of a field that is not masked; numbers are typed as text (with a decimal keyboard). */
function textType(field: FormField): 'text' | 'email' | 'tel' | 'date' {
  return field.type === 'email' || field.type === 'tel' || field.type === 'date' ? field.type : 'text';
}

/**
 * The values as typed, read from the form's controls when it is sent: the inputs are left uncontrolled,
 * so a value exists only in its input (and is gone with it once the form is accepted).
 */
function readValues(form: HTMLFormElement, fields: readonly FormField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const control = form.elements.namedItem(field.name);
    if (control instanceof HTMLInputElement && control.type === 'checkbox')
      values[field.name] = control.checked ? 'true' : '';
    else if (
      control instanceof HTMLInputElement ||
      control instanceof HTMLTextAreaElement ||
      control instanceof HTMLSelectElement
    )
      values[field.name] = control.value;
  }
  return values;
}

const INPUT_MODES: Partial<Record<FormField['type'], 'decimal' | 'tel' | 'email'>> = {
  number: 'decimal',
  tel: 'tel',
  email: 'email',
};

/**
 * A form the server asked for inside the conversation (pre-chat, identity verification, leave a message,
 * custom): its title, why it is asked, and its fields with labels, hints and the widget's own checks in the
 * visitor's language. Values live in the form's inputs only (never in storage, the outbox or the
 * transcript); sensitive fields are masked as they are typed (a password input, whatever their type). On Submit the first problem gets focus and a
 * summary is announced; a valid form is sent and the form waits ("Sending…") for the server's
 * `form.result`: refused, its messages are shown by the fields; accepted, the form becomes a short
 * "sent" line and its inputs, with the values, are gone. A connection lost while sending lets the visitor send again.
 *
 * @example
 * ```tsx
 * <FormCard request={formRequestEvent} />
 * ```
 */
export function FormCard({ request }: FormCardProps) {
  const { client, translator, model } = useWidget();
  const { t } = translator;
  const prechat = client.prechat.value;
  // The pre-chat form asked first belongs to no conversation: an ended one does not close it.
  const first = prechat?.form.formId === request.formId && !prechat.accepted ? prechat : undefined;
  const pending = client.forms.value.find((form) => form.request.formId === request.formId) ?? first;
  const ended = first === undefined && client.conversation.value?.status === 'ended';
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [sending, setSending] = useState(false);
  const [notSent, setNotSent] = useState(false);
  const serverErrors = pending?.errors;
  const prefill = model.prefill.value;
  const formRef = useRef<HTMLFormElement>(null);
  const base = `clavard-form-${request.formId.replace(/[^\w-]/g, '_')}`;

  // Asked first, it is what the visitor does first: its first field takes the focus, unless the visitor
  // is in another field, or on the page.
  const askedFirst = first !== undefined;
  useEffect(() => {
    const form = formRef.current;
    if (!askedFirst || !form) return;
    // Never taken from the page (focus outside the widget), nor from another field of the widget.
    const root = form.getRootNode() as Document | ShadowRoot;
    const outside = form.ownerDocument.activeElement;
    if (
      outside &&
      outside !== form.ownerDocument.body &&
      !(root instanceof ShadowRoot && outside === root.host)
    )
      return;
    if (root.activeElement?.matches('input, textarea, select')) return;
    form.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [askedFirst]);
  // The server answered (refused with messages): the visitor may correct and send again.
  useEffect(() => setSending(false), [serverErrors]);
  // The connection dropped before the answer: the frame may be lost, so let the visitor send again. Watched
  // on the signal itself, as a reconnect may come back online before this component renders again.
  useEffect(() => {
    if (!sending) return;
    return client.status.subscribe((status) => {
      if (status === 'online') return;
      setSending(false);
      setNotSent(true);
    });
  }, [sending, client]);
  const ref = useListeners<HTMLFormElement>(
    {
      submit: (event, form) => {
        event.preventDefault();
        if (sending || !pending || ended) return;
        const values = readValues(form, request.fields);
        const found = checkForm(request.fields, values);
        setProblems(found);
        setNotSent(false);
        const names = Object.keys(found);
        if (names.length > 0) {
          model.announce(t('form.error.summary', { count: names.length }));
          const first = request.fields.find((field) => names.includes(field.name));
          const input =
            first && form.querySelector<HTMLElement>(`#${base}-${first.name.replace(/[^\w-]/g, '_')}`);
          input?.focus();
          return;
        }
        setSending(true);
        client.submitForm(request.formId, formValues(request.fields, values));
      },
    },
    formRef,
  );

  const kind = request.kind;
  const title = request.title ?? t(TITLES[kind]);
  if (!pending) {
    return (
      <div className="form-card" data-state="sent">
        <p className="form-title" dir="auto">
          {title}
        </p>
        <p className="form-sent">{t(kind === 'offline' ? 'offline.sent' : 'form.sent')}</p>
      </div>
    );
  }

  const titleId = `${base}-title`;
  const disabled = sending || ended;
  return (
    <form
      ref={ref}
      className="form-card"
      aria-labelledby={titleId}
      noValidate
      data-state={sending ? 'sending' : 'open'}
    >
      <p ref={adoptExtrasStyles} className="form-title" id={titleId} dir="auto">
        {title}
      </p>
      {kind === 'offline' && request.reason === undefined && (
        <p className="form-text">{t('offline.intro')}</p>
      )}
      {request.reason !== undefined && (
        <p className="form-text" dir="auto">
          {request.reason}
        </p>
      )}
      {kind === 'verification' && <p className="form-text">{t('verification.explanation')}</p>}
      {request.fields.map((field) => {
        const id = `${base}-${field.name.replace(/[^\w-]/g, '_')}`;
        const problem = problems[field.name];
        const serverMessage = serverErrors?.[field.name];
        const error = problem
          ? problemText(t, problem)
          : serverMessage !== undefined
            ? serverText(t, serverMessage, field)
            : '';
        // A verification form says it once for all its fields (`verification.explanation`).
        const hint =
          field.hint ?? (field.sensitive && kind !== 'verification' ? t('form.hidden') : undefined);
        const describedBy = [hint === undefined ? '' : `${id}-hint`, error === '' ? '' : `${id}-error`]
          .filter(Boolean)
          .join(' ');
        const common = {
          id,
          name: field.name,
          disabled,
          'aria-invalid': error === '' ? undefined : ('true' as const),
          'aria-describedby': describedBy === '' ? undefined : describedBy,
          'aria-required': field.required ? ('true' as const) : undefined,
        };
        let control: JSX.Element;
        if (field.type === 'textarea' && !field.sensitive) {
          control = <textarea {...common} className="input form-input" rows={3} />;
        } else if (field.type === 'select' && !field.sensitive) {
          control = (
            <select {...common} className="input form-input">
              <option value="">{t('form.choose')}</option>
              {(field.options ?? []).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          );
        } else if (field.type === 'checkbox') {
          control = <input {...common} type="checkbox" className="form-check" value="true" />;
        } else if (field.sensitive) {
          control = (
            <input
              {...common}
              className="input form-input"
              type="password"
              inputMode={INPUT_MODES[field.type]}
              placeholder={field.type === 'date' ? t('form.datePlaceholder') : undefined}
              autoComplete="off"
            />
          );
        } else {
          control = (
            <input
              {...common}
              className="input form-input"
              type={textType(field) as 'text'}
              inputMode={INPUT_MODES[field.type]}
              defaultValue={Object.hasOwn(prefill, field.name) ? prefill[field.name] : undefined}
            />
          );
        }
        return (
          <div
            key={field.name}
            className="form-field"
            data-kind={field.type === 'checkbox' ? 'check' : undefined}
          >
            <label htmlFor={id} className="form-label" dir="auto">
              {field.label}
              {!field.required && <span className="form-optional"> {t('form.optional')}</span>}
            </label>
            {control}
            {hint !== undefined && (
              <p className="form-hint" id={`${id}-hint`} dir="auto">
                {hint}
              </p>
            )}
            {error !== '' && (
              <p className="form-error" id={`${id}-error`} dir="auto">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {notSent && (
        <p className="form-error" role="alert">
          {t('form.error.notSent')}
        </p>
      )}
      <button
        type="submit"
        className="send form-submit"
        disabled={disabled}
        aria-disabled={disabled ? 'true' : undefined}
      >
        {sending ? t('form.sending') : t(first ? 'form.prechat.start' : SUBMITS[kind])}
      </button>
    </form>
  );
}
