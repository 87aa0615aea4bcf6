import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ConfirmedEntry } from '../headless/index.js';
import { Avatar } from './Avatar.js';
import { authorName } from './author-name.js';
import { useWidget } from './context.js';
import { createEntryGrouper, type MessageGroup } from './group-entries.js';
import { Lazy } from './Lazy.js';
import { Message } from './Message.js';
import { Notice } from './Notice.js';
import { prechatFirst } from './prechat-first.js';
import { pure } from './pure.js';
import { useStickToBottom } from './stick-to-bottom.js';

const NONE: ReadonlySet<string> = new Set();

/** Re-rendered only when its entry (same object while unchanged, see the client's `messages`) changes. */
const MessageRow = pure(Message);

interface GroupProps {
  group: MessageGroup;
  /** Keys of the messages whose quick replies are offered: {@link NONE} for most groups. */
  offered: ReadonlySet<string>;
}

function Group({ group, offered }: GroupProps) {
  const { translator, brand } = useWidget();
  const mine = group.author === undefined;
  const agent = group.author?.role === 'agent' ? group.author : undefined;
  return (
    <li className="group" data-mine={mine ? '' : undefined} data-face={agent ? '' : undefined}>
      <p className="author">
        {group.author === undefined ? translator.t('message.you') : (authorName(group.author) ?? brand.name)}
      </p>
      {group.entries.map((entry) => (
        <MessageRow key={entry.key} entry={entry} mine={mine} showReplies={offered.has(entry.key)} />
      ))}
      {agent && <Avatar agent={agent} locale={translator.locale} className="face" />}
    </li>
  );
}

function NoticeItem({ entry }: { entry: ConfirmedEntry }) {
  return (
    <li className="group notice-row">
      <Notice entry={entry} />
    </li>
  );
}

/** A group re-renders when its entries or its offered replies change; the others are skipped. */
const GroupRow = pure(Group);
const NoticeRow = pure(NoticeItem);

/**
 * The conversation: the organisation's greeting first, a notice when earlier history was lost, then the
 * messages grouped by author and the conversation's notices, and once it has ended the survey
 * (EndSurvey, loaded lazily). Keeps the newest message in view: a new entry scrolls to the end, and while
 * the visitor is at the end it stays there as rows load or grow and as the list gets shorter. Grouping is
 * incremental and rows are memoized on the client's entries, so one new message re-renders one group and
 * one row, whatever the conversation's length.
 *
 * @example
 * ```tsx
 * <MessageList />
 * ```
 */
export function MessageList() {
  const { client, model, translator, brand, greeting } = useWidget();
  const { t } = translator;
  const entries = client.messages.value;
  const conversation = client.conversation.value;
  const ended = conversation?.status === 'ended';
  const asking = prechatFirst(client, model);
  // Before the first conversation, under the greeting; after "New conversation", below the ended one.
  const prechatRow = asking && (
    <li className="group notice-row">
      <Lazy render={({ FormCard }) => <FormCard request={{ ...asking.form, kind: 'prechat' }} />} />
    </li>
  );
  const group = useMemo(createEntryGrouper, []);
  const items = useMemo(() => group(entries), [group, entries]);
  const list = useRef<HTMLOListElement>(null);
  // Quick replies stay offered until the visitor writes again: the trailing run of others' entries.
  const unanswered = useMemo(() => {
    const keys = new Set<string>();
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index];
      if (!entry || entry.kind === 'pending') break;
      if (entry.event.type === 'message' && entry.event.author.role === 'visitor') break;
      keys.add(entry.key);
    }
    return keys;
  }, [entries]);

  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries.length]);
  useStickToBottom(list);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <ol className="log" ref={list} tabIndex={0} aria-label={t('panel.label', { organisation: brand.name })}>
      <li className="group greeting">
        <p className="author">{brand.name}</p>
        <div className="msg">
          <p className="bubble" dir="auto">
            {greeting ?? t('greeting.default')}
          </p>
        </div>
      </li>
      {client.availability.value?.online === false && conversation === undefined && (
        <li className="notice" data-offline="">
          {t('offline.intro')}
        </li>
      )}
      {asking && !ended && prechatRow}
      {model.discontinuity.value && <li className="notice">{t('history.discontinuity')}</li>}
      {items.map((item) => {
        if (item.kind === 'notice') return <NoticeRow key={item.key} entry={item.entry} />;
        // The unanswered entries are a suffix of the conversation: a group holds some iff it holds the last.
        const last = item.entries.at(-1);
        const offered = !ended && last !== undefined && unanswered.has(last.key) ? unanswered : NONE;
        return <GroupRow key={item.key} group={item} offered={offered} />;
      })}
      {ended && (
        <li className="group notice-row">
          <Lazy
            key={conversation.id}
            render={({ EndSurvey }) => <EndSurvey conversationId={conversation.id} />}
          />
        </li>
      )}
      {asking && ended && prechatRow}
    </ol>
  );
}
