import { useRef, useState } from 'preact/hooks';
import type { ConsoleConversation, ConsoleModel } from '../console-model.js';
import { fillPhrase, insertAt, type Phrase, phraseForShortcut } from '../phrases.js';
import { editDraft, withGreeting } from '../send-rules.js';
import { formatDuration } from '../timing.js';
import { verificationState } from '../verification.js';
import { visitorLabel } from '../visitor-label.js';
import { Composer } from './Composer.js';
import { EndPanel } from './EndPanel.js';
import { Feedback } from './Feedback.js';
import { PhraseLibrary } from './PhraseLibrary.js';
import { Transcript } from './Transcript.js';
import { TransferControl } from './TransferControl.js';
import { VerifyControl } from './VerifyControl.js';

/**
 * One conversation: its figures, the transcript, the visitor's typing, the composer with the phrase
 * library (Alt+1…9 anywhere in the pane), transfer and end (with the closing offered first).
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
  const me = model.me.value;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const [greetingAsked, setGreetingRequired] = useState(false);
  const [ending, setEnding] = useState(false);
  const { id, draft } = conversation;
  const open = conversation.mine && conversation.status !== 'ended';
  const greeted = model.greeted(conversation);
  const greetingRequired = !greeted && (greetingAsked || conversation.greetingRefused);
  const timing = model.timingOf(conversation);
  const phrases = model.phrasesOf(conversation);

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
    if (isGreeting) setGreetingRequired(false);
    placeCaret(next.text, next.caret);
  };

  const send = () => {
    const outcome = model.send(id);
    setGreetingRequired(!outcome.ok && outcome.reason === 'greeting-required');
    if (outcome.ok) textarea.current?.focus();
  };

  const others = model.agents.value.filter((agent) => agent.id !== me.id);
  const state = conversation.handedTo
    ? `Transferred to ${conversation.handedTo.firstName}`
    : conversation.status === 'ended'
      ? 'Ended'
      : 'Active';

  return (
    <section
      class="conversation"
      aria-labelledby="conversation-heading"
      onKeyDown={(event) => {
        const phrase = phraseForShortcut(phrases, event);
        if (phrase === undefined) return;
        event.preventDefault();
        insert(phrase);
      }}
    >
      <header class="conversation-header">
        <div>
          <h2 id="conversation-heading">Conversation · {state}</h2>
          <p class="visitor-identity">{visitorLabel(conversation.visitor, conversation.given)}</p>
          {conversation.consent ? (
            <p class="visitor-identity" data-consent="">
              Consent given {new Date(conversation.consent.at).toLocaleString()} (version{' '}
              {conversation.consent.version})
            </p>
          ) : null}
        </div>
        <dl class="figures">
          <div>
            <dt>First response</dt>
            <dd data-figure="first-response">{formatDuration(timing.firstResponseMs)}</dd>
          </div>
          <div>
            <dt>Handling</dt>
            <dd data-figure="handling">{formatDuration(timing.handlingMs)}</dd>
          </div>
        </dl>
      </header>
      {conversation.transferNote && conversation.mine ? (
        <aside class="transfer-note" aria-label="Note from your colleague">
          <p>
            <strong>
              {conversation.transferNote.from
                ? `Note from ${conversation.transferNote.from.firstName}`
                : 'Note from your colleague'}
            </strong>{' '}
            (not shown to the visitor)
          </p>
          <p class="text">{conversation.transferNote.note}</p>
        </aside>
      ) : null}
      <Transcript conversation={conversation} meId={me.id} onLoadOlder={() => model.loadOlder(id)} />
      <Feedback rating={conversation.rating} />
      <p class="typing" aria-live="polite">
        {conversation.visitorTyping ? 'The visitor is typing…' : ''}
      </p>
      {open ? (
        <div class="work">
          <div class="work-main">
            <Composer
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
                setGreetingRequired(false);
                placeCaret(next.text, next.text.length);
              }}
            />
            <div class="conversation-actions">
              <TransferControl
                agents={others}
                onTransfer={(agentId, note) => model.transfer(id, agentId, note)}
              />
              <VerifyControl
                state={verificationState(conversation.events)}
                onVerify={(checks) => model.verify(id, checks)}
              />
              <button
                type="button"
                ref={endButton}
                class="danger"
                aria-expanded={ending}
                onClick={() => setEnding(true)}
              >
                End conversation…
              </button>
            </div>
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
          </div>
          <PhraseLibrary phrases={phrases} agentFirstName={me.firstName} onInsert={insert} />
        </div>
      ) : (
        <p class="muted closed-note">
          {conversation.handedTo
            ? `${conversation.handedTo.firstName} has this conversation now.`
            : 'This conversation has ended.'}
        </p>
      )}
    </section>
  );
}
