import { useEffect } from 'preact/hooks';
import type { ConsoleModel, Notice } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { AccountsDialog } from './AccountsDialog.js';
import { AgentBadge } from './AgentBadge.js';
import { AlertSettings } from './AlertSettings.js';
import { ArchiveSearch } from './ArchiveSearch.js';
import { ConversationList } from './ConversationList.js';
import { ConversationPane } from './ConversationPane.js';
import { Figures } from './Figures.js';
import { HandoffDesk, HandoffDeskDialog } from './HandoffDesk.js';
import { InboxList } from './InboxList.js';
import { LanguagePicker } from './LanguagePicker.js';
import { MyTopics } from './MyTopics.js';
import { QueueList } from './QueueList.js';
import { TeamReport } from './TeamReport.js';
import { VisitorContext } from './VisitorContext.js';

/** The tab's title: the count of what needs the agent while the tab is hidden. */
function useTitle(attention: number) {
  const { t } = useI18n();
  useEffect(() => {
    const show = () => {
      document.title =
        document.hidden && attention > 0 ? t('notice.title', { count: attention }) : t('app.title');
    };
    show();
    document.addEventListener('visibilitychange', show);
    return () => document.removeEventListener('visibilitychange', show);
  }, [attention, t]);
}

/** Alt+↑ and Alt+↓ move between the agent's conversations, wherever the focus is. */
function useConversationKeys(model: ConsoleModel) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      model.selectNext(event.key === 'ArrowDown' ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model]);
}

/** The text of a notice in the agent's language. */
export function noticeText(notice: Notice, t: ReturnType<typeof useI18n>['t']): string {
  return 'text' in notice ? notice.text : t(notice.key, notice.params);
}

/**
 * The signed-in console, laid out for a shift at 1366×768 with no page scroll: the agent and their
 * figures on top; their topics, the queue, the left messages and their conversations on the left; the
 * selected conversation in the middle, its composer always in view; who the visitor is, the phrases,
 * transfer and verification on the right.
 *
 * @example
 * ```tsx
 * <Console model={model} onSignOut={signOut} />
 * ```
 */
export function Console({ model, onSignOut }: { model: ConsoleModel; onSignOut(): void }) {
  const { t } = useI18n();
  const selected = model.selected.value;
  const status = model.status.value;
  const notice = model.notice.value;
  useTitle(model.attention.value);
  useConversationKeys(model);
  // A community manager takes no chat: their console is the handoff desk.
  const desk = model.role.value === 'community';
  return (
    <div class="console" data-role={model.role.value}>
      <header class="topbar">
        <AgentBadge agent={model.me.value} />
        <p class="link-status" role="status" data-status={status}>
          {t(`status.${status}`)}
        </p>
        {desk ? null : <Figures model={model} />}
        <div class="topbar-tools">
          {model.role.value === 'admin' ? (
            <>
              <TeamReport model={model} />
              <AccountsDialog model={model} />
              <HandoffDeskDialog model={model} />
            </>
          ) : null}
          {desk ? null : <AlertSettings />}
          <LanguagePicker />
          <button type="button" onClick={onSignOut}>
            {t('topbar.signOut')}
          </button>
        </div>
      </header>
      {notice ? (
        <div class="alert notice" role="alert">
          <p>{noticeText(notice, t)}</p>
          <button type="button" onClick={() => model.dismissNotice()}>
            {t('notice.dismiss')}
          </button>
        </div>
      ) : null}
      {desk ? (
        <main class="desk-page">
          <h1>{t('desk.heading')}</h1>
          <HandoffDesk model={model} />
        </main>
      ) : (
        <div class="columns">
          <nav class="sidebar" aria-label={t('nav.label')}>
            <MyTopics model={model} />
            <QueueList model={model} />
            <ConversationList model={model} />
            <InboxList model={model} />
            <ArchiveSearch model={model} />
          </nav>
          <main class="pane">
            {selected ? (
              <ConversationPane key={selected.id} model={model} conversation={selected} />
            ) : (
              <p class="muted empty">{t('pane.empty')}</p>
            )}
          </main>
          <aside class="context" aria-label={t('context.heading')}>
            <VisitorContext model={model} conversation={selected} />
          </aside>
        </div>
      )}
    </div>
  );
}
