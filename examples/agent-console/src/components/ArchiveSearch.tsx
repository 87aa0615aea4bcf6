import { useState } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';

/**
 * The archive: ended conversations searched by the visitor's name or email or the words of the messages
 * (accents ignored); a result opens read-only in the middle column.
 *
 * @example
 * ```tsx
 * <ArchiveSearch model={model} />
 * ```
 */
export function ArchiveSearch({ model }: { model: ConsoleModel }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const archive = model.archive.value;
  const selectedId = model.selected.value?.id;
  return (
    <section class="archive" aria-labelledby="archive-heading">
      <h2 id="archive-heading">{t('archive.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          model.search(query.trim());
        }}
      >
        <label for="archive-query">{t('archive.search')}</label>
        <div class="search-row">
          <input
            id="archive-query"
            type="search"
            value={query}
            placeholder={t('archive.hint')}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <button type="submit">{t('archive.submit')}</button>
        </div>
      </form>
      {archive?.loading ? <p class="muted">{t('archive.loading')}</p> : null}
      {archive && !archive.loading && archive.results.length === 0 ? (
        <p class="muted">{t('archive.none')}</p>
      ) : null}
      <ul aria-live="polite">
        {(archive?.results ?? []).map((entry) => {
          const when = new Date(entry.endedAt ?? entry.createdAt).toLocaleString(locale, {
            dateStyle: 'medium',
            timeStyle: 'short',
          });
          return (
            <li key={entry.conversationId}>
              <button
                type="button"
                class="conversation-link archived"
                aria-current={entry.conversationId === selectedId ? 'true' : undefined}
                onClick={() => model.open(entry.conversationId)}
              >
                <span class="who">{entry.name ?? entry.email ?? t('context.anonymous')}</span>
                {entry.snippet ? <span class="preview">{entry.snippet}</span> : null}
                <span class="muted">
                  {when}
                  {entry.agent ? ` · ${t('archive.with', { agent: entry.agent })}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
