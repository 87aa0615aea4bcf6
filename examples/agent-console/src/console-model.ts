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
  type HandoffCase,
  type HandoffDraft,
  type HandoffTracking,
  type InboxEntry,
  isGreeting,
  type QueueEntry,
  type ReportLine,
  type VerificationCheck,
} from '@clavard/agent-api';
import type { AgentInfo, AttachmentLimits, ConversationEvent, ConversationStatus } from '@clavard/protocol';
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { AgentLink, LinkStatus } from './agent-link.js';
import { loadWork, type PendingMessage, saveWork } from './console-storage.js';
import type { MessageKey } from './i18n/translator.js';
import { firstPhrase, type Phrase, phrasesFor } from './phrases.js';
import { checkSend, type Draft, initialDraft } from './send-rules.js';
import { agentAverages, type ConversationTiming, conversationTiming } from './timing.js';

/**
 * Something to tell the agent: a text of the console's (translated when shown) or the server's words.
 *
 * @example
 * ```ts
 * const notice: Notice = { key: 'notice.notSent', params: { text: 'Hello', reason: 'no conversation c1' } };
 * ```
 */
export type Notice = { key: MessageKey; params?: Record<string, string> } | { text: string };

/**
 * Why the agent should look: a conversation started waiting, or a visitor wrote.
 *
 * @example
 * ```ts
 * createConsoleModel({ link, me, onAlert: (alert) => { if (document.hidden) beep(); } });
 * ```
 */
export interface ConsoleAlert {
  kind: 'conversation' | 'message';
  conversationId: string;
}

export type { PendingMessage };

/**
 * One conversation as the console sees it.
 *
 * @example
 * ```ts
 * model.conversations.value.filter((c) => c.mine && c.status === 'active');
 * ```
 */
export interface ConsoleConversation {
  id: string;
  status: ConversationStatus;
  createdAt: string;
  topic?: string;
  /** Events in seq order, each once. */
  events: readonly ConversationEvent[];
  /** This agent holds it (false once handed to another agent). */
  mine: boolean;
  /** Who it was handed to. */
  handedTo?: AgentInfo;
  visitorTyping: boolean;
  /** The highest seq the visitor has read. */
  visitorReadSeq: number;
  /** The highest seq this agent has told the server it read. */
  agentReadSeq: number;
  pending: readonly PendingMessage[];
  draft: Draft;
  /** An agent has answered in it (the server says so, or this console saw it): no greeting is due. */
  greeted: boolean;
  /** The server refused the last answer because the greeting must come first; the draft holds it again. */
  greetingRefused: boolean;
  /** Older events exist than those shown; `loadOlder` asks for them. */
  hasMore: boolean;
  /** An older page was asked for and has not come yet. */
  loadingOlder: boolean;
  /** The visitor's language, for the phrases offered. */
  locale?: string;
  /** The page the visitor is on and their time zone, as their latest hello said. */
  page?: { url: string; title?: string };
  timeZone?: string;
  /** The visitor's earlier conversations (newest first). */
  earlier: readonly ArchiveEntry[];
  /** The colleague's note when it was handed over to this agent. */
  transferNote?: { from?: AgentInfo; note: string; at: string };
  /** The public post's case, when a handoff link started the conversation. */
  handoff?: HandoffCase;
  /** The consent the visitor gave before writing, when the site asks for one. */
  consent?: { at: string; version: string; policyUrl?: string };
  /** Who the visitor is, when the organisation's server identified them (a verified token). */
  visitor?: { userId: string; name?: string; email?: string };
  /** The name and email the visitor typed in the pre-chat form: given, not verified. */
  given?: { name?: string; email?: string };
  /** The visitor's survey answer (solved, 1–5, a note), once given. */
  rating?: { solved?: boolean; score?: number; note?: string };
}

/** Why a send was refused, or `ok`. */
export type SendOutcome = ReturnType<typeof checkSend>;

