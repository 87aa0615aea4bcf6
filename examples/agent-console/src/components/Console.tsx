import type { ConsoleModel } from '../console-model.js';
import { AgentBadge } from './AgentBadge.js';
import { ConversationList } from './ConversationList.js';
import { ConversationPane } from './ConversationPane.js';
import { Figures } from './Figures.js';
import { MyTopics } from './MyTopics.js';
import { QueueList } from './QueueList.js';

const STATUS_TEXT = {
  connecting: 'Connecting…',
  open: 'Online',
  closed: 'Offline: reconnecting…',
  unauthorized: 'Signed out: sign in again',
} as const;

/**
 * The signed-in console: the agent and their averages, their topics, the queue and their conversations,
 * and the selected conversation.
 *
 * @example
 * ```tsx
 * <Console model={model} onSignOut={signOut} />
 * ```
 */
export function Console({ model, onSignOut }: { model: ConsoleModel; onSignOut(): void }) {
  const selected = model.selected.value;
  const status = model.status.value;
  const notice = model.notice.value;
  return (
    <div class="console">
      <header class="topbar">
        <AgentBadge agent={model.me.value} />
        <p class="link-status" role="status" data-status={status}>
          {STATUS_TEXT[status]}
        </p>
        <Figures model={model} />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {notice ? (
        <div class="alert notice" role="alert">
          <p>{notice}</p>
          <button type="button" onClick={() => model.dismissNotice()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div class="columns">
        <nav class="sidebar" aria-label="Conversations">
          <MyTopics model={model} />
          <QueueList model={model} />
          <ConversationList model={model} />
        </nav>
        <main class="pane">
          {selected ? (
            <ConversationPane key={selected.id} model={model} conversation={selected} />
          ) : (
            <p class="muted empty">Take a conversation from the queue to start.</p>
          )}
        </main>
      </div>
    </div>
  );
}
