import type { AttachmentContent } from '@clavard/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { useWidget } from '../context.js';
import { useListeners } from '../use-listeners.js';
import { formatSize } from './file-texts.js';
import { downloadFile, useFileUrl } from './use-file-url.js';

/** Props of {@link FileViewer}. */
export interface FileViewerProps {
  content: AttachmentContent;
  /** Called once the viewer has closed itself (the opener then takes the focus back). */
  onClose: () => void;
}

/** Moves the focus around inside `dialog`: Tab from its last button goes to its first, Shift+Tab back. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const buttons = [...dialog.querySelectorAll('button')];
  const first = buttons[0];
  const last = buttons.at(-1);
  const active = (dialog.getRootNode() as ShadowRoot | Document).activeElement;
  const inside = active !== null && dialog.contains(active);
  if (event.shiftKey ? active === first || !inside : active === last || !inside) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
}

/**
 * The full image in a modal dialog: a `<dialog>` opened with `showModal()`, so it sits in the top layer
 * over the page (the panel's transform and overflow do not clip it) and leaves the rest of the page
 * inert; Tab and Shift+Tab cycle between its buttons, Escape closes it, and the focus goes back to the
 * thumbnail that opened it (see Thumbnail). It names the file, its size, and offers Download and Close.
 * The full image is read with `client.fetchFile`, its `blob:` URL revoked on close.
 *
 * @example
 * ```tsx
 * {viewing && <FileViewer content={content} onClose={() => { setViewing(false); thumb.focus(); }} />}
 * ```
 */
export function FileViewer({ content, onClose }: FileViewerProps) {
  const { client, translator, model } = useWidget();
  const { t } = translator;
  const src = useFileUrl(client, content.id);
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const close = (): void => {
    const element = dialog.current;
    if (element?.open) element.close();
    onClose();
  };
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // showModal throws when the element is not connected; without it (old browsers) the dialog is
    // shown in place, still trapping Tab and closing on Escape.
    try {
      element.showModal();
    } catch {
      element.setAttribute('open', '');
    }
    closeButton.current?.focus();
    return () => {
      if (element.open) element.close();
    };
  }, []);
  const dialogRef = useListeners<HTMLDialogElement>(
    {
      keydown: (event, element) => {
        if (event.key === 'Escape') {
          // Ours to close, with the focus going back; not the panel's, which Escape would minimize.
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (event.key === 'Tab') trapTab(event, element);
      },
      // The browser's own close request (Escape where keydown did not see it, a close watcher).
      cancel: (event) => {
        event.preventDefault();
        close();
      },
    },
    dialog,
  );
  const closeRef = useListeners<HTMLButtonElement>({ click: close }, closeButton);
  const downloadRef = useListeners<HTMLButtonElement>({
    click: () => {
      downloadFile(client, content.id, content.name).catch(() => model.announce(t('file.downloadFailed')));
    },
  });
  const nameId = `clavard-viewer-${content.id}`;
  return (
    <dialog ref={dialogRef} className="viewer" aria-labelledby={nameId}>
      {src && <img src={src} alt={content.caption || content.name} />}
      <div className="viewer-bar">
        <span className="file-text">
          <span className="file-name" id={nameId} dir="auto" title={content.name}>
            {content.name}
          </span>
          <span className="file-about">{formatSize(content.size, translator)}</span>
        </span>
        <button ref={downloadRef} type="button" className="download">
          {t('file.download')}
        </button>
        <button ref={closeRef} type="button">
          {t('file.close')}
        </button>
      </div>
    </dialog>
  );
}
