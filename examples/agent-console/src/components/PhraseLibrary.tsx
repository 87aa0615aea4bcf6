import { fillPhrase, PHRASE_KINDS, type Phrase } from '../phrases.js';

/**
 * Props of {@link PhraseLibrary}.
 *
 * @example
 * ```tsx
 * <PhraseLibrary phrases={DEFAULT_PHRASES} agentFirstName="Julie" onInsert={insert} />
 * ```
 */
export interface PhraseLibraryProps {
  phrases: readonly Phrase[];
  agentFirstName: string;
  onInsert(phrase: Phrase): void;
  /** @default false */
  disabled?: boolean;
}

/**
 * The phrase library by group, each phrase a button with its Alt+number shortcut; a click inserts it
 * into the composer at the caret.
 *
 * @example
 * ```tsx
 * <PhraseLibrary phrases={model.phrases} agentFirstName={me.firstName} onInsert={insert} />
 * ```
 */
export function PhraseLibrary({ phrases, agentFirstName, onInsert, disabled = false }: PhraseLibraryProps) {
  return (
    <section class="phrases" aria-labelledby="phrases-heading">
      <h2 id="phrases-heading">Phrases</h2>
      <p class="muted">Click or press Alt+number to insert; edit before sending.</p>
      {PHRASE_KINDS.map(({ kind, title }) => {
        const group = phrases.flatMap((phrase, index) => (phrase.kind === kind ? [{ phrase, index }] : []));
        if (group.length === 0) return null;
        return (
          <div key={kind} class="phrase-group">
            <h3>{title}</h3>
            <ul>
              {group.map(({ phrase, index }) => {
                const shortcut = index < 9 ? `Alt+${index + 1}` : undefined;
                const text = fillPhrase(phrase.text, agentFirstName);
                return (
                  <li key={phrase.id}>
                    <button
                      type="button"
                      class="phrase"
                      data-phrase={phrase.id}
                      disabled={disabled}
                      aria-keyshortcuts={shortcut}
                      title={text}
                      onClick={() => onInsert(phrase)}
                    >
                      {shortcut ? <kbd>{shortcut}</kbd> : null} {phrase.label}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
