/**
 * The console's state and actions, as signals: the queue, the signed-in agents, the topics this agent
 * takes, the conversations this agent holds (events, drafts, typing, read marks, messages not yet
 * acknowledged), the clock and the figures. Frames come in through `receive`; actions go out through
 * the {@link AgentLink}.
 */

import {
  type AccountInfo,
  type AgentConversation,
  type AgentRole,
  type AgentRouting,
  type AgentServerFrame,
  type AgentStats,
  type ArchiveEntry,
  type InboxEntry,
  isGreeting,
  type QueueEntry,
  type ReportLine,
} from '@clavard/agent-api';
import type { AgentInfo, AttachmentLimits, ConversationEvent } from '@clavard/protocol';
import { computed, effect, signal } from '@preact/signals';
import type { AgentLink, LinkStatus } from './agent-link.js';
import { loadWork, type PendingMessage, saveWork } from './console-storage.js';
import type {
  ConsoleConversation,
  ConsoleModel,
  ConsoleModelOptions,
  HandoffDeskState,
  Notice,
} from './console-types.js';
import { firstPhrase, type Phrase, phrasesFor } from './phrases.js';
import { checkSend, initialDraft } from './send-rules.js';
import { agentAverages, conversationTiming } from './timing.js';

export type {
  ConsoleAlert,
  ConsoleConversation,
  ConsoleModel,
  ConsoleModelOptions,
  HandoffDeskState,
  Notice,
  PendingMessage,
  SendOutcome,
} from './console-types.js';

const NOT_CONNECTED: Notice = { key: 'notice.notConnected' };
const GREETING_REFUSED: Notice = { key: 'notice.greetingRefused' };
/** The notice when the server erased a conversation the agent held (its visitor asked it to). */
const REMOVED: Notice = { key: 'notice.removed' };

const bySeq = (events: readonly ConversationEvent[]): ConversationEvent[] => {
  const unique = new Map<number, ConversationEvent>();
  for (const event of events) unique.set(event.seq, event);
  return [...unique.values()].sort((a, b) => a.seq - b.seq);
};

/** The latest agent message or the server's own flag: somebody has answered in the conversation. */
const answeredIn = (events: readonly ConversationEvent[]) =>
  events.some((event) => event.type === 'message' && event.author.role === 'agent');

/**
 * Makes the console model over a link. Nothing runs until `start()`.
 *
 * @example
 * ```ts
 * const model = createConsoleModel({ link: createAgentLink({ url, token }), me: agent, storage: tabStorage() });
 * model.start();
 * ```
 */
