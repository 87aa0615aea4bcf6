import { useEffect } from 'preact/hooks';
import { useWidget } from '../context.js';
import { adoptExtrasStyles } from '../extras-styles.js';
import { fileErrorText } from './PendingFile.js';

/** Props of {@link FileNote}. */
export interface FileNoteProps {
  /** `'privacy'`, or the code of the file `attach()` refused (the model's `fileNote`). */
  note: string;
}

/**
 * The line under the composer about files: once the visitor attached one, that photos lose their
 * location and camera details; when `attach()` refused a file (too large, too many bytes waiting), why.
 * Small and muted (an error in the danger colour), and announced politely when it changes.
 *
 * @example
 * ```tsx
 * {note !== undefined && <FileNote note={note} />}
 * ```
 */
export function FileNote({ note }: FileNoteProps) {
  const { client, translator, model } = useWidget();
  const text = note === 'privacy' ? translator.t('file.privacy') : fileErrorText(note, client, translator);
  useEffect(() => model.announce(text), [text]);
  return (
    <p ref={adoptExtrasStyles} className="file-note" data-error={note === 'privacy' ? undefined : ''}>
      {text}
    </p>
  );
}
