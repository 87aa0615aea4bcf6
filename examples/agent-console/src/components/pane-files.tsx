import type { AttachmentContent } from '@clavard/protocol';
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { useAttachments } from '../attachments/context.js';
import { useFileDrop } from '../attachments/use-file-drop.js';
import type { ConsoleModel, SendOutcome } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { AttachButton } from './AttachButton.js';
import type { ComposerProps } from './Composer.js';
import { FileViewer } from './FileViewer.js';
import { UploadRows } from './UploadRows.js';

/**
 * The files of a conversation pane: the composer's attach button, paste and upload rows, dropping files
 * on the pane (a drop zone shows while dragging), sending the attached files, and the image viewer (the
 * focus goes back to the thumbnail that opened it). Nothing of it without the agent's files.
 *
 * @example
 * ```tsx
 * const files = usePaneFiles(model, conversation.id, open, textarea);
 * <section {...files.drop}>{files.dropZone}<Composer {...files.composer} … />{files.viewer}</section>
 * ```
 */
export function usePaneFiles(
  model: ConsoleModel,
  conversationId: string,
  open: boolean,
  textarea: RefObject<HTMLTextAreaElement | null>,
) {
  const { t } = useI18n();
  const attachments = useAttachments();
  const queue = attachments?.queue;
  const rows = queue?.rowsOf(conversationId) ?? [];
  const add = (files: File[]) => queue?.add(conversationId, files);
  const { dragging, handlers } = useFileDrop(add, open && queue !== undefined);
  const [viewing, setViewing] = useState<{ content: AttachmentContent; opener: HTMLElement }>();
  const waiting = rows.some((row) => row.caption === undefined);

  const composer: Partial<ComposerProps> = queue
    ? {
        attachButton: <AttachButton onFiles={add} />,
        files: (
          <UploadRows
            rows={rows}
            maxBytes={queue.maxBytes}
            onCancel={(clientId) => {
              queue.cancel(clientId);
              // The row and its button are gone: the focus goes back to the answer.
              textarea.current?.focus();
            }}
            onRetry={queue.retry}
          />
        ),
        filesWaiting: waiting,
        onPasteFiles: add,
      }
    : {};

  /** Sends the attached files (the draft as the first one's caption); undefined when none waits. */
  const sendFiles = (): SendOutcome | undefined => {
    if (!queue || !waiting) return undefined;
    const outcome = model.takeCaption(conversationId);
    if (outcome.ok) queue.commit(conversationId, outcome.caption ?? '');
    return outcome;
  };

  return {
    composer,
    sendFiles,
    drop: handlers,
    dropZone: dragging ? (
      <div class="drop-zone" aria-hidden="true">
        <p>{t('files.drop')}</p>
      </div>
    ) : null,
    onView: (content: AttachmentContent, opener: HTMLElement) => setViewing({ content, opener }),
    viewer: viewing ? (
      <FileViewer
        content={viewing.content}
        onClose={() => {
          setViewing(undefined);
          viewing.opener.focus();
        }}
      />
    ) : null,
  };
}
