import type { ConsoleConversation, ConsoleModel } from '../console-model.js';

const firstVisitorText = (c: ConsoleConversation): string => {
  for (const event of c.events) {
    if (event.type === 'message' && event.author.role === 'visitor' && 'text' in event.content) {
      return event.content.text;
    }
  }
  return 'Conversation';
};

const stateOf = (c: ConsoleConversation): string => {
  if (c.handedTo) return `Transferred to ${c.handedTo.firstName}`;
  if (c.status === 'ended') return 'Ended';
  if (c.visitorTyping) return 'Visitor is typing…';
  return 'Active';
};

/**
 * The conversations this agent holds (and those just ended or handed over), to switch between.
 *
 * @example
 * ```tsx
 * <ConversationList model={model} />
 * ```
 */
export function ConversationList({ model }: { model: ConsoleModel }) {
  const conversations = model.conversations.value;
  const selectedId = model.selected.value?.id;
  return (
    <section class="mine" aria-labelledby="mine-heading">
      <h2 id="mine-heading">My conversations ({conversations.length})</h2>
      <ul>
        {conversations.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              class="conversation-link"
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => model.select(c.id)}
            >
              <span class="preview">{firstVisitorText(c)}</span>
              <span class="muted">{stateOf(c)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
