import { useEffect, useRef } from 'preact/hooks';
import type { ChatClient, PendingEntry } from '../../headless/index.js';
import { useWidget } from '../context.js';
import { useListeners } from '../use-listeners.js';
import { adoptFileStyles } from './file-styles.js';
import { type FileTextKey, fileTexts, formatSize } from './file-texts.js';

/** Failures that another try cannot fix: the file itself, or the bytes gone, is the problem. */
const FOR_GOOD = new Set([
  'attachment-too-large',
  'attachment-type-refused',
  'attachment-limit',
  'storage-unavailable',
]);
/** Failures of the way there: said as a connection problem. */
const NETWORK = new Set(['connection-lost', 'unavailable', 'timeout', 'rate-limited']);

/**
 * What went wrong with a file, in words: its own text for the codes about files, the connection's for the
 * ways there, else a plain "could not be sent". `attachment-too-large` names the server's limit.
 *
 * @example
 * ```ts
 * fileErrorText('attachment-too-large', client, 'en'); // 'This file is over 10 MB, the largest this chat takes.'
 * ```
 */
export function fileErrorText(code: string | undefined, client: ChatClient, locale: string): string {
  const say = fileTexts(locale);
  const max = client.attachments.peek()?.maxBytes;
  if (code === 'attachment-too-large' && max !== undefined)
    return say(code, { size: formatSize(max, locale) });
  if (code !== undefined && code !== 'attachment-too-large' && (FOR_GOOD.has(code) || code === 'outbox-full'))
    return say(code as FileTextKey);
  return say(code !== undefined && NETWORK.has(code) ? 'network' : 'failed');
}

/** Props of {@link PendingFile}. */
export interface PendingFileProps {
  entry: PendingEntry;
}

/**
 * The visitor's file on its way: a card with its name and size, a thin progress bar (named "Uploading
 * photo.png") fed by `client.uploads`, and Cancel; once it failed, the reason in words, Retry when
 * another try can help (not for a file too large, refused, or lost with a reload), and Cancel. Its end is
 * announced politely: sent (its row turned into the confirmed message) or not sent, with the reason.
 *
 * @example
 * ```tsx
 * {entry.file && <PendingFile entry={entry} />}
 * ```
 */
export function PendingFile({ entry }: PendingFileProps) {
  const { client, translator, model } = useWidget();
  const { locale } = translator;
  const say = fileTexts(locale);
  const name = entry.file?.name ?? '';
  const progress = client.uploads.value.get(entry.clientId);
  const failed = entry.delivery === 'failed';
  const error = failed ? fileErrorText(entry.error, client, locale) : undefined;
  const cancelled = useRef(false);
  useEffect(() => {
    if (error !== undefined) model.announce(say('notSent', { name, error }));
  }, [error]);
  // Gone from the pending rows: announced as sent when its confirmed row took its place.
  useEffect(
    () => () => {
      const id = entry.clientId;
      if (!cancelled.current && client.messages.peek().some((row) => row.kind === 'event' && row.key === id))
        model.announce(say('uploaded', { name }));
    },
    [],
  );
  const cancelRef = useListeners<HTMLButtonElement>({
    click: () => {
      cancelled.current = true;
      client.cancel(entry.clientId);
    },
  });
  const retryRef = useListeners<HTMLButtonElement>({ click: () => client.retry(entry.clientId) });
  const size = entry.file ? formatSize(entry.file.size, locale) : '';
  return (
    <div ref={adoptFileStyles} className="file" data-failed={failed ? '' : undefined}>
      <span className="file-text">
        <span className="file-name" dir="auto" title={name}>
          {name}
        </span>
        <span className="file-about">{size}</span>
        {!failed && (
          <progress
            aria-label={say('uploading', { name })}
            max={progress?.total || 1}
            value={progress?.loaded ?? 0}
          />
        )}
      </span>
      <span className="file-actions">
        {failed && !FOR_GOOD.has(entry.error ?? '') && (
          <button ref={retryRef} type="button" className="link-button">
            {say('retry')}
          </button>
        )}
        <button ref={cancelRef} type="button" className="link-button" aria-label={`${say('cancel')} ${name}`}>
          {say('cancel')}
        </button>
      </span>
      {failed && <span className="file-error">{error}</span>}
    </div>
  );
}
