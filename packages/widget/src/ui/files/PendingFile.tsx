import { useEffect, useRef } from 'preact/hooks';
import type { ChatClient, PendingEntry } from '../../headless/index.js';
import type { Translator } from '../../ui-core/i18n.js';
import { useWidget } from '../context.js';
import { adoptExtrasStyles } from '../extras-styles.js';
import { useListeners } from '../use-listeners.js';
import { formatSize } from './file-texts.js';

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
 * fileErrorText('attachment-too-large', client, translator); // 'This file is over 10 MB, the largest this chat takes.'
 * ```
 */
export function fileErrorText(code: string | undefined, client: ChatClient, translator: Translator): string {
  const { t } = translator;
  const max = client.attachments.peek()?.maxBytes;
  if (code === 'attachment-too-large' && max !== undefined)
    return t('file.attachment-too-large', { size: formatSize(max, translator) });
  if (code !== undefined && code !== 'attachment-too-large' && (FOR_GOOD.has(code) || code === 'outbox-full'))
    return t(`file.${code as 'attachment-type-refused'}`);
  return t(code !== undefined && NETWORK.has(code) ? 'file.network' : 'file.failed');
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
  const { t } = translator;
  const name = entry.file?.name ?? '';
  const progress = client.uploads.value.get(entry.clientId);
  const failed = entry.delivery === 'failed';
  const error = failed ? fileErrorText(entry.error, client, translator) : undefined;
  const cancelled = useRef(false);
  useEffect(() => {
    if (error !== undefined) model.announce(t('file.notSent', { name, error }));
  }, [error]);
  // Gone from the pending rows: announced as sent when its confirmed row took its place.
  useEffect(
    () => () => {
      const id = entry.clientId;
      if (!cancelled.current && client.messages.peek().some((row) => row.kind === 'event' && row.key === id))
        model.announce(t('file.uploaded', { name }));
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
  const size = entry.file ? formatSize(entry.file.size, translator) : '';
  return (
    <div ref={adoptExtrasStyles} className="file" data-failed={failed ? '' : undefined}>
      <span className="file-text">
        <span className="file-name" dir="auto" title={name}>
          {name}
        </span>
        <span className="file-about">{size}</span>
        {!failed && (
          <progress
            aria-label={t('file.uploading', { name })}
            max={progress?.total || 1}
            value={progress?.loaded ?? 0}
          />
        )}
      </span>
      <span className="file-actions">
        {failed && !FOR_GOOD.has(entry.error ?? '') && (
          <button ref={retryRef} type="button" className="link-button">
            {t('file.retry')}
          </button>
        )}
        <button
          ref={cancelRef}
          type="button"
          className="link-button"
          aria-label={`${t('file.cancel')} ${name}`}
        >
          {t('file.cancel')}
        </button>
      </span>
      {failed && <span className="file-error">{error}</span>}
    </div>
  );
}
