import { useMemo, useRef } from 'preact/hooks';
import type { ChatEntry } from '../headless/index.js';
import { Avatar } from './Avatar.js';
import { authorName } from './author-name.js';
import { useWidget } from './context.js';
import { unheld } from './handoff-link.js';
import { Lazy } from './Lazy.js';
import { createRowBuilder, entryAuthor, fixedRow, type LogRow } from './log-rows.js';
import { Message } from './Message.js';
import { Notice } from './Notice.js';
import { prechatFirst } from './prechat-first.js';
import { pure } from './pure.js';
import { useListeners } from './use-listeners.js';
import { useVirtualRows } from './virtual-rows.js';

/** Re-rendered only when its entry (same object while unchanged, see the client's `messages`) changes. */
const MessageRow = pure(Message);

interface EntryProps {
  entry: ChatEntry;
  first: boolean;
  showReplies: boolean;
  pos: number;
  size: number;
}

/** One message as a row: the first of a run by one author with their name and face, the others closer. */
function EntryItem({ entry, first, showReplies, pos, size }: EntryProps) {
  const { translator, brand } = useWidget();
  const written = entryAuthor(entry);
  const author = written?.role === 'visitor' ? undefined : written;
  const mine = author === undefined;
  const agent = author?.role === 'agent' ? author : undefined;
  return (
    <li
      className="group"
      data-key={entry.key}
      data-cont={first ? undefined : ''}
      data-mine={mine ? '' : undefined}
      data-face={agent ? '' : undefined}
      aria-posinset={pos}
      aria-setsize={size}
    >
      {first && (
        <p className="author">
          {author === undefined ? translator.t('message.you') : (authorName(author) ?? brand.name)}
        </p>
      )}
      <MessageRow entry={entry} mine={mine} showReplies={showReplies} />
      {first && agent && <Avatar agent={agent} locale={translator.locale} className="face" />}
    </li>
  );
}

/** A row re-renders when its entry, its offered replies or its position change; the others are skipped. */
const EntryRow = pure(EntryItem);
const NoticeRow = pure(Notice);

function JumpToEnd({ onClick }: { onClick: () => void }) {
  const { translator } = useWidget();
  const ref = useListeners<HTMLButtonElement>({ click: onClick });
  return (
    <button ref={ref} type="button" className="jump">
      {translator.t('log.newMessages')}
    </button>
  );
}

/**
 * The conversation: the organisation's greeting first, a notice when earlier history was lost, then the
 * messages grouped by author and the conversation's notices, and once it has ended the survey
 * (EndSurvey, loaded lazily). Virtualized: only the rows in view and a few hundred pixels around are in
 * the DOM (one row per message, see useVirtualRows), each with its place in the list
 * (`aria-posinset`/`aria-setsize`). Keeps the newest message in view while the visitor is at the end;
 * once they have scrolled up, what they read stays in place and new messages bring a "New messages"
 * button that goes to the end. Grouping is incremental and rows are memoized on the client's entries.
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
  const offline = client.availability.value?.online === false && conversation === undefined;
  const lost = model.discontinuity.value;
  // A handoff link that continues nothing here says why, under the greeting.
  const handoff = unheld(client.handoff.value);
  const rowsOf = useMemo(createRowBuilder, []);
  const body = useMemo(() => rowsOf(entries), [rowsOf, entries]);
  // Before the first conversation, under the greeting; after "New conversation", below the ended one.
  const shape = `${offline}${lost}${asking ? 1 : 0}${ended ? conversation.id : ''}${handoff}`;
  const rows = useMemo(
    () => [
      fixedRow('greeting'),
      ...(handoff ? [fixedRow('handoff')] : []),
      ...(offline ? [fixedRow('offline')] : []),
      ...(asking && !ended ? [fixedRow('prechat')] : []),
      ...(lost ? [fixedRow('gap')] : []),
      ...body,
      ...(ended ? [fixedRow('survey', `survey:${conversation.id}`)] : []),
      ...(asking && ended ? [fixedRow('prechat')] : []),
    ],
    [body, shape],
  );
  // Quick replies stay offered until the visitor writes again: the trailing run of others' entries.
  const offered = useMemo(() => {
    const keys = new Set<string>();
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index];
      if (!entry || entry.kind === 'pending') break;
      if (entry.event.type !== 'message') continue;
      if (entry.event.author.role === 'visitor') break;
      if (entry.event.content.kind === 'quick-replies') keys.add(entry.key);
    }
    return keys;
  }, [entries]);
  const newest = entries.at(-1);
  const list = useRef<HTMLOListElement>(null);
  const view = useVirtualRows(
    list,
    rows,
    newest?.key,
    newest?.kind === 'pending' ||
      (newest?.event.type === 'message' && newest.event.author.role === 'visitor'),
  );

  const size = rows.length;
  const item = (row: LogRow, index: number) => {
    const pos = index + 1;
    const attributes = { key: row.key, 'data-key': row.key, 'aria-posinset': pos, 'aria-setsize': size };
    switch (row.kind) {
      case 'message':
        return (
          <EntryRow
            key={row.key}
            entry={row.entry}
            first={row.first}
            showReplies={!ended && offered.has(row.key)}
            pos={pos}
            size={size}
          />
        );
      case 'notice':
        return (
          <li className="group notice-row" {...attributes}>
            <NoticeRow entry={row.entry} />
          </li>
        );
      case 'greeting':
        return (
          <li className="group greeting" {...attributes}>
            <p className="author">{brand.name}</p>
            <div className="msg">
              <p className="bubble" dir="auto">
                {greeting ?? t('greeting.default')}
              </p>
            </div>
          </li>
        );
      case 'handoff':
        return (
          <li className="notice" {...attributes}>
            {handoff && t(`handoff.${handoff}`)}
          </li>
        );
      case 'offline':
        return (
          <li className="notice" data-offline="" {...attributes}>
            {t('offline.intro')}
          </li>
        );
      case 'gap':
        return (
          <li className="notice" {...attributes}>
            {t('history.discontinuity')}
          </li>
        );
      case 'prechat':
        return (
          asking && (
            <li className="group notice-row" {...attributes}>
              <Lazy render={({ FormCard }) => <FormCard request={{ ...asking.form, kind: 'prechat' }} />} />
            </li>
          )
        );
      default:
        return (
          conversation && (
            <li className="group notice-row" {...attributes}>
              <Lazy render={({ EndSurvey }) => <EndSurvey conversationId={conversation.id} />} />
            </li>
          )
        );
    }
  };

  return (
    <>
      <ol
        className="log"
        ref={list}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        aria-label={t('panel.label', { organisation: brand.name })}
      >
        {rows.slice(view.start, view.end).map((row, index) => item(row, view.start + index))}
      </ol>
      {view.unseen && (
        <JumpToEnd
          onClick={() => {
            view.toEnd();
            list.current?.focus();
          }}
        />
      )}
    </>
  );
}
