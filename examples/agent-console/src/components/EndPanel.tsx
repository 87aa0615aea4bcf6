import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';
import { fillPhrase, type Phrase } from '../phrases.js';

/**
 * Props of {@link EndPanel}.
 *
 * @example
 * ```tsx
 * <EndPanel phrases={model.phrases} agentFirstName="Julie" onEnd={(closing) => model.end(id, closing)} onCancel={close} />
 * ```
 */
export interface EndPanelProps {
  phrases: readonly Phrase[];
  agentFirstName: string;
  /** Ends the conversation with this closing text. */
  onEnd(closing: string): void;
  onCancel(): void;
}

/**
 * Offered before ending: the closing phrases to choose from, the closing text editable, then "End".
 * Focus goes to the text on open; Escape cancels.
 *
 * @example
 * ```tsx
 * {ending ? <EndPanel … /> : null}
 * ```
 */
export function EndPanel({ phrases, agentFirstName, onEnd, onCancel }: EndPanelProps) {
  const { t } = useI18n();
  const closings = phrases.filter((phrase) => phrase.kind === 'closing');
  const [text, setText] = useState(closings[0] ? fillPhrase(closings[0].text, agentFirstName) : '');
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  return (
    <section
      class="end-panel"
      aria-labelledby="end-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id="end-heading">{t('end.heading')}</h2>
      <fieldset>
        <legend>{t('end.legend')}</legend>
        {closings.map((phrase) => {
          const filled = fillPhrase(phrase.text, agentFirstName);
          return (
            <label key={phrase.id} class="choice">
              <input type="radio" name="closing" checked={text === filled} onChange={() => setText(filled)} />{' '}
              {phrase.label}
            </label>
          );
        })}
      </fieldset>
      <label for="closing-text">{t('end.text')}</label>
      <textarea
        id="closing-text"
        ref={area}
        rows={3}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" class="danger" disabled={text.trim() === ''} onClick={() => onEnd(text)}>
          {t('end.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('end.cancel')}
        </button>
      </div>
    </section>
  );
}