export function createConsoleModel(options: ConsoleModelOptions): ConsoleModel {
  const { link, storage } = options;
  const clock = options.now ?? Date.now;
  const createId = options.createId ?? (() => crypto.randomUUID());
  const typingIdleMs = options.typingIdleMs ?? 4000;

  const me = signal(options.me);
  const library = signal<readonly Phrase[]>(options.phrases ?? []);
  const rules = signal({ requireGreeting: true, requireClosing: true });
  const attachments = signal<AttachmentLimits | undefined>(undefined);
  const status = signal<LinkStatus>(link.status);
  const agents = signal<readonly AgentInfo[]>([]);
  const queue = signal<readonly QueueEntry[]>([]);
  const routing = signal<AgentRouting>({ topics: [], mine: [] });
  const byId = signal<ReadonlyMap<string, ConsoleConversation>>(new Map());
  const selectedId = signal<string | undefined>(undefined);
  const now = signal(clock());
  const notice = signal<Notice | undefined>(undefined);
  const inbox = signal<{ entries: readonly InboxEntry[]; total: number }>({ entries: [], total: 0 });
  const queueTotal = signal(0);
  const role = signal<AgentRole>(options.role ?? 'agent');
  const handoffs = signal<HandoffDeskState | undefined>(undefined);
  const archive = signal<{ query: string; results: readonly ArchiveEntry[]; loading: boolean } | undefined>(
    undefined,
  );
  const accounts = signal<{ list: readonly AccountInfo[]; created?: string } | undefined>(undefined);
  const report = signal<{ from: string; to: string; lines: readonly ReportLine[] } | undefined>(undefined);
  /** Queue entries already alerted about, so that each new one alerts once. */
  const seenWaiting = new Set<string>();
  const stats = signal<AgentStats | undefined>(undefined);
  const typingSent = new Map<string, ReturnType<typeof setTimeout> | 'idle'>();
  const unsubscribes: (() => void)[] = [];
  const saved = loadWork(storage, options.me.id);
  /** Work is kept once the welcome has brought the conversations back, not before (it would be lost). */
  const welcomed = signal(false);
  let clockTimer: ReturnType<typeof setTimeout> | undefined;
  let wantSelect: string | undefined;

  const conversations = computed(() => [...byId.value.values()]);
  const selected = computed(() =>
    selectedId.value === undefined ? undefined : byId.value.get(selectedId.value),
  );
  const phrasesOf = (c?: ConsoleConversation) => phrasesFor(library.value, c?.locale);
  const greeting = (c?: ConsoleConversation) => firstPhrase(phrasesOf(c), 'greeting', me.value.firstName);
  const closing = (c?: ConsoleConversation) => firstPhrase(phrasesOf(c), 'closing', me.value.firstName);
  const greeted = (c: ConsoleConversation) => c.greeted || c.pending.length > 0 || answeredIn(c.events);
  const startsWithGreeting = (text: string) =>
    !rules.value.requireGreeting || isGreeting(text, library.value, me.value.firstName);
  const timingOf = (c: ConsoleConversation) =>
    conversationTiming({ createdAt: c.createdAt, events: c.events, agentId: me.value.id, now: now.value });
  const averages = computed(() => agentAverages(conversations.value.map(timingOf)));
  const unreadOf = (c: ConsoleConversation) =>
    c.mine && c.status !== 'ended'
      ? c.events.filter((e) => e.type === 'message' && e.author.role === 'visitor' && e.seq > c.agentReadSeq)
          .length
      : 0;
  const attention = computed(
    () => conversations.value.reduce((sum, c) => sum + unreadOf(c), 0) + queueTotal.value,
  );
  const setQueue = (entries: readonly QueueEntry[], total: number) => {
    for (const entry of entries) {
      if (seenWaiting.has(entry.conversationId)) continue;
      seenWaiting.add(entry.conversationId);
      // Not at the first welcome: those were waiting already.
      if (welcomed.peek()) options.onAlert?.({ kind: 'conversation', conversationId: entry.conversationId });
    }
    queue.value = entries;
    queueTotal.value = total;
  };

  const update = (id: string, change: (c: ConsoleConversation) => ConsoleConversation) => {
    const current = byId.value.get(id);
    if (!current) return;
    const next = new Map(byId.value);
    next.set(id, change(current));
    byId.value = next;
  };

  const sendOrTell = (frame: Parameters<AgentLink['send']>[0]): boolean => {
    if (link.send(frame)) return true;
    notice.value = NOT_CONNECTED;
    return false;
  };

  const sendMessage = (conversationId: string, message: PendingMessage) =>
    link.send({
      type: 'agent.message',
      conversationId,
      clientId: message.clientId,
      content: { kind: 'text', text: message.text },
      ...(message.attachmentId === undefined ? {} : { attachmentId: message.attachmentId }),
    });

  //#region frames
  const upsert = (conversation: AgentConversation) => {
    const previous = byId.value.get(conversation.id);
    const events = bySeq([...(previous?.events ?? []), ...conversation.events]);
    const mine = conversation.agent?.id === me.value.id && conversation.status !== 'ended';
    const keptDraft = saved.drafts[conversation.id];
    const base: ConsoleConversation = {
      id: conversation.id,
      status: conversation.status,
      createdAt: conversation.createdAt,
      ...(conversation.topic === undefined ? {} : { topic: conversation.topic }),
      ...(conversation.locale === undefined ? {} : { locale: conversation.locale }),
      ...(conversation.page === undefined ? {} : { page: conversation.page }),
      ...(conversation.timeZone === undefined ? {} : { timeZone: conversation.timeZone }),
      ...(conversation.transferNote === undefined ? {} : { transferNote: conversation.transferNote }),
      ...(conversation.handoff === undefined ? {} : { handoff: conversation.handoff }),
      events,
      mine,
      greeted: conversation.greeted,
      earlier: conversation.earlier,
      greetingRefused: previous?.greetingRefused ?? false,
      hasMore: previous ? previous.hasMore && conversation.hasMore : conversation.hasMore,
      loadingOlder: previous?.loadingOlder ?? false,
      visitorTyping: previous?.visitorTyping ?? false,
      visitorReadSeq: Math.max(previous?.visitorReadSeq ?? 0, conversation.visitorReadSeq),
      agentReadSeq: previous?.agentReadSeq ?? 0,
      pending: previous?.pending ?? saved.pending[conversation.id] ?? [],
      draft: previous?.draft ?? { text: keptDraft ?? '', greeting: false },
      ...(conversation.rating
        ? { rating: conversation.rating }
        : previous?.rating
          ? { rating: previous.rating }
          : {}),
      ...(conversation.visitor ? { visitor: conversation.visitor } : {}),
      ...(conversation.given ? { given: conversation.given } : {}),
      ...(conversation.consent ? { consent: conversation.consent } : {}),
    };
    const fresh = !previous && keptDraft === undefined;
    const made = fresh && mine ? { ...base, draft: initialDraft(greeted(base), greeting(base)) } : base;
    const next = new Map(byId.value);
    next.set(conversation.id, made);
    byId.value = next;
    // Not acknowledged before the reconnect or the reload: sent again with the same clientId.
    for (const message of made.pending) sendMessage(made.id, message);
    if (wantSelect === conversation.id || selectedId.value === undefined) {
      wantSelect = undefined;
      model.select(conversation.id);
    }
  };

  const applyEvent = (event: ConversationEvent) => {
    update(event.conversationId, (c) => {
      const next: ConsoleConversation = { ...c, events: bySeq([...c.events, event]) };
      if (event.type === 'message' && event.author.role === 'visitor') next.visitorTyping = false;
      if (event.type === 'message' && event.author.role === 'agent') next.greeted = true;
      if (event.type === 'conversation.ended') {
        next.status = 'ended';
        next.visitorTyping = false;
      }
      if (event.type === 'agent.transferred' && event.from?.id === me.value.id) {
        next.mine = false;
        next.handedTo = event.agent;
      }
      return next;
    });
    if (event.type === 'message' && event.author.role === 'visitor') {
      if (selectedId.value === event.conversationId) model.markRead(event.conversationId);
      options.onAlert?.({ kind: 'message', conversationId: event.conversationId });
    }
  };

  const applyHistory = (frame: AgentServerFrame & { type: 'agent.history' }) => {
    update(frame.conversationId, (c) => ({
      ...c,
      events: bySeq([...c.events, ...frame.events]),
      ...(frame.beforeSeq === undefined ? {} : { hasMore: frame.hasMore, loadingOlder: false }),
    }));
  };

  /** An error frame: a message of ours refused for good is not sent again, and the notice says which. */
  const applyError = (frame: AgentServerFrame & { type: 'error' }) => {
    const refused =
      frame.clientId === undefined || frame.retryable
        ? undefined
        : conversations.value.find((c) => c.pending.some((p) => p.clientId === frame.clientId));
    const message = refused?.pending.find((p) => p.clientId === frame.clientId);
    const text = message?.text;
    if (refused && text !== undefined) {
      const greetingFirst = frame.code === 'greeting-required';
      update(refused.id, (c) => ({
        ...c,
        pending: c.pending.filter((p) => p.clientId !== frame.clientId),
        // Refused for the greeting: the answer goes back into the composer, nothing is lost.
        ...(greetingFirst
          ? {
              greetingRefused: true,
              draft: {
                text: c.draft.text.trim() === '' ? text : `${text}\n\n${c.draft.text}`,
                greeting: false,
              },
            }
          : {}),
      }));
      notice.value = greetingFirst
        ? GREETING_REFUSED
        : { key: 'notice.notSent', params: { text: message?.fileName ?? text, reason: frame.message } };
      return;
    }
    // A limit is said in the agent's language, with the wait; other refusals as the server words them.
    notice.value =
      frame.code === 'rate-limited' && frame.retryAfterMs !== undefined
        ? { key: 'notice.rateLimited', params: { seconds: String(Math.ceil(frame.retryAfterMs / 1000)) } }
        : { text: frame.message };
  };

  const removeConversation = (conversationId: string) => {
    if (!byId.value.has(conversationId)) return;
    const next = new Map(byId.value);
    next.delete(conversationId);
    byId.value = next;
    if (selectedId.value === conversationId) selectedId.value = undefined;
    notice.value = REMOVED;
  };

  const applyWelcome = (frame: AgentServerFrame & { type: 'agent.welcome' }) => {
    stats.value = frame.stats;
    me.value = frame.agent;
    role.value = frame.role;
    agents.value = frame.agents;
    setQueue(frame.queue, frame.queueTotal);
    inbox.value = { entries: frame.inbox, total: frame.inboxTotal };
    routing.value = frame.routing;
    library.value = frame.phrases;
    rules.value = frame.rules;
    attachments.value = frame.attachments;
    for (const conversation of frame.conversations) upsert(conversation);
    welcomed.value = true;
  };

  const receive = (frame: AgentServerFrame) => {
    switch (frame.type) {
      case 'agent.welcome':
        return applyWelcome(frame);
      case 'agent.routing':
        routing.value = { topics: frame.topics, mine: frame.mine };
        return;
      case 'agent.queue':
        return setQueue(frame.queue, frame.total);
      case 'agent.inbox':
        inbox.value = { entries: frame.inbox, total: frame.total };
        return;
      case 'agent.visitor': {
        const { type: _type, conversationId, ...where } = frame;
        return update(conversationId, (c) => ({ ...c, ...where }));
      }
      case 'agent.archive':
        archive.value = { query: frame.query, results: frame.results, loading: false };
        return;
      case 'agent.accounts':
        accounts.value = {
          list: frame.accounts,
          ...(frame.created === undefined ? {} : { created: frame.created }),
        };
        return;
      case 'agent.handoffs':
        handoffs.value = {
          list: frame.handoffs,
          hasMore: frame.hasMore,
          advisors: frame.advisors,
          // A refreshed list keeps the link just made on screen, to copy.
          created: frame.created ?? handoffs.value?.created,
        };
        return;
      case 'agent.report':
        report.value = { from: frame.from, to: frame.to, lines: frame.lines };
        return;
      case 'agent.mailed':
        notice.value = frame.sent
          ? { key: 'notice.mailed' }
          : { key: 'notice.notMailed', params: { reason: frame.reason ?? '' } };
        return;
      case 'agent.agents':
        agents.value = frame.agents;
        return;
      case 'agent.conversation':
        return upsert(frame.conversation);
      case 'agent.event':
        return applyEvent(frame.event);
      case 'agent.history':
        return applyHistory(frame);
      case 'agent.ack':
        return update(frame.conversationId, (c) => ({
          ...c,
          greeted: true,
          greetingRefused: false,
          pending: c.pending.filter((p) => p.clientId !== frame.clientId),
        }));
      case 'agent.typing':
        return update(frame.conversationId, (c) => ({ ...c, visitorTyping: frame.active }));
      case 'agent.rating': {
        const { type: _type, conversationId, ...rating } = frame;
        return update(conversationId, (c) => ({ ...c, rating }));
      }
      case 'agent.stats':
        stats.value = frame.stats;
        return;
      case 'agent.read':
        return update(frame.conversationId, (c) => ({
          ...c,
          visitorReadSeq: Math.max(c.visitorReadSeq, frame.upToSeq),
        }));
      case 'agent.removed':
        return removeConversation(frame.conversationId);
      case 'error':
        return applyError(frame);
      default:
        return;
    }
  };
  //#endregion

  const stopTyping = (conversationId: string) => {
    const state = typingSent.get(conversationId);
    if (state === undefined || state === 'idle') return;
    clearTimeout(state);
    typingSent.set(conversationId, 'idle');
    link.send({ type: 'agent.typing', conversationId, active: false });
  };

  const tick = () => {
    now.value = clock();
    clockTimer = setTimeout(tick, 1000 - (now.value % 1000));
  };

  /** Drafts and unacknowledged messages, kept for a reload of the tab. */
  const keepWork = () => {
    if (!welcomed.value) return;
    const drafts: Record<string, string> = {};
    const pending: Record<string, PendingMessage[]> = {};
    for (const c of byId.value.values()) {
      if (!c.mine) continue;
      if (c.draft.text.trim() !== '') drafts[c.id] = c.draft.text;
      if (c.pending.length > 0) pending[c.id] = [...c.pending];
    }
    saveWork(storage, me.value.id, { drafts, pending });
  };

  const model: ConsoleModel = {
    me,
    library,
    rules,
    attachments,
    status,
    agents,
    queue,
    routing,
    conversations,
    selected,
    now,
    notice,
    inbox,
    queueTotal,
    attention,
    role,
    archive,
    report,
    accounts,
    handoffs,
    unreadOf,
    averages,
    stats,
    phrasesOf,
    greeting,
    closing,
    timingOf,
    greeted,
    receive,
    take(conversationId) {
      if (sendOrTell({ type: 'agent.take', conversationId })) wantSelect = conversationId;
    },
    setTopics(topics) {
      const mine = routing.value.topics.filter((topic) => topics.includes(topic));
      if (!sendOrTell({ type: 'agent.topics', topics: mine })) return false;
      routing.value = { ...routing.value, mine };
      return true;
    },
    select(conversationId) {
      selectedId.value = conversationId;
      model.markRead(conversationId);
    },
    setDraft(conversationId, draft) {
      update(conversationId, (c) => ({ ...c, draft, greetingRefused: false }));
    },
    send(conversationId) {
      const c = byId.value.get(conversationId);
      if (!c) return { ok: false, reason: 'empty' };
      const outcome = checkSend({ greeted: greeted(c), draft: c.draft, startsWithGreeting });
      if (!outcome.ok) return outcome;
      const message: PendingMessage = { clientId: createId(), text: c.draft.text.trim() };
      stopTyping(conversationId);
      update(conversationId, (current) => ({
        ...current,
        pending: [...current.pending, message],
        draft: { text: '', greeting: false },
      }));
      // Not connected: it stays pending and goes out again after the next welcome.
      sendMessage(conversationId, message);
      return outcome;
    },
    takeCaption(conversationId) {
      const c = byId.value.get(conversationId);
      if (!c) return { ok: false, reason: 'empty' };
      const outcome = checkSend({ greeted: greeted(c), draft: c.draft, startsWithGreeting, withFiles: true });
      if (!outcome.ok) return outcome;
      stopTyping(conversationId);
      update(conversationId, (current) => ({ ...current, draft: { text: '', greeting: false } }));
      return { ...outcome, caption: c.draft.text.trim() };
    },
    sendFile(conversationId, file) {
      const message: PendingMessage = {
        clientId: file.clientId,
        text: file.caption,
        attachmentId: file.attachmentId,
        fileName: file.name,
      };
      update(conversationId, (current) => ({ ...current, pending: [...current.pending, message] }));
      sendMessage(conversationId, message);
    },
    setTyping(conversationId, active) {
      if (!active) {
        stopTyping(conversationId);
        return;
      }
      const state = typingSent.get(conversationId);
      if (state === undefined || state === 'idle') {
        link.send({ type: 'agent.typing', conversationId, active: true });
      } else {
        clearTimeout(state);
      }
      typingSent.set(
        conversationId,
        setTimeout(() => stopTyping(conversationId), typingIdleMs),
      );
    },
    markRead(conversationId) {
      const c = byId.value.get(conversationId);
      if (!c?.mine || c.status === 'ended') return;
      let upToSeq = 0;
      for (const e of c.events) if (e.type === 'message' && e.author.role === 'visitor') upToSeq = e.seq;
      if (upToSeq <= c.agentReadSeq) return;
      if (link.send({ type: 'agent.read', conversationId, upToSeq })) {
        update(conversationId, (current) => ({ ...current, agentReadSeq: upToSeq }));
      }
    },
    loadOlder(conversationId) {
      const c = byId.value.get(conversationId);
      const oldest = c?.events[0]?.seq;
      if (!c?.hasMore || c.loadingOlder || oldest === undefined) return false;
      if (!sendOrTell({ type: 'agent.history', conversationId, beforeSeq: oldest })) return false;
      update(conversationId, (current) => ({ ...current, loadingOlder: true }));
      return true;
    },
    transfer(conversationId, toAgentId, note) {
      stopTyping(conversationId);
      const trimmed = note?.trim();
      sendOrTell({
        type: 'agent.transfer',
        conversationId,
        toAgentId,
        ...(trimmed ? { note: trimmed } : {}),
      });
    },
    verify(conversationId, checks) {
      if (checks.length === 0) return false;
      return sendOrTell({ type: 'agent.verify', conversationId, checks: [...checks] });
    },
    end(conversationId, closingText) {
      const text = closingText.trim();
      if (text === '' && rules.value.requireClosing) return false;
      stopTyping(conversationId);
      return sendOrTell({ type: 'agent.end', conversationId, ...(text === '' ? {} : { closing: text }) });
    },
    dismissNotice() {
      notice.value = undefined;
    },
    start() {
      unsubscribes.push(
        link.on('frame', (frame) => model.receive(frame)),
        link.on('status', (next) => {
          status.value = next;
        }),
        link.on('error', (error) => {
          if (error.code !== 'connection-lost') notice.value = { text: error.message };
        }),
        effect(keepWork),
      );
      link.connect();
      status.value = link.status;
      if (clockTimer === undefined) tick();
    },
    selectNext(step) {
      const list = conversations.value;
      if (list.length === 0) return;
      const at = list.findIndex((c) => c.id === selectedId.value);
      const next = list[(at + step + list.length) % list.length] ?? list[0];
      if (next) model.select(next.id);
    },
    search(query) {
      if (!sendOrTell({ type: 'agent.search', query })) return false;
      archive.value = { query, results: archive.value?.results ?? [], loading: true };
      return true;
    },
    open(conversationId) {
      if (byId.value.has(conversationId)) {
        model.select(conversationId);
        return true;
      }
      if (!sendOrTell({ type: 'agent.open', conversationId })) return false;
      wantSelect = conversationId;
      return true;
    },
    requestReport(days) {
      return sendOrTell({ type: 'agent.report', days });
    },
    requestAccounts(create) {
      return sendOrTell(create ? { type: 'agent.accounts', create } : { type: 'agent.accounts' });
    },
    requestHandoffs(create) {
      return sendOrTell(create ? { type: 'agent.handoffs', create } : { type: 'agent.handoffs' });
    },
    reply(conversationId, text) {
      const answer = text.trim();
      if (answer === '') return false;
      return sendOrTell({ type: 'agent.reply', conversationId, clientId: createId(), text: answer });
    },
    signOut() {
      link.send({ type: 'agent.signout' });
      saveWork(storage, me.value.id, undefined);
      model.dispose();
    },
    dispose() {
      for (const off of unsubscribes.splice(0)) off();
      for (const state of typingSent.values()) if (state !== 'idle') clearTimeout(state);
      typingSent.clear();
      if (clockTimer !== undefined) clearTimeout(clockTimer);
      clockTimer = undefined;
      link.close();
    },
  };
  return model;
}
