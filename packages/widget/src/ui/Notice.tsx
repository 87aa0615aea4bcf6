import type { ConfirmedEntry } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import { useWidget } from './context.js';

/** Props of {@link Notice}. */
export interface NoticeProps {
  entry: ConfirmedEntry;
}

/**
 * A conversation event as a line of text: an agent joined, the conversation passed to another agent
 * ("You are now chatting with Julie"), an agent left, the conversation ended (with the closing text).
 *
 * @example
 * ```tsx
 * <Notice entry={entry} />
 * ```
 */
export function Notice({ entry }: NoticeProps) {
  const { translator } = useWidget();
  const { t } = translator;
  const event = entry.event;
  switch (event.type) {
    case 'agent.joined':
      return <p class="notice">{t('agent.joined', { name: agentDisplayName(event.agent) })}</p>;
    case 'agent.transferred':
      return <p class="notice">{t('agent.transferred', { name: agentDisplayName(event.agent) })}</p>;
    case 'agent.left':
      return <p class="notice">{t('agent.left', { name: agentDisplayName(event.agent) })}</p>;
    case 'conversation.ended':
      return (
        <div class="notice">
          <p>{t('conversation.ended')}</p>
          {event.closing !== undefined && event.closing !== '' && (
            <p class="closing" dir="auto">
              {event.closing}
            </p>
          )}
        </div>
      );
    default:
      return null;
  }
}
