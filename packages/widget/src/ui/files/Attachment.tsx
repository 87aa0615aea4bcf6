import type { AttachmentContent } from '@clavard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useWidget } from '../context.js';
import { adoptExtrasStyles } from '../extras-styles.js';
import { useListeners } from '../use-listeners.js';
import { FileViewer } from './FileViewer.js';
import { formatSize, typeInWords } from './file-texts.js';
import { downloadFile, useFileUrl } from './use-file-url.js';

/** An arrow down onto a line: the file cards' Download button. */
const DOWNLOAD_PATH = 'M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z';
/** A page with a folded corner: the file cards' icon. */
const DOC_PATH =
  'M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5zM8 13v2h8v-2zm0 4v2h6v-2z';

/** Thumbnails are at most this wide and high, in CSS pixels (the server's are 320 px at most). */
const MAX_WIDTH = 220;
const MAX_HEIGHT = 280;

/**
 * The size a thumbnail takes, from the image's own: at most 220 × 280, never larger than the image, its
 * ratio kept (4:3 when the server gave no size). As `width`/`height` attributes, not a style: the strict
 * CSP forbids `style` attributes, and the attributes give the placeholder its ratio before the bytes come.
 *
 * @example
 * ```ts
 * thumbSize(1600, 1200); // { width: 220, height: 165 }
 * ```
 */
export function thumbSize(width = 4, height = 3): { width: number; height: number } {
  const scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Props of {@link Attachment}. */
export interface AttachmentProps {
  content: AttachmentContent;
}

/**
 * A file of the conversation, the visitor's or an agent's: an image as its thumbnail (a button opening
 * the viewer), any other file as a card with its name, type, size and Download; the caption under it.
 * An image whose thumbnail cannot be read falls back to the card.
 *
 * @example
 * ```tsx
 * <Attachment content={event.content} />
 * ```
 */
export function Attachment({ content }: AttachmentProps) {
  const [broken, setBroken] = useState(false);
  const image = content.mediaType.startsWith('image/') && !broken;
  // `display: contents`: the parts line up in the message as if there were no wrapper.
  return (
    <div ref={adoptExtrasStyles} className="attachment">
      {image ? (
        <Thumbnail content={content} onBroken={() => setBroken(true)} />
      ) : (
        <FileCard content={content} />
      )}
      {content.caption && (
        <p className="bubble caption" dir="auto">
          {content.caption}
        </p>
      )}
    </div>
  );
}

function Thumbnail({ content, onBroken }: AttachmentProps & { onBroken: () => void }) {
  const { client } = useWidget();
  const src = useFileUrl(client, content.thumbnailId ?? content.id);
  const [viewing, setViewing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const ref = useListeners<HTMLButtonElement>({ click: () => setViewing(true) }, button);
  useEffect(() => {
    if (src === null) onBroken();
  }, [src, onBroken]);
  const { width, height } = thumbSize(content.width, content.height);
  const alt = content.caption || content.name;
  const close = (): void => {
    setViewing(false);
    button.current?.focus(); // the viewer closed itself first, so the page is no longer inert
  };
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="thumb"
        aria-haspopup="dialog"
        data-loading={src ? undefined : ''}
      >
        {src ? (
          <img src={src} alt={alt} width={width} height={height} />
        ) : (
          <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={alt}>
            <rect width={width} height={height} />
          </svg>
        )}
      </button>
      {viewing && <FileViewer content={content} onClose={close} />}
    </>
  );
}

/**
 * A file as a compact chip: its icon, name (cut with an ellipsis, whole in `title`), type and size in
 * words, and a Download button (an icon named "Download <name>", as in Intercom's and Crisp's chips: the
 * word would leave the name no room on a phone, above all in French).
 *
 * @example
 * ```tsx
 * <FileCard content={{ kind: 'attachment', id: 'f1', name: 'invoice.pdf', size: 49152, mediaType: 'application/pdf' }} />
 * ```
 */
export function FileCard({ content }: AttachmentProps) {
  const { client, translator, model } = useWidget();
  const { t } = translator;
  const [failed, setFailed] = useState(false);
  const ref = useListeners<HTMLButtonElement>({
    click: () => {
      setFailed(false);
      downloadFile(client, content.id, content.name).catch(() => {
        setFailed(true);
        model.announce(t('file.downloadFailed'));
      });
    },
  });
  return (
    <div className="file">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={DOC_PATH} />
      </svg>
      <span className="file-text">
        <span className="file-name" dir="auto" title={content.name}>
          {content.name}
        </span>
        <span className="file-about">
          {typeInWords(content.mediaType, t)} · {formatSize(content.size, translator)}
        </span>
      </span>
      <button
        ref={ref}
        type="button"
        className="icon-button file-get"
        aria-label={`${t('file.download')} ${content.name}`}
        title={t('file.download')}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d={DOWNLOAD_PATH} />
        </svg>
      </button>
      {failed && <span className="file-error">{t('file.downloadFailed')}</span>}
    </div>
  );
}
