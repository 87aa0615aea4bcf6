import { MAX_TEXT_LENGTH } from '@clavard/protocol';
import { useComputed, useSignal } from '@preact/signals';
import type { Ref } from 'preact';
import { useWidget } from './context.js';
import { sendText } from './send-text.js';

/** The counter appears when fewer characters than this are left. */
export const COUNTER_THRESHOLD = 500;
const MAX_ROWS = 6;

/** Props of {@link Composer}. */
export interface ComposerProps {
  inputRef: Ref<HTMLTextAreaElement>;
}

/**
 * Where the visitor writes. The textarea grows with its text (`field-sizing: content`, with `rows` as the
 * fallback), Enter sends, Shift+Enter breaks the line, Enter while an input method is composing does
 * nothing, a counter appears near the 10,000-character limit, and the visitor's typing is sent through
 * the client (which throttles it). Disabled, with the reason, once the conversation has ended.
 *
 * @example
 * ```tsx
 * <Composer inputRef={composerRef} />
 * ```
 */
export function Composer({ inputRef }: ComposerProps) {
  const { client, translator } = useWidget();
  const { t } = translator;
  const draft = useSignal('');
  const ended = useComputed(() => client.conversation.value?.status === 'ended');
  const remaining = useComputed(() => MAX_TEXT_LENGTH - draft.value.length);
  const rows = useComputed(() => Math.min(MAX_ROWS, draft.value.split('\n').length));
  const hint = useComputed(() => {
    if (ended.value) return t('composer.disabled.ended');
    const left = remaining.value;
    return left < COUNTER_THRESHOLD ? t('composer.remaining', { remaining: Math.max(0, left) }) : '';
  });
  const noHint = useComputed(() => hint.value === '');
  const over = useComputed(() => (remaining.value < 0 ? 'true' : undefined));
  const cannotSend = useComputed(() => ended.value || draft.value.trim() === '' || remaining.value < 0);
  const hintId = 'clavard-composer-hint';

  const submit = (): void => {
    if (cannotSend.value) return;
    if (sendText(client, draft.value)) {
      draft.value = '';
      client.setTyping(false);
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div class="composer-row">
        <label class="sr" for="clavard-composer">
          {t('composer.label')}
        </label>
        <textarea
          ref={inputRef}
          id="clavard-composer"
          class="input"
          rows={rows}
          value={draft}
          disabled={ended}
          placeholder={t('composer.placeholder')}
          aria-describedby={hintId}
          enterkeyhint="send"
          onInput={(event) => {
            draft.value = event.currentTarget.value;
            client.setTyping(draft.value !== '');
          }}
          onBlur={() => client.setTyping(false)}
          onKeyDown={(event) => {
            // keyCode 229: Safari reports the Enter that ends an IME composition without isComposing.
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
            event.preventDefault();
            submit();
          }}
        />
        <button type="submit" class="send" disabled={cannotSend}>
          {t('composer.send')}
        </button>
      </div>
      <p class="hint" id={hintId} data-over={over} hidden={noHint}>
        {hint}
      </p>
    </form>
  );
}
