import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';
import { fillPhrase, PHRASE_KINDS, type Phrase } from '../phrases.js';
import { useComposerBridge } from './composer-bridge.js';

/**
 * Props of {@link PhraseLibrary}.
 *
 * @example
 * ```tsx
 * <PhraseLibrary phrases={model.phrasesOf(conversation)} agentFirstName="Julie" />
 * ```
 */
export interface PhraseLibraryProps {
  /** The phrases of the conversation's language, in shortcut order. */
  phrases: readonly Phrase[];
  agentFirstName: string;
  /** Where a chosen phrase goes. @default the open conversation's composer */
  onInsert?(phrase: Phrase): void;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The phrase library by group, with a search box (label and text, accents ignored): a click, Enter on
 * the search box (the first match) or Alt+1…9 in the conversation inserts one at the caret.
 *
 * @example
 * ```tsx
 * <PhraseLibrary phrases={phrases} agentFirstName="Julie" />
 * ```
 */
export function PhraseLibrary({ phrases, agentFirstName, onInsert }: PhraseLibraryProps) {
  const { t } = useI18n();
  const bridge = useComposerBridge();
  const [query, setQuery] = useState('');
  const insert = (phrase: Phrase) => (onInsert ? onInsert(phrase) : bridge.current?.(phrase));
  const wanted = fold(query.trim());
  const matches = phrases.flatMap((phrase, index) => {
    const text = fillPhrase(phrase.text, agentFirstName);
    return wanted === '' || fold(`${phrase.label} ${text}`).includes(wanted) ? [{ phrase, index, text }] : [];
  });
  return (
    <section class="phrases" aria-labelledby="phrases-heading">
      <h2 id="phrases-heading">{t('phrases.heading')}</h2>
      <p class="muted" id="phrases-hint">
        {t('phrases.hint')}
      </p>
      <label class="visually-hidden" for="phrase-search">
        {t('phrases.search')}
      </label>
      <input
        id="phrase-search"
        type="search"
        placeholder={t('phrases.search')}
        value={query}
        aria-describedby="phrases-hint"
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          const first = matches[0];
          if (event.key !== 'Enter' || !first) return;
          event.preventDefault();
          insert(first.phrase);
          setQuery('');
        }}
      />
      {matches.length === 0 ? <p class="muted">{t('phrases.none')}</p> : null}
      {PHRASE_KINDS.map(({ kind }) => {
        const group = matches.filter(({ phrase }) => phrase.kind === kind);
        if (group.length === 0) return null;
        return (
          <div key={kind} class="phrase-group">
            <h3>{t(`phrases.kind.${kind}`)}</h3>
            <ul>
              {group.map(({ phrase, index, text }) => {
                const shortcut = index < 9 ? `Alt+${index + 1}` : undefined;
                return (
                  <li key={phrase.id}>
                    <button
                      type="button"
                      class="phrase"
                      data-phrase={phrase.id}
                      aria-keyshortcuts={shortcut}
                      title={text}
                      onClick={() => insert(phrase)}
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
