import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { authorName } from './author-name.js';
import { useWidget } from './context.js';
import { groupEntries } from './group-entries.js';
import { Message } from './Message.js';
import { Notice } from './Notice.js';

/**
 * The conversation: the organisation's greeting first, a notice when earlier history was lost, then the
 * messages grouped by author and the conversation's notices. Keeps the newest message in view.
 *
 * @example
 * ```tsx
 * <MessageList />
 * ```
 */
export function MessageList() {
  const { client, model, translator, brand, greeting } = useWidget();
  const { t } = translator;
  const entries = client.messages.value;
  const ended = client.conversation.value?.status === 'ended';
  const items = useMemo(() => groupEntries(entries), [entries]);
  const list = useRef<HTMLOListElement>(null);
  // Quick replies stay offered until the visitor writes again.
  const unanswered = useMemo(() => {
    const keys = new Set<string>();
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index];
      if (!entry || entry.kind === 'pending') break;
      if (entry.event.type === 'message' && entry.event.author.role === 'visitor') break;
      keys.add(entry.key);
    }
    return keys;
  }, [entries]);

  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries.length]);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <ol class="log" ref={list} tabIndex={0} aria-label={t('panel.label', { organisation: brand.name })}>
      <li class="group greeting">
        <p class="author">{brand.name}</p>
        <div class="msg">
          <p class="bubble" dir="auto">
            {greeting ?? t('greeting.default')}
          </p>
        </div>
      </li>
      {model.discontinuity.value && <li class="notice">{t('history.discontinuity')}</li>}
      {items.map((item) =>
        item.kind === 'notice' ? (
          <li key={item.key} class="group notice-row">
            <Notice entry={item.entry} />
          </li>
        ) : (
          <li key={item.key} class="group" data-mine={item.author === undefined ? '' : undefined}>
            <p class="author">
              {item.author === undefined ? t('message.you') : (authorName(item.author) ?? brand.name)}
            </p>
            {item.entries.map((entry) => (
              <Message
                key={entry.key}
                entry={entry}
                mine={item.author === undefined}
                showReplies={!ended && unanswered.has(entry.key)}
              />
            ))}
          </li>
        ),
      )}
    </ol>
  );
}
