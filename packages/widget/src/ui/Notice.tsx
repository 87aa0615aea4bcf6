import type { ConfirmedEntry } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import { useWidget } from './context.js';
import { Lazy } from './Lazy.js';

/** Props of {@link Notice}. */
export interface NoticeProps {
  entry: ConfirmedEntry;
}

/**
 * A conversation event as a line of text: an agent joined, the conversation passed to another agent
 * ("You are now chatting with Julie"), an agent left, the conversation ended (with the closing text), a
 * form the server asked for (FormCard, loaded lazily), and a verification's decision ("Identity verified").
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
  if (event.type === 'agent.joined' || event.type === 'agent.transferred' || event.type === 'agent.left') {
    return <p className="notice">{t(event.type, { name: agentDisplayName(event.agent) })}</p>;
  }
  if (event.type === 'form.request') return <Lazy render={({ FormCard }) => <FormCard request={event} />} />;
  if (event.type === 'form.result') {
    if (event.verified === undefined) return null;
    return (
      <p className="notice" data-verified={event.verified ? 'true' : 'false'}>
        {t(event.verified ? 'verification.verified' : 'verification.failed')}
      </p>
    );
  }
  if (event.type !== 'conversation.ended') return null;
  return (
    <div className="notice">
      <p>{t('conversation.ended')}</p>
      {event.closing !== undefined && event.closing !== '' && (
        <p className="closing" dir="auto">
          {event.closing}
        </p>
      )}
    </div>
  );
}
