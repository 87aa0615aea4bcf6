import type { Ref } from 'preact';
import { useEffect } from 'preact/hooks';
import { Composer } from './Composer.js';
import { ConsentNotice } from './ConsentNotice.js';
import { useWidget } from './context.js';
import { Header } from './Header.js';
import { MessageList } from './MessageList.js';
import { QueueStatus } from './QueueStatus.js';
import { StatusBar } from './StatusBar.js';
import { TeamRow } from './TeamRow.js';
import { TypingIndicator } from './TypingIndicator.js';

/** Props of {@link Panel}. */
export interface PanelProps {
  id: string;
  inputRef: Ref<HTMLTextAreaElement> & { readonly current: HTMLTextAreaElement | null };
  onClose: () => void;
}

/**
 * The chat window: a non-modal dialog named by its header's title. Focus moves to the composer when it
 * opens (the launcher takes it back on close, see `App`).
 *
 * @example
 * ```tsx
 * <Panel id="clavard-panel" inputRef={composerRef} onClose={close} />
 * ```
 */
export function Panel({ id, inputRef, onClose }: PanelProps) {
  const { model } = useWidget();
  const titleId = `${id}-title`;
  const consentNeeded = model.consentNeeded.value;
  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);
  return (
    <div className="panel" id={id} role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <Header titleId={titleId} onClose={onClose} />
      {consentNeeded ? (
        <ConsentNotice />
      ) : (
        <>
          <StatusBar />
          <QueueStatus />
          <TeamRow />
          <MessageList />
          <TypingIndicator />
          <Composer inputRef={inputRef} />
        </>
      )}
    </div>
  );
}
