import type { ConsoleConversation, ConsoleModel } from '../console-model.js';
import { type Translate, useI18n } from '../i18n/translator.js';

/** The newest message's text: what the agent sees of a conversation they are not looking at. */
const lastText = (c: ConsoleConversation): string | undefined => {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const event = c.events[i];
    if (event?.type === 'message' && 'text' in event.content) return event.content.text;
  }
  return undefined;
};

const stateOf = (c: ConsoleConversation, t: Translate): string => {
  if (c.handedTo) return t('mine.state.transferred', { name: c.handedTo.firstName });
  if (c.status === 'ended') return t('mine.state.ended');
  if (c.visitorTyping) return t('mine.state.typing');
  return t('mine.state.active');
};

/**
 * The conversations this agent holds (and those just ended or handed over): for each, who, the newest
 * message and the count of unread visitor messages. Alt+↑ and Alt+↓ move between them.
 *
 * @example
 * ```tsx
 * <ConversationList model={model} />
 * ```
 */
export function ConversationList({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const selectedId = model.selected.value?.id;
  // Those under way, and the one open: ended and handed-over ones leave the list (the archive keeps them).
  const conversations = model.conversations.value.filter((c) => c.mine || c.id === selectedId);
  return (
    <section class="mine" aria-labelledby="mine-heading" aria-describedby="mine-keys">
      <h2 id="mine-heading">{t('mine.heading', { count: conversations.length })}</h2>
      <p id="mine-keys" class="visually-hidden">
        {t('mine.shortcuts')}
      </p>
      <ul>
        {conversations.map((c) => {
          const unread = model.unreadOf(c);
          const who = c.visitor?.name ?? c.given?.name ?? t('context.anonymous');
          return (
            <li key={c.id}>
              <button
                type="button"
                class="conversation-link"
                data-unread={unread > 0 ? String(unread) : undefined}
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={() => model.select(c.id)}
              >
                <span class="who">
                  {who}
                  {unread > 0 ? (
                    <span class="badge">
                      {unread === 1 ? t('mine.unreadOne') : t('mine.unread', { count: unread })}
                    </span>
                  ) : null}
                </span>
                <span class="preview">{lastText(c) ?? ''}</span>
                <span class="muted">{stateOf(c, t)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
