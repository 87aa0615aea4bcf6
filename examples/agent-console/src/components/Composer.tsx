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
}

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
  const { draft, greeted, greetingRequired, disabled = false } = props;
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
      <label for="composer-text">{t('composer.label')}</label>
      <textarea
        id="composer-text"
        ref={props.textarea}
        rows={3}
        value={draft.text}
        disabled={disabled}
        aria-describedby={greeted ? undefined : 'composer-hint'}
        onInput={(event) => props.onInput(event.currentTarget.value)}
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
        <button type="submit" class="primary" disabled={disabled || draft.text.trim() === ''}>
          {t('composer.send')}
        </button>
        {props.endButton}
      </div>
    </form>
  );
}
