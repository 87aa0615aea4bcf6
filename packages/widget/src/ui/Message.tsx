import type { ComponentChildren } from 'preact';
import type { ChatEntry } from '../headless/index.js';
import { Card } from './Card.js';
import { useWidget } from './context.js';
import { Lazy } from './Lazy.js';
import { LinkedText } from './LinkedText.js';
import { QuickReplies } from './QuickReplies.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Message}. */
export interface MessageProps {
  entry: ChatEntry;
  /** The visitor's own message: show its delivery state. */
  mine: boolean;
  /** Show the quick-reply buttons (on messages the visitor has not answered yet, while the conversation is open). */
  showReplies: boolean;
}

/**
 * One message: its content as text, link, card or file (the file's parts are lazily loaded), its time, and for the visitor's own messages the
 * delivery state with a retry button when it failed.
 *
 * @example
 * ```tsx
 * <Message entry={entry} mine={false} showReplies />
 * ```
 */
export function Message({ entry, mine, showReplies }: MessageProps) {
  const { translator } = useWidget();
  const { t } = translator;
  const newTab = t('link.newTab');
  let body: ComponentChildren;
  let time: string | undefined;
  // A file on its way: the lazily loaded row shows its progress, error, Retry and Cancel itself.
  const file = entry.kind === 'pending' && entry.file;
  if (entry.kind === 'pending') {
    body = file ? (
      <Lazy
        render={({ PendingFile }) => <PendingFile entry={entry} />}
        fallback={
          <p className="bubble" dir="auto">
            {file.name}
          </p>
        }
      />
    ) : (
      <p className="bubble" dir="auto">
        <LinkedText text={entry.text} newTabLabel={newTab} />
      </p>
    );
  } else if (entry.event.type === 'message') {
    const content = entry.event.content;
    time = translator.formatTime(entry.at);
    body =
      content.kind === 'text' || content.kind === 'quick-replies' ? (
        <>
          <p className="bubble" dir="auto">
            <LinkedText text={content.text} newTabLabel={newTab} />
          </p>
          {showReplies && content.kind === 'quick-replies' && <QuickReplies replies={content.replies} />}
        </>
      ) : content.kind === 'attachment' ? (
        <Lazy render={({ Attachment }) => <Attachment content={content} />} />
      ) : (
        <Card content={content} locale={translator.locale} newTabLabel={newTab} />
      );
  }
  const delivery = mine && !file ? entry.delivery : undefined;
  return (
    <div className="msg" data-delivery={delivery}>
      {body}
      {(time !== undefined || delivery !== undefined) && (
        <p className="meta" data-failed={delivery === 'failed' ? '' : undefined}>
          {time !== undefined && <time dateTime={entry.kind === 'event' ? entry.at : undefined}>{time}</time>}
          {delivery !== undefined && <span>{t(`message.status.${delivery}`)}</span>}
          {delivery === 'failed' && entry.kind === 'pending' && (
            <RetryButton clientId={entry.clientId} label={t('message.retry')} />
          )}
        </p>
      )}
    </div>
  );
}

function RetryButton({ clientId, label }: { clientId: string; label: string }) {
  const { client } = useWidget();
  const ref = useListeners<HTMLButtonElement>({ click: () => client.retry(clientId) });
  return (
    <button ref={ref} type="button" className="link-button">
      {label}
    </button>
  );
}
