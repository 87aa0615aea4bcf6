import { ATTACHMENT_MEDIA_TYPES } from '@clavard/protocol';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';
import { PaperclipIcon } from './file-icons.js';

/** What the picker offers: the types a Clavard server accepts. */
const ACCEPT = ATTACHMENT_MEDIA_TYPES.join(',');

/**
 * The paperclip button and the file picker it opens (several files at once). The input itself is
 * `hidden`: the button is what the keyboard and screen readers meet.
 *
 * @example
 * ```tsx
 * <AttachButton onFiles={(files) => queue.add(conversationId, files)} />
 * ```
 */
export function AttachButton({
  onFiles,
  disabled = false,
}: {
  onFiles(files: File[]): void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-attach-input=""
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Emptied so that picking the same file again is a change too.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <button
        type="button"
        class="attach"
        aria-label={t('files.attach')}
        title={t('files.attach')}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </button>
    </>
  );
}