/**
 * The handoff desk: the newest handoffs first, whether older ones exist, and the link made last.
 *
 * @example
 * ```ts
 * const made = model.handoffs.value?.created?.url;
 * ```
 */
export interface HandoffDeskState {
  list: readonly HandoffTracking[];
  hasMore: boolean;
  created: { id: string; url: string; expiresAt: string } | undefined;
}

/**
 * Options of {@link createConsoleModel}.
 *
 * @example
 * ```ts
 * createConsoleModel({ link, me: agent });
 * ```
 */
export interface ConsoleModelOptions {
  link: AgentLink;
  /** The signed-in agent (from `POST /agent/login`). */
  me: AgentInfo;
  /** Their role, from the sign-in, until the welcome says it: the right console from the first frame. @default 'agent' */
  role?: AgentRole;
  /** The phrase library until the welcome brings the organisation's. @default [] */
  phrases?: readonly Phrase[];
  /** Where drafts and unacknowledged messages survive a reload (the tab's `sessionStorage`). @default none */
  storage?: Storage | undefined;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Makes message clientIds. @default crypto.randomUUID */
  createId?: () => string;
  /** After this long without input, the visitor is told the agent stopped typing, in ms. @default 4000 */
  typingIdleMs?: number;
  /** Called when a conversation starts waiting in this agent's queue, or a visitor writes to them. */
  onAlert?: (alert: ConsoleAlert) => void;
}

/**
 * The console model; see {@link createConsoleModel}.
 *
 * @example
 * ```ts
 * model.take(entry.conversationId);
 * ```
 */
