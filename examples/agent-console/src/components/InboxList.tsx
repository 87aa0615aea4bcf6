import type { InboxEntry } from '@clavard/agent-api';
import { useState } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { formatDuration } from '../timing.js';
import { visitorLabel } from '../visitor-label.js';

/** One left message: what the visitor wrote, and an answer form once the agent chooses to answer. */
function LeftMessage({ model, entry }: { model: ConsoleModel; entry: InboxEntry }) {
  const { t } = useI18n();
  const [answering, setAnswering] = useState(false);
  const [text, setText] = useState('');
  const known = entry.visitor !== undefined || entry.given !== undefined;
  const who = known
    ? visitorLabel(entry.visitor, entry.given, t)
    : (entry.contactEmail ?? t('context.anonymous'));
  const when = formatDuration(model.now.value - Date.parse(entry.leftAt));
  const field = `answer-${entry.conversationId}`;
  return (
    <li class="inbox-entry" lang={entry.locale}>
      {entry.messages.map((message) => (
        <p key={message.seq} class="preview">
          {message.text}
        </p>
      ))}
      {known ? <p class="visitor-identity">{who}</p> : null}
      <p class="muted left-message">
        {entry.contactEmail
          ? t('inbox.left', { when, email: entry.contactEmail })
          : t('inbox.leftNoEmail', { when })}
        {entry.topic ? ` · ${entry.topic}` : ''}
      </p>
      {answering ? (
        <form
          class="inbox-answer"
          onSubmit={(event) => {
            event.preventDefault();
            if (model.reply(entry.conversationId, text)) setAnswering(false);
          }}
        >
          <label for={field}>{t('inbox.answerLabel', { who })}</label>
          <textarea
            id={field}
            rows={3}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <p class="muted">{t('inbox.hint', { email: entry.contactEmail ? t('inbox.hintEmail') : '' })}</p>
          <div class="actions">
            <button type="submit" class="primary" disabled={text.trim() === ''}>
              {t('inbox.send')}
            </button>
            <button type="button" onClick={() => setAnswering(false)}>
              {t('inbox.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAnswering(true)}>
          {t('inbox.answer')}
        </button>
      )}
    </li>
  );
}

/**
 * The Messages inbox: what visitors left while nobody was available, outside the live queue. An answer
 * goes into the visitor's conversation (and by email when the server sends mail).
 *
 * @example
 * ```tsx
 * <InboxList model={model} />
 * ```
 */
export function InboxList({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const { entries, total } = model.inbox.value;
  return (
    <section class="inbox" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">{t('inbox.heading', { count: total })}</h2>
      {entries.length === 0 ? <p class="muted">{t('inbox.empty')}</p> : null}
      <ul>
        {entries.map((entry) => (
          <LeftMessage key={entry.conversationId} model={model} entry={entry} />
        ))}
      </ul>
    </section>
  );
}
