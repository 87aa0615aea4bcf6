import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { attachFiles } from './attach-files.js';
import { Composer } from './Composer.js';
import { ConsentNotice } from './ConsentNotice.js';
import { useWidget } from './context.js';
import { Header } from './Header.js';
import { MessageList } from './MessageList.js';
import { prechatFirst } from './prechat-first.js';
import { QueueStatus } from './QueueStatus.js';
import { StatusBar } from './StatusBar.js';
import { TeamRow } from './TeamRow.js';
import { TypingIndicator } from './TypingIndicator.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Panel}. */
export interface PanelProps {
  id: string;
  inputRef: Ref<HTMLTextAreaElement> & { readonly current: HTMLTextAreaElement | null };
  onClose: () => void;
}

/**
 * The chat window: a non-modal dialog named by its header's title. Focus moves to the composer when it
 * opens, before its first paint (the launcher takes it back on close, see `App`). A pre-chat form the
 * server asks first takes the composer's place (and the focus) until it is accepted; then the composer
 * comes back with the focus, and a thank-you is announced.
 *
 * @example
 * ```tsx
 * <Panel id="clavard-panel" inputRef={composerRef} onClose={close} />
 * ```
 */
export function Panel({ id, inputRef, onClose }: PanelProps) {
  const { client, model, translator } = useWidget();
  const titleId = `${id}-title`;
  const consentNeeded = model.consentNeeded.value;
  const asking = prechatFirst(client, model) !== undefined;
  // Before the first paint, not after it: the panel appears with the composer focused, in one frame
  // (after the paint, the focus would cost a second style pass and a second paint).
  useLayoutEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);
  // The pre-chat form was answered: the composer takes its place, and the focus.
  const wasAsking = useRef(asking);
  useEffect(() => {
    if (!wasAsking.current || asking) {
      wasAsking.current = asking;
      return;
    }
    wasAsking.current = false;
    // Thanked only for an accepted answer: not when the server withdrew the form (nobody online any
    // more), nor when a page's `send()` started the conversation instead.
    if (client.prechat.peek()?.accepted) model.announce(translator.t('form.prechat.thanks'));
    inputRef.current?.focus();
  }, [asking, client, inputRef, model, translator]);
  // Files dragged over the panel: a drop zone says where they go (the panel's `data-drop` holds its
  // text, drawn by CSS: no re-render per drag event). Files only: not text or a link from the page; and
  // none while a pre-chat form is asked (before consent, the client has no welcome: no attachments).
  const takesFiles = (event: DragEvent): unknown =>
    !asking && client.attachments.peek() && event.dataTransfer?.types.includes('Files');
  const panelRef = useListeners<HTMLDivElement>({
    // dragover repeats while files are over the panel; dragleave fires for each child left, so the zone
    // goes only when the pointer is somewhere outside the panel.
    dragover: (event, panel) => {
      if (!takesFiles(event)) return;
      event.preventDefault(); // else the drop is refused, and a dropped file would replace the page
      panel.setAttribute('data-drop', translator.t('composer.drop'));
    },
    dragleave: (event, panel) => {
      if (!panel.contains(event.relatedTarget as Node | null)) panel.removeAttribute('data-drop');
    },
    drop: (event, panel) => {
      panel.removeAttribute('data-drop');
      if (!takesFiles(event)) return;
      event.preventDefault();
      attachFiles(client, model, event.dataTransfer?.files);
    },
  });
  return (
    <div ref={panelRef} className="panel" id={id} role="dialog" aria-modal="false" aria-labelledby={titleId}>
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
          {!asking && <Composer inputRef={inputRef} />}
        </>
      )}
    </div>
  );
}
