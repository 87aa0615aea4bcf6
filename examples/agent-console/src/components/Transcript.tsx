import type { AttachmentContent, ConversationEvent, MessageContent } from '@clavard/protocol';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ConsoleConversation } from '../console-model.js';
import { type Translate, useI18n } from '../i18n/translator.js';
import { AttachmentView } from './AttachmentView.js';

const contentText = (content: MessageContent): string => {
  switch (content.kind) {
    case 'text':
    case 'quick-replies':
      return content.text;
    case 'link':
    case 'product':
      return `${content.title} (${content.url})`;
    case 'attachment':
      return content.caption ? `[${content.name}] ${content.caption}` : `[${content.name}]`;
  }
};

const time = (at: string, locale: string) =>
  new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

const notice = (event: ConversationEvent, meId: string, t: Translate): string | undefined => {
  switch (event.type) {
    case 'agent.joined':
      return event.agent.id === meId
        ? t('transcript.youJoined')
        : t('transcript.joined', { name: event.agent.firstName });
    case 'agent.left':
      return t('transcript.left', { name: event.agent.firstName });
    case 'agent.transferred':
      return event.from
        ? t('transcript.transferred', { from: event.from.firstName, to: event.agent.firstName })
        : t('transcript.transferredTo', { to: event.agent.firstName });
    case 'form.request':
      return t('transcript.form', { title: event.title ?? event.kind });
    case 'form.result': {
      const key =
        event.verified === undefined
          ? 'transcript.formResult'
          : event.verified
            ? 'transcript.formVerified'
            : 'transcript.formNotVerified';
      return t(key, { status: event.status });
    }
    case 'conversation.ended': {
      const by = t(`transcript.by.${event.by}`);
      return event.closing
        ? t('transcript.endedClosing', { by, closing: event.closing })
        : t('transcript.ended', { by });
    }
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
  onView = () => undefined,
}: {
  conversation: ConsoleConversation;
  meId: string;
  /** Asks for the page before the oldest event shown (shown while there is one). */
  onLoadOlder?: () => void;
  /** Opens an image in the viewer (its thumbnail was activated). */
  onView?: (content: AttachmentContent, opener: HTMLElement) => void;
}) {
  const { t, locale } = useI18n();
  const log = useRef<HTMLDivElement>(null);
  const newest = `${conversation.events.at(-1)?.seq ?? 0}:${conversation.pending.length}`;
  // Keep the newest message in view as the conversation grows (not when an older page comes in).
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newest]);
  return (
    <div ref={log} class="transcript" role="log" aria-live="polite" aria-label={t('transcript.label')}>
      {conversation.hasMore && onLoadOlder ? (
        <p class="older">
          <button type="button" onClick={onLoadOlder} disabled={conversation.loadingOlder}>
            {conversation.loadingOlder ? t('pane.olderLoading') : t('pane.older')}
          </button>
        </p>
      ) : null}
      <ol>
        {conversation.events.map((event) => {
          if (event.type !== 'message') {
            const text = notice(event, meId, t);
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
              ? t('transcript.visitor')
              : mine
                ? t('transcript.you')
                : author.role === 'agent'
                  ? author.firstName
                  : author.role === 'bot'
                    ? author.name
                    : t('transcript.system');
          return (
            <li
              key={event.seq}
              class={`message ${author.role === 'visitor' ? 'from-visitor' : 'from-agent'}`}
            >
              <p class="meta">
                <span class="who">{who}</span> <time dateTime={event.at}>{time(event.at, locale)}</time>
              </p>
              {event.content.kind === 'attachment' ? (
                <AttachmentView content={event.content} onView={onView} />
              ) : (
                <p class="text">{contentText(event.content)}</p>
              )}
              {mine ? (
                <p
                  class="receipt"
                  data-receipt={event.seq <= conversation.visitorReadSeq ? 'read' : 'delivered'}
                >
                  {event.seq <= conversation.visitorReadSeq
                    ? t('transcript.read')
                    : t('transcript.delivered')}
                </p>
              ) : null}
            </li>
          );
        })}
        {conversation.pending.map((message) => (
          <li key={message.clientId} class="message from-agent pending">
            <p class="meta">
              <span class="who">{t('transcript.you')}</span>
            </p>
            {message.fileName === undefined ? null : <p class="file-name pending-file">{message.fileName}</p>}
            {message.text === '' ? null : <p class="text">{message.text}</p>}
            <p class="receipt" data-receipt="sending">
              {t('transcript.sending')}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
