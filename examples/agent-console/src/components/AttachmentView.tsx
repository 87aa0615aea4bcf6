import type { AttachmentContent } from '@clavard/protocol';
import { useAttachments } from '../attachments/context.js';
import { isImage, problemText } from '../attachments/file-words.js';
import { useFileUrl } from '../attachments/use-file-url.js';
import { useI18n } from '../i18n/translator.js';
import { FileCard } from './FileCard.js';

/** The largest a thumbnail is shown, in CSS pixels, either side. */
const THUMB_BOX = 240;

/**
 * The size a thumbnail is shown at: the image's shape fitted in the box, never enlarged. Known before the
 * thumbnail arrives (the content says the image's size), so the transcript does not jump when it does.
 *
 * @example
 * ```ts
 * thumbSize(1200, 1600); // { width: 180, height: 240 }
 * ```
 */
export function thumbSize(width = 4, height = 3): { width: number; height: number } {
  const scale = Math.min(1, THUMB_BOX / width, THUMB_BOX / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The alternative text of an image: its caption, else its name.
 *
 * @example
 * ```ts
 * altOf({ kind: 'attachment', id: 'f1', name: 'error.png', size: 9, mediaType: 'image/png' }); // 'error.png'
 * ```
 */
export const altOf = (content: AttachmentContent): string => content.caption?.trim() || content.name;

/** An image's thumbnail: a placeholder of its shape while it loads, then a button that opens the viewer. */
function Thumbnail({
  content,
  onView,
}: {
  content: AttachmentContent;
  onView(content: AttachmentContent, opener: HTMLButtonElement): void;
}) {
  const { t, locale } = useI18n();
  const attachments = useAttachments();
  const thumb = useFileUrl(attachments?.http, content.thumbnailId ?? content.id);
  const size = thumbSize(content.width, content.height);
  if (thumb.state === 'failed') {
    const reason = problemText(thumb.error, { maxBytes: attachments?.queue.maxBytes ?? 0, locale, t });
    return <FileCard content={content} problem={t('files.loadFailed', { reason })} />;
  }
  if (thumb.state === 'loading') {
    return (
      <span class="thumb thumb-loading">
        {/* An empty SVG of the image's shape: sized by attributes, as the CSP allows no inline style. */}
        <svg
          class="thumb-placeholder"
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${size.width} ${size.height}`}
          aria-hidden="true"
        />
        <span class="visually-hidden">{t('files.loading')}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      class="thumb"
      aria-haspopup="dialog"
      onClick={(event) => onView(content, event.currentTarget)}
    >
      <img src={thumb.url} alt={altOf(content)} width={size.width} height={size.height} />
    </button>
  );
}

/**
 * A file in a message: an image as a thumbnail (a button opening the viewer), anything else as a card
 * with a Download button; the caption under it. Without the agent's files (none provided) every file is
 * a card.
 *
 * @example
 * ```tsx
 * <AttachmentView content={event.content} onView={(content, opener) => open(content, opener)} />
 * ```
 */
export function AttachmentView({
  content,
  onView,
}: {
  content: AttachmentContent;
  onView(content: AttachmentContent, opener: HTMLButtonElement): void;
}) {
  const attachments = useAttachments();
  return (
    <div class="attachment">
      {attachments && isImage(content.mediaType) ? (
        <Thumbnail content={content} onView={onView} />
      ) : (
        <FileCard content={content} />
      )}
      {content.caption ? <p class="text caption">{content.caption}</p> : null}
    </div>
  );
}
