import type { AttachmentContent } from '@clavard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAttachments } from '../attachments/context.js';
import { formatSize, kindKey, problemText } from '../attachments/file-words.js';
import { downloadFile } from '../attachments/files.js';
import { useFileUrl } from '../attachments/use-file-url.js';
import { useI18n } from '../i18n/translator.js';
import { altOf } from './AttachmentView.js';

/**
 * An image in full, in a modal `<dialog>` (`showModal`: the rest of the page is inert, so the focus stays
 * in it): its name, type and size, Download and Close. Escape closes it too; `onClose` gives the focus
 * back to what opened it.
 *
 * @example
 * ```tsx
 * {viewing ? <FileViewer content={viewing} onClose={() => { setViewing(undefined); opener.focus(); }} /> : null}
 * ```
 */
export function FileViewer({ content, onClose }: { content: AttachmentContent; onClose(): void }) {
  const { t, locale } = useI18n();
  const attachments = useAttachments();
  const dialog = useRef<HTMLDialogElement>(null);
  const closed = useRef(false);
  const full = useFileUrl(attachments?.http, content.id);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const maxBytes = attachments?.queue.maxBytes ?? 0;
  const close = () => {
    if (closed.current) return;
    closed.current = true;
    if (dialog.current?.open) dialog.current.close();
    onClose();
  };
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      if (element?.open) element.close();
    };
  }, []);
  const download = () =>
    attachments &&
    downloadFile(attachments.http, content).catch((error: unknown) =>
      setFailure(t('files.downloadFailed', { reason: problemText(error, { maxBytes, locale, t }) })),
    );
  return (
    <dialog
      ref={dialog}
      class="viewer"
      aria-labelledby="viewer-heading"
      onClose={close}
      onKeyDown={(event) => {
        // The browser closes a modal dialog on Escape; done here too where it does not (happy-dom).
        if (event.key !== 'Escape') return;
        event.preventDefault();
        close();
      }}
    >
      <header class="viewer-top">
        <h2 id="viewer-heading">{t('files.viewer', { name: content.name })}</h2>
        <p class="file-meta">
          {t(kindKey(content.mediaType))} · {formatSize(content.size, locale, t)}
          {content.width && content.height ? ` · ${content.width} × ${content.height}` : ''}
        </p>
      </header>
      <div class="viewer-image">
        {full.state === 'ready' ? (
          <img src={full.url} alt={altOf(content)} width={content.width} height={content.height} />
        ) : full.state === 'loading' ? (
          <p class="muted">{t('files.loading')}</p>
        ) : (
          <p class="file-error">
            {t('files.loadFailed', { reason: problemText(full.error, { maxBytes, locale, t }) })}
          </p>
        )}
      </div>
      {content.caption ? <p class="text caption">{content.caption}</p> : null}
      {failure ? (
        <p class="file-error" role="status">
          {failure}
        </p>
      ) : null}
      <div class="viewer-actions">
        <button type="button" class="primary" onClick={download}>
          {t('files.download')}
        </button>
        <button type="button" onClick={close}>
          {t('files.close')}
        </button>
      </div>
    </dialog>
  );
}
