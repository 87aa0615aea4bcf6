import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSize, problemText } from '../attachments/file-words.js';
import type { UploadRow } from '../attachments/upload-queue.js';
import { useI18n } from '../i18n/translator.js';
import { FileIcon } from './file-icons.js';

/** What a row says of itself, in words. */
const statusKey = (row: UploadRow) =>
  row.state === 'uploading'
    ? row.caption === undefined
      ? ('files.uploading' as const)
      : ('files.queued' as const)
    : row.caption === undefined
      ? ('files.ready' as const)
      : ('files.queued' as const);

/**
 * Tells a screen reader, politely, when a file finished uploading or failed (not every percent: the
 * progress bars are there for whoever looks).
 */
function useAnnouncement(rows: readonly UploadRow[]): string {
  const { t } = useI18n();
  const seen = useRef(new Map<string, UploadRow['state']>());
  const [said, setSaid] = useState('');
  useEffect(() => {
    for (const row of rows) {
      const before = seen.current.get(row.clientId);
      seen.current.set(row.clientId, row.state);
      if (before === row.state) continue;
      if (row.state === 'stored') setSaid(t('files.announce.ready', { name: row.name }));
      if (row.state === 'failed') setSaid(t('files.announce.failed', { name: row.name }));
    }
  }, [rows, t]);
  return said;
}

/**
 * The files attached to the answer, above the composer: each with its name, size, a progress bar, and
 * Cancel; a failed one says why in words, with Retry when trying again can help.
 *
 * @example
 * ```tsx
 * <UploadRows rows={queue.rowsOf(id)} maxBytes={queue.maxBytes} onCancel={queue.cancel} onRetry={queue.retry} />
 * ```
 */
export function UploadRows(props: {
  rows: readonly UploadRow[];
  maxBytes: number;
  onCancel(clientId: string): void;
  onRetry(clientId: string): void;
}) {
  const { t, locale } = useI18n();
  const announcement = useAnnouncement(props.rows);
  return (
    <div class="uploads">
      {props.rows.length > 0 ? (
        <ul aria-label={t('files.rows')}>
          {props.rows.map((row) => (
            <li key={row.clientId} class="upload-row" data-state={row.state}>
              <FileIcon mediaType={row.file.type} />
              <span class="file-info">
                <span class="file-name">{row.name}</span>
                <span class="file-meta">
                  {formatSize(row.size, locale, t)}
                  {row.state === 'failed' ? '' : ` · ${t(statusKey(row))}`}
                </span>
              </span>
              {row.state === 'failed' ? null : (
                <progress
                  max={100}
                  value={Math.round(row.progress * 100)}
                  aria-label={t('files.progress', { name: row.name })}
                />
              )}
              {row.state === 'failed' && row.error?.retryable ? (
                <button
                  type="button"
                  aria-label={t('files.retryName', { name: row.name })}
                  onClick={() => props.onRetry(row.clientId)}
                >
                  {t('files.retry')}
                </button>
              ) : null}
              <button
                type="button"
                aria-label={t('files.cancelName', { name: row.name })}
                onClick={() => props.onCancel(row.clientId)}
              >
                {t('files.cancel')}
              </button>
              {row.state === 'failed' ? (
                <p class="file-error">{problemText(row.error, { maxBytes: props.maxBytes, locale, t })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
