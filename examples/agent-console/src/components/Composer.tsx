import type { ComponentChildren, RefObject } from 'preact';
import { useI18n } from '../i18n/translator.js';
import type { Draft } from '../send-rules.js';

/**
 * Props of {@link Composer}.
 *
 * @example
 * ```tsx
 * <Composer textarea={ref} draft={draft} greeted={false} greetingRequired={false} onInput={edit} onSend={send} onInsertGreeting={greet} />
 * ```
 */
export interface ComposerProps {
  textarea: RefObject<HTMLTextAreaElement | null>;
  draft: Draft;
  /** The agent has greeted this visitor. */
  greeted: boolean;
  /** A free answer was refused because the greeting must go first. */
  greetingRequired: boolean;
  onInput(text: string): void;
  onSend(): void;
  /** Puts the greeting before the draft. */
  onInsertGreeting(): void;
  /** @default false */
  disabled?: boolean;
  /** Shown beside Send (the end button). */
  endButton?: ComponentChildren;
  /** Shown before Send: the attach button, when files can be sent. */
  attachButton?: ComponentChildren;
  /** Shown above the answer box: the files attached. */
  files?: ComponentChildren;
  /** Files wait to go: Send is allowed with an empty text (no caption). @default false */
  filesWaiting?: boolean;
  /** Images pasted into the answer box. */
  onPasteFiles?(files: File[]): void;
}

/** The images of a paste (a screenshot copied to the clipboard), if any. */
const pastedImages = (event: ClipboardEvent): File[] =>
  [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));

/**
 * The answer box: Enter sends, Shift+Enter makes a new line. Until the agent greeted, a hint says the
 * greeting goes first, and a refused free answer shows an alert with a button that puts the greeting
 * before it.
 *
 * @example
 * ```tsx
 * <Composer … />
 * ```
 */
export function Composer(props: ComposerProps) {
  const { t } = useI18n();
  const { draft, greeted, greetingRequired, disabled = false, filesWaiting = false } = props;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSend();
      }}
    >
      {greetingRequired ? (
        <div class="alert" role="alert">
          <p>{t('composer.greetFirst')}</p>
          <button type="button" class="primary" onClick={props.onInsertGreeting}>
            {t('composer.putGreeting')}
          </button>
        </div>
      ) : null}
      {props.files}
      <label for="composer-text">{t('composer.label')}</label>
      <textarea
        id="composer-text"
        ref={props.textarea}
        rows={3}
        value={draft.text}
        disabled={disabled}
        aria-describedby={greeted ? undefined : 'composer-hint'}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onPaste={(event) => {
          const images = props.onPasteFiles ? pastedImages(event) : [];
          if (images.length === 0) return;
          event.preventDefault();
          props.onPasteFiles?.(images);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            props.onSend();
          }
        }}
      />
      {greeted ? null : (
        <p id="composer-hint" class="muted">
          {draft.greeting ? t('composer.greetingReady') : t('composer.startWithGreeting')}
        </p>
      )}
      <div class="composer-actions">
        <div class="composer-send">
          {props.attachButton}
          <button
            type="submit"
            class="primary"
            disabled={disabled || (draft.text.trim() === '' && !filesWaiting)}
          >
            {t('composer.send')}
          </button>
        </div>
        {props.endButton}
      </div>
    </form>
  );
}
