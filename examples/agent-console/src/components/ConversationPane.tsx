import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleConversation, ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { fillPhrase, insertAt, type Phrase, phraseForShortcut } from '../phrases.js';
import { editDraft, withGreeting } from '../send-rules.js';
import { formatDuration } from '../timing.js';
import { visitorLabel } from '../visitor-label.js';
import { Composer } from './Composer.js';
import { useComposerBridge } from './composer-bridge.js';
import { EndPanel } from './EndPanel.js';
import { Feedback } from './Feedback.js';
import { usePaneFiles } from './pane-files.js';
import { Transcript } from './Transcript.js';

/** The note of the colleague who handed the conversation over, for this agent only. */
function TransferNote({ conversation }: { conversation: ConsoleConversation }) {
  const { t } = useI18n();
  const note = conversation.transferNote;
  if (!note || !conversation.mine) return null;
  return (
    <aside class="transfer-note" aria-label={t('pane.transferNoteLabel')}>
      <p>
        <strong>
          {note.from ? t('pane.transferNote', { name: note.from.firstName }) : t('pane.transferNoteAnon')}
        </strong>{' '}
        {t('pane.notShown')}
      </p>
      <p class="text">{note.note}</p>
    </aside>
  );
}

/**
 * One conversation: its figures, the transcript (earlier pages on demand), the visitor's typing, and the
 * composer with the end button, always in view at the bottom. Phrases (the right column, or Alt+1…9
 * anywhere in the pane) go in at the caret.
 *
 * @example
 * ```tsx
 * <ConversationPane key={c.id} model={model} conversation={c} />
 * ```
 */
export function ConversationPane({
  model,
  conversation,
}: {
  model: ConsoleModel;
  conversation: ConsoleConversation;
}) {
  const { t } = useI18n();
  const me = model.me.value;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const bridge = useComposerBridge();
  const [greetingAsked, setGreetingAsked] = useState(false);
  const [ending, setEnding] = useState(false);
  const { id, draft } = conversation;
  const open = conversation.mine && conversation.status !== 'ended';
  const greeted = model.greeted(conversation);
  const greetingRequired = !greeted && (greetingAsked || conversation.greetingRefused);
  const timing = model.timingOf(conversation);
  const phrases = model.phrasesOf(conversation);
  const files = usePaneFiles(model, id, open, textarea);

  const placeCaret = (text: string, caret: number) => {
    const element = textarea.current;
    if (!element) return;
    element.value = text;
    element.focus();
    element.setSelectionRange(caret, caret);
  };

  const insert = (phrase: Phrase) => {
    if (!open) return;
    const element = textarea.current;
    const start = element?.selectionStart ?? draft.text.length;
    const end = element?.selectionEnd ?? start;
    const next = insertAt(draft.text, start, end, fillPhrase(phrase.text, me.firstName));
    const isGreeting = phrase.kind === 'greeting';
    model.setDraft(id, { text: next.text, greeting: draft.greeting || isGreeting });
    if (isGreeting) setGreetingAsked(false);
    placeCaret(next.text, next.caret);
  };
  useEffect(() => {
    bridge.current = insert;
    return () => {
      if (bridge.current === insert) bridge.current = null;
    };
  });

  const send = () => {
    const outcome = files.sendFiles() ?? model.send(id);
    setGreetingAsked(!outcome.ok && outcome.reason === 'greeting-required');
    if (outcome.ok) textarea.current?.focus();
  };

  const state = conversation.handedTo
    ? t('mine.state.transferred', { name: conversation.handedTo.firstName })
    : conversation.status === 'ended'
      ? t('mine.state.ended')
      : t('mine.state.active');

  return (
    <section
      class="conversation"
      aria-labelledby="conversation-heading"
      {...files.drop}
      onKeyDown={(event) => {
        const phrase = phraseForShortcut(phrases, event);
        if (phrase === undefined) return;
        event.preventDefault();
        insert(phrase);
      }}
    >
      <header class="conversation-header">
        <div>
          <h2 id="conversation-heading">{t('pane.heading', { state })}</h2>
          <p class="visitor-identity">{visitorLabel(conversation.visitor, conversation.given, t)}</p>
        </div>
        <dl class="figures">
          <div>
            <dt>{t('pane.firstResponse')}</dt>
            <dd data-figure="first-response">{formatDuration(timing.firstResponseMs)}</dd>
          </div>
          <div>
            <dt>{t('pane.handling')}</dt>
            <dd data-figure="handling">{formatDuration(timing.handlingMs)}</dd>
          </div>
        </dl>
      </header>
      <TransferNote conversation={conversation} />
      {files.dropZone}
      <Transcript
        conversation={conversation}
        meId={me.id}
        onLoadOlder={() => model.loadOlder(id)}
        onView={files.onView}
      />
      <Feedback rating={conversation.rating} />
      <p class="typing" aria-live="polite">
        {conversation.visitorTyping ? t('pane.visitorTyping') : ''}
      </p>
      {open ? (
        <div class="work">
          {ending ? (
            <EndPanel
              phrases={phrases}
              agentFirstName={me.firstName}
              onEnd={(closing) => {
                if (model.end(id, closing)) setEnding(false);
              }}
              onCancel={() => {
                setEnding(false);
                endButton.current?.focus();
              }}
            />
          ) : null}
          <Composer
            {...files.composer}
            textarea={textarea}
            draft={draft}
            greeted={greeted}
            greetingRequired={greetingRequired}
            onInput={(text) => {
              model.setDraft(id, editDraft(draft, text));
              model.setTyping(id, text.trim() !== '');
            }}
            onSend={send}
            onInsertGreeting={() => {
              const next = withGreeting(draft, model.greeting(conversation));
              model.setDraft(id, next);
              setGreetingAsked(false);
              placeCaret(next.text, next.text.length);
            }}
            endButton={
              <button
                type="button"
                ref={endButton}
                class="danger"
                aria-expanded={ending}
                onClick={() => setEnding(true)}
              >
                {t('pane.end')}
              </button>
            }
          />
        </div>
      ) : (
        <p class="muted closed-note">
          {conversation.handedTo
            ? t('pane.handedNote', { name: conversation.handedTo.firstName })
            : t('pane.endedNote')}
        </p>
      )}
      {files.viewer}
    </section>
  );
}