export interface ConsoleModel {
  readonly me: ReadonlySignal<AgentInfo>;
  /** The organisation's phrase library, every language (from the welcome). */
  readonly library: ReadonlySignal<readonly Phrase[]>;
  /** The rules the server enforces (from the welcome). */
  readonly rules: ReadonlySignal<{ requireGreeting: boolean; requireClosing: boolean }>;
  /** The files the server takes (from the welcome); undefined before it, or when it takes none. */
  readonly attachments: ReadonlySignal<AttachmentLimits | undefined>;
  readonly status: ReadonlySignal<LinkStatus>;
  /** Every signed-in agent, this one included. */
  readonly agents: ReadonlySignal<readonly AgentInfo[]>;
  /** The conversations routed to this agent. */
  readonly queue: ReadonlySignal<readonly QueueEntry[]>;
  /** The organisation's topics and this agent's own (none: every topic), from the server. */
  readonly routing: ReadonlySignal<AgentRouting>;
  readonly conversations: ReadonlySignal<readonly ConsoleConversation[]>;
  readonly selected: ReadonlySignal<ConsoleConversation | undefined>;
  /** The clock, ticking each second once started. */
  readonly now: ReadonlySignal<number>;
  /** The last thing to tell the agent (an error frame, a refused action, an answer emailed). */
  readonly notice: ReadonlySignal<Notice | undefined>;
  /** Left messages waiting for an answer (the first that fit a frame), and how many in all. */
  readonly inbox: ReadonlySignal<{ entries: readonly InboxEntry[]; total: number }>;
  /** How many conversations wait in this agent's queue in all (the list may show fewer). */
  readonly queueTotal: ReadonlySignal<number>;
  /** What needs the agent: unread visitor messages in their conversations plus conversations waiting. */
  readonly attention: ReadonlySignal<number>;
  /** `admin`s also see the team report; a `community` manager sees only the handoff desk. */
  readonly role: ReadonlySignal<AgentRole>;
  /** The last archive search and its results (undefined until one is made). */
  readonly archive: ReadonlySignal<
    { query: string; results: readonly ArchiveEntry[]; loading: boolean } | undefined
  >;
  /** The team's accounts (admins), once asked for; `created` names the one just made. */
  readonly accounts: ReadonlySignal<{ list: readonly AccountInfo[]; created?: string } | undefined>;
  /** The handoffs (community managers, admins), once asked for; `created` is the link just made. */
  readonly handoffs: ReadonlySignal<HandoffDeskState | undefined>;
  /** The last team report asked for (admins). */
  readonly report: ReadonlySignal<{ from: string; to: string; lines: readonly ReportLine[] } | undefined>;
  /** This agent's measures kept by the server, over every conversation they ended. */
  readonly stats: ReadonlySignal<AgentStats | undefined>;
  /** This agent's running averages over the conversations of this session. */
  readonly averages: ReadonlySignal<ReturnType<typeof agentAverages>>;
  /** The phrases in the conversation's language (the library's English ones without a conversation). */
  phrasesOf(conversation?: ConsoleConversation): Phrase[];
  /** The greeting phrase in the conversation's language, filled with the agent's first name. */
  greeting(conversation?: ConsoleConversation): string;
  /** The first closing phrase in the conversation's language, filled. */
  closing(conversation?: ConsoleConversation): string;
  timingOf(conversation: ConsoleConversation): ConversationTiming;
  /** Whether the visitor of this conversation has been greeted (no greeting is due). */
  greeted(conversation: ConsoleConversation): boolean;
  /** Asks for the page of events before the oldest shown; false when there is none or it is under way. */
  loadOlder(conversationId: string): boolean;
  /** Signs out on the server (the token ends, the conversations go back to the queue) and closes. */
  signOut(): void;
  /** The visitor messages of a conversation this agent has not read. */
  unreadOf(conversation: ConsoleConversation): number;
  /** Selects the conversation before (-1) or after (+1) the selected one in the list. */
  selectNext(step: 1 | -1): void;
  /** Answers a left message from the inbox; false (nothing sent) when blank or not connected. */
  reply(conversationId: string, text: string): boolean;
  /** Searches the archive of ended conversations (blank: the newest). */
  search(query: string): boolean;
  /** Opens an ended conversation read-only, and selects it when it comes. */
  open(conversationId: string): boolean;
  /** Asks for the team report of the last `days` days (admins). */
  requestReport(days: number): boolean;
  /** Asks for the accounts (admins), creating one first when given. */
  requestAccounts(create?: {
    login: string;
    firstName: string;
    title?: string;
    role: AgentRole;
    password: string;
  }): boolean;
  /** Asks for the handoffs (community managers, admins), making a link first when given a draft. */
  requestHandoffs(create?: HandoffDraft): boolean;
  receive(frame: AgentServerFrame): void;
  take(conversationId: string): void;
  /**
   * Sets the topics this agent takes (none: every topic); shown at once, confirmed by `agent.routing`.
   * False (nothing changed) when the link is down.
   */
  setTopics(topics: readonly string[]): boolean;
  select(conversationId: string): void;
  setDraft(conversationId: string, draft: Draft): void;
  /** Sends the draft if the rules allow: the greeting goes first. */
  send(conversationId: string): SendOutcome;
  /**
   * Takes the draft as the caption of files about to be sent, if the rules allow (it may be empty; the
   * greeting still goes first): the composer empties and the caption comes back.
   */
  takeCaption(conversationId: string): SendOutcome & { caption?: string };
  /** Sends a stored upload as its own message; kept until acknowledged, re-sent with the same clientId. */
  sendFile(
    conversationId: string,
    file: { clientId: string; attachmentId: string; name: string; caption: string },
  ): void;
  setTyping(conversationId: string, active: boolean): void;
  markRead(conversationId: string): void;
  /** Hands the conversation to a colleague, with a note only agents see. */
  transfer(conversationId: string, toAgentId: string, note?: string): void;
  /**
   * Asks the visitor to verify their identity with `checks` (the server builds the form in the visitor's
   * language); false (nothing sent) when no check is chosen or the link is down.
   */
  verify(conversationId: string, checks: readonly VerificationCheck[]): boolean;
  /** Ends with the closing text; false (nothing sent) when the closing is empty and the rules require one. */
  end(conversationId: string, closing: string): boolean;
  dismissNotice(): void;
  /** Connects the link and starts the clock. */
  start(): void;
  /** Closes the link and stops every timer. */
  dispose(): void;
}

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
