import { ATTACHMENT_MEDIA_TYPES, MAX_TEXT_LENGTH } from '@clavard/protocol';
import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { attachFiles } from './attach-files.js';
import { useWidget } from './context.js';
import { Icon } from './Icon.js';
import { Lazy } from './Lazy.js';
import { sendText } from './send-text.js';
import { useListeners } from './use-listeners.js';

/** The counter appears when fewer characters than this are left. */
export const COUNTER_THRESHOLD = 500;
const MAX_ROWS = 6;

const sendable = (text: string, ended: boolean): boolean =>
  !ended && text.trim() !== '' && text.length <= MAX_TEXT_LENGTH;

/** Props of {@link Composer}. */
export interface ComposerProps {
  inputRef: Ref<HTMLTextAreaElement>;
}

/**
 * Where the visitor writes. The textarea grows with its text (`field-sizing: content`, with `rows` as the
 * fallback), Enter sends, Shift+Enter breaks the line, Enter while an input method is composing does
 * nothing, a counter appears near the 10,000-character limit, and the visitor's typing is sent through
 * the client (which throttles it). Once the conversation has ended (the conversation's notice says so)
 * it gives way to a "New conversation" button that brings it back (focus goes to the textarea): the next
 * message starts a new conversation.
 *
 * @example
 * ```tsx
 * <Composer inputRef={composerRef} />
 * ```
 */
export function Composer({ inputRef }: ComposerProps) {
  const { client, translator, model } = useWidget();
  const { t } = translator;
  const { draft } = model;
  // Read here, not bound as signal props: @preact/signals walks signal DOM props with `for…in` and crashes
  // when the host page puts an enumerable key on Object.prototype. Re-rendering this form per keystroke
  // is cheap.
  const text = draft.value;
  const conversation = client.conversation.value;
  const endedId = conversation?.status === 'ended' ? conversation.id : undefined;
  const startedOver = endedId !== undefined && model.startedOver.value === endedId;
  const ended = endedId !== undefined && !startedOver;
  const remaining = MAX_TEXT_LENGTH - text.length;
  const rows = Math.min(MAX_ROWS, text.split('\n').length);
  let hint = '';
  if (startedOver && remaining >= COUNTER_THRESHOLD) hint = t('composer.startsNew');
  else if (remaining < COUNTER_THRESHOLD) {
    hint = t('composer.remaining', { remaining: Math.max(0, remaining) });
  }
  const cannotSend = !sendable(text, ended);
  const hintId = 'clavard-composer-hint';

  const submit = (): void => {
    // Fresh values: an Enter right after an input event may come before this form re-renders.
    const current = draft.peek();
    const now = client.conversation.peek();
    if (!sendable(current, now?.status === 'ended' && model.startedOver.peek() !== now.id)) return;
    if (sendText(client, current)) {
      draft.value = '';
      client.setTyping(false);
    }
  };

  // The textarea is enabled on the render after the click: move focus there once it is.
  const focusOnEnable = useRef(false);
  useEffect(() => {
    if (ended || !focusOnEnable.current) return;
    focusOnEnable.current = false;
    if (inputRef && typeof inputRef === 'object') inputRef.current?.focus();
  }, [ended, inputRef]);
  // The conversation ended under the visitor's typing: the focus goes to the way on, not to nowhere.
  // Read while rendering, before the textarea leaves the DOM.
  const hadFocus = useRef(false);
  const wasEnded = useRef(ended);
  if (ended && !wasEnded.current) {
    const textarea = inputRef && typeof inputRef === 'object' ? inputRef.current : null;
    hadFocus.current = textarea !== null && (textarea.getRootNode() as ShadowRoot).activeElement === textarea;
  }
  wasEnded.current = ended;
  const focusTarget = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ended && hadFocus.current) focusTarget.current?.focus();
    hadFocus.current = false;
  }, [ended]);
  const newConversationRef = useListeners<HTMLButtonElement>(
    {
      click: () => {
        const now = client.conversation.peek();
        if (now?.status !== 'ended') return;
        focusOnEnable.current = true;
        model.startedOver.value = now.id;
      },
    },
    focusTarget,
  );

  const formRef = useListeners<HTMLFormElement>({
    submit: (event) => {
      event.preventDefault();
      submit();
    },
  });
  const textareaRef = useListeners<HTMLTextAreaElement>(
    {
      input: (_event, textarea) => {
        draft.value = textarea.value;
        client.setTyping(draft.value !== '');
      },
      blur: () => client.setTyping(false),
      // A pasted image (a screenshot) is sent as a file; pasted text goes in as usual.
      paste: (event) => {
        if (attachFiles(client, model, event.clipboardData?.files)) event.preventDefault();
      },
      keydown: (event) => {
        // keyCode 229: Safari reports the Enter that ends an IME composition without isComposing.
        if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
        event.preventDefault();
        submit();
      },
    },
    inputRef,
  );

  const fileInput = useRef<HTMLInputElement>(null);
  const attachRef = useListeners<HTMLButtonElement>({ click: () => fileInput.current?.click() });
  const fileInputRef = useListeners<HTMLInputElement>(
    {
      change: (_event, input) => {
        attachFiles(client, model, input.files);
        input.value = ''; // the same file may be chosen again
      },
    },
    fileInput,
  );
  const files = client.attachments.value !== undefined;
  const note = model.fileNote.value;

  // Ended (the conversation says so above): only the way on, instead of a disabled composer.
  if (ended)
    return (
      <div className="composer" data-ended="">
        <button ref={newConversationRef} type="button" className="secondary new-conversation">
          {t('composer.newConversation')}
        </button>
      </div>
    );
  return (
    <form ref={formRef} className="composer">
      <div className="composer-row">
        {files && (
          <>
            <button
              ref={attachRef}
              type="button"
              className="icon-button attach"
              aria-label={t('composer.attach')}
            >
              <Icon name="clip" />
            </button>
            <input ref={fileInputRef} type="file" multiple accept={ATTACHMENT_MEDIA_TYPES.join(',')} hidden />
          </>
        )}
        <label className="sr" htmlFor="clavard-composer">
          {t('composer.label')}
        </label>
        <textarea
          ref={textareaRef}
          id="clavard-composer"
          className="input"
          rows={rows}
          value={text}
          placeholder={t('composer.placeholder')}
          aria-describedby={hintId}
          enterkeyhint="send"
        />
        <button type="submit" className="send" disabled={cannotSend}>
          {t('composer.send')}
        </button>
      </div>
      <p className="hint" id={hintId} data-over={remaining < 0 ? 'true' : undefined} hidden={hint === ''}>
        {hint}
      </p>
      {note !== undefined && <Lazy render={({ FileNote }) => <FileNote note={note} />} />}
    </form>
  );
}
