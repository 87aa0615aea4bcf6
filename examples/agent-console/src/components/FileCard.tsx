import type { AttachmentContent } from '@clavard/protocol';
import { useState } from 'preact/hooks';
import { useAttachments } from '../attachments/context.js';
import { formatSize, kindKey, problemText } from '../attachments/file-words.js';
import { downloadFile } from '../attachments/files.js';
import { useI18n } from '../i18n/translator.js';
import { FileIcon } from './file-icons.js';

/**
 * A file as a compact card: its icon, name, type in words and size, and a Download button that fetches
 * it with the agent's token and saves it. `problem` says why it is shown as a card rather than as an
 * image (a thumbnail that failed to load).
 *
 * @example
 * ```tsx
 * <FileCard content={{ kind: 'attachment', id: 'f1', name: 'invoice.pdf', size: 48213, mediaType: 'application/pdf' }} />
 * ```
 */
export function FileCard({ content, problem }: { content: AttachmentContent; problem?: string }) {
  const { t, locale } = useI18n();
  const attachments = useAttachments();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const download = async () => {
    if (!attachments) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await downloadFile(attachments.http, content);
    } catch (error) {
      const reason = problemText(error, { maxBytes: attachments.queue.maxBytes, locale, t });
      setFailure(t('files.downloadFailed', { reason }));
    } finally {
      setBusy(false);
    }
  };
  const error = failure ?? problem;
  return (
    <div class="file-card" data-media-type={content.mediaType}>
      <FileIcon mediaType={content.mediaType} />
      <span class="file-info">
        <span class="file-name">{content.name}</span>
        <span class="file-meta">
          {t(kindKey(content.mediaType))} · {formatSize(content.size, locale, t)}
        </span>
      </span>
      {attachments ? (
        <button
          type="button"
          class="file-download"
          // The visible word starts the name (label in name), but not while it says "Downloading…".
          aria-label={busy ? undefined : t('files.downloadName', { name: content.name })}
          disabled={busy}
          onClick={download}
        >
          {busy ? t('files.downloading') : t('files.download')}
        </button>
      ) : null}
      {error ? (
        <p class="file-error" role="status">
          {error}
        </p>
      ) : null}
    </div>
  );
}
