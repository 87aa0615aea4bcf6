import type { ConversationEvent, MessageContent } from '@clavard/protocol';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ConsoleConversation } from '../console-model.js';

const contentText = (content: MessageContent): string => {
  switch (content.kind) {
    case 'text':
    case 'quick-replies':
      return content.text;
    case 'link':
    case 'product':
      return `${content.title} (${content.url})`;
  }
};

const time = (at: string) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const notice = (event: ConversationEvent, meId: string): string | undefined => {
  switch (event.type) {
    case 'agent.joined':
      return event.agent.id === meId ? 'You joined' : `${event.agent.firstName} joined`;
    case 'agent.left':
      return `${event.agent.firstName} left`;
    case 'agent.transferred':
      return `Transferred${event.from ? ` from ${event.from.firstName}` : ''} to ${event.agent.firstName}`;
    case 'form.request':
      return `Form requested: ${event.title ?? event.kind}`;
    case 'form.result':
      return `Form ${event.status}${event.verified === undefined ? '' : event.verified ? ' (verified)' : ' (not verified)'}`;
    case 'conversation.ended':
      return `Ended by the ${event.by}${event.closing ? `: ${event.closing}` : ''}`;
    default:
      return undefined;
  }
};

/**
 * The conversation as a log: messages with author and time, receipts on this agent's messages (read by
 * the visitor or delivered), pending ones as "Sending…", and notices. Every text is rendered as text.
 *
 * @example
 * ```tsx
 * <Transcript conversation={c} meId={me.id} />
 * ```
 */
export function Transcript({
  conversation,
  meId,
  onLoadOlder,
}: {
  conversation: ConsoleConversation;
  meId: string;
  /** Asks for the page before the oldest event shown (shown while there is one). */
  onLoadOlder?: () => void;
}) {
  const log = useRef<HTMLDivElement>(null);
  const newest = `${conversation.events.at(-1)?.seq ?? 0}:${conversation.pending.length}`;
  // Keep the newest message in view as the conversation grows (not when an older page comes in).
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newest]);
  return (
    <div ref={log} class="transcript" role="log" aria-live="polite" aria-label="Conversation">
      {conversation.hasMore && onLoadOlder ? (
        <p class="older">
          <button type="button" onClick={onLoadOlder} disabled={conversation.loadingOlder}>
            {conversation.loadingOlder ? 'Loading earlier messages…' : 'Show earlier messages'}
          </button>
        </p>
      ) : null}
      <ol>
        {conversation.events.map((event) => {
          if (event.type !== 'message') {
            const text = notice(event, meId);
            return text === undefined ? null : (
              <li key={event.seq} class="notice">
                {text}
              </li>
            );
          }
          const { author } = event;
          const mine = author.role === 'agent' && author.id === meId;
          const who =
            author.role === 'visitor'
              ? 'Visitor'
              : mine
                ? 'You'
                : author.role === 'agent'
                  ? author.firstName
                  : author.role === 'bot'
                    ? author.name
                    : 'System';
          return (
            <li
              key={event.seq}
              class={`message ${author.role === 'visitor' ? 'from-visitor' : 'from-agent'}`}
            >
              <p class="meta">
                <span class="who">{who}</span> <time dateTime={event.at}>{time(event.at)}</time>
              </p>
              <p class="text">{contentText(event.content)}</p>
              {mine ? (
                <p
                  class="receipt"
                  data-receipt={event.seq <= conversation.visitorReadSeq ? 'read' : 'delivered'}
                >
                  {event.seq <= conversation.visitorReadSeq ? 'Read' : 'Delivered'}
                </p>
              ) : null}
            </li>
          );
        })}
        {conversation.pending.map((message) => (
          <li key={message.clientId} class="message from-agent pending">
            <p class="meta">
              <span class="who">You</span>
            </p>
            <p class="text">{message.text}</p>
            <p class="receipt" data-receipt="sending">
              Sending…
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
