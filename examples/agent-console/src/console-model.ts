/**
 * The console's state and actions, as signals: the queue, the signed-in agents, the topics this agent
 * takes, the conversations this agent holds (events, drafts, typing, read marks, messages not yet
 * acknowledged), the clock and the figures. Frames come in through `receive`; actions go out through
 * the {@link AgentLink}.
 */
import type { AgentInfo, ConversationEvent, ConversationStatus } from '@clavard/protocol';
import type {
  AgentConversation,
  AgentRouting,
  AgentServerFrame,
  AgentStats,
  QueueEntry,
  VerificationCheck,
} from '@clavard/reference-server';
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { AgentLink, LinkStatus } from './agent-link.js';
import { DEFAULT_PHRASES, firstPhrase, type Phrase } from './phrases.js';
import { checkSend, type Draft, hasGreeted, initialDraft } from './send-rules.js';
import { agentAverages, type ConversationTiming, conversationTiming } from './timing.js';

/**
 * A message of this agent's, sent and not yet acknowledged (re-sent with the same clientId after a
 * reconnect).
 *
 * @example
 * ```ts
 * const pending: PendingMessage = { clientId: 'k3', text: 'One moment please.' };
 * ```
 */
export interface PendingMessage {
  clientId: string;
  text: string;
}

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
  /** @default DEFAULT_PHRASES */
  phrases?: readonly Phrase[];
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Makes message clientIds. @default crypto.randomUUID */
  createId?: () => string;
  /** After this long without input, the visitor is told the agent stopped typing, in ms. @default 4000 */
  typingIdleMs?: number;
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
  readonly phrases: readonly Phrase[];
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
  /** The last problem to show the agent (an error frame, a refused action). */
  readonly notice: ReadonlySignal<string | undefined>;
  /** This agent's measures kept by the server, over every conversation they ended. */
  readonly stats: ReadonlySignal<AgentStats | undefined>;
  /** This agent's running averages over the conversations of this session. */
  readonly averages: ReadonlySignal<ReturnType<typeof agentAverages>>;
  /** The greeting phrase, filled with the agent's first name. */
  greeting(): string;
  /** The first closing phrase, filled. */
  closing(): string;
  timingOf(conversation: ConsoleConversation): ConversationTiming;
  /** Whether this agent has greeted the visitor of this conversation. */
  greeted(conversation: ConsoleConversation): boolean;
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
  setTyping(conversationId: string, active: boolean): void;
  markRead(conversationId: string): void;
  transfer(conversationId: string, toAgentId: string): void;
  /**
   * Asks the visitor to verify their identity with `checks` (the server builds the form in the visitor's
   * language); false (nothing sent) when no check is chosen or the link is down.
   */
  verify(conversationId: string, checks: readonly VerificationCheck[]): boolean;
  /** Ends with the closing text; false (nothing sent) when the closing is empty. */
  end(conversationId: string, closing: string): boolean;
  dismissNotice(): void;
  /** Connects the link and starts the clock. */
  start(): void;
  /** Closes the link and stops every timer. */
  dispose(): void;
}

const NOT_CONNECTED = 'Not connected to the server: try again in a moment.';
/** The notice when the server erased a conversation the agent held (its visitor asked it to). */
const REMOVED = 'The visitor asked for their data to be erased: the conversation was removed.';

const bySeq = (events: readonly ConversationEvent[]): ConversationEvent[] => {
  const unique = new Map<number, ConversationEvent>();
  for (const event of events) unique.set(event.seq, event);
  return [...unique.values()].sort((a, b) => a.seq - b.seq);
};

/**
 * Makes the console model over a link. Nothing runs until `start()`.
 *
 * @example
 * ```ts
 * const model = createConsoleModel({ link: createAgentLink({ url, token }), me: agent });
 * model.start();
 * ```
 */
export function createConsoleModel(options: ConsoleModelOptions): ConsoleModel {
  const { link } = options;
  const clock = options.now ?? Date.now;
  const createId = options.createId ?? (() => crypto.randomUUID());
  const typingIdleMs = options.typingIdleMs ?? 4000;
  const phrases = options.phrases ?? DEFAULT_PHRASES;

  const me = signal(options.me);
  const status = signal<LinkStatus>(link.status);
  const agents = signal<readonly AgentInfo[]>([]);
  const queue = signal<readonly QueueEntry[]>([]);
  const routing = signal<AgentRouting>({ topics: [], mine: [] });
  const byId = signal<ReadonlyMap<string, ConsoleConversation>>(new Map());
  const selectedId = signal<string | undefined>(undefined);
  const now = signal(clock());
  const notice = signal<string | undefined>(undefined);
  const typingSent = new Map<string, ReturnType<typeof setTimeout> | 'idle'>();
  const unsubscribes: (() => void)[] = [];
  let clockTimer: ReturnType<typeof setTimeout> | undefined;
  let wantSelect: string | undefined;

  const conversations = computed(() => [...byId.value.values()]);
  const selected = computed(() =>
    selectedId.value === undefined ? undefined : byId.value.get(selectedId.value),
  );
  const greeting = () => firstPhrase(phrases, 'greeting', me.value.firstName);
  const closing = () => firstPhrase(phrases, 'closing', me.value.firstName);
  const greeted = (c: ConsoleConversation) => c.pending.length > 0 || hasGreeted(c.events, me.value.id);
  const timingOf = (c: ConsoleConversation) =>
    conversationTiming({ createdAt: c.createdAt, events: c.events, agentId: me.value.id, now: now.value });
  const averages = computed(() => agentAverages(conversations.value.map(timingOf)));
  const stats = signal<AgentStats | undefined>(undefined);

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

  const resendPending = (c: ConsoleConversation) => {
    for (const message of c.pending) {
      link.send({
        type: 'agent.message',
        conversationId: c.id,
        clientId: message.clientId,
        content: { kind: 'text', text: message.text },
      });
    }
  };

  const upsert = (conversation: AgentConversation) => {
    const previous = byId.value.get(conversation.id);
    const events = bySeq([...(previous?.events ?? []), ...conversation.events]);
    const mine = conversation.agent?.id === me.value.id && conversation.status !== 'ended';
    const base: ConsoleConversation = {
      id: conversation.id,
      status: conversation.status,
      createdAt: conversation.createdAt,
      ...(conversation.topic === undefined ? {} : { topic: conversation.topic }),
      events,
      mine,
      visitorTyping: previous?.visitorTyping ?? false,
      visitorReadSeq: Math.max(previous?.visitorReadSeq ?? 0, conversation.visitorReadSeq),
      agentReadSeq: previous?.agentReadSeq ?? 0,
      pending: previous?.pending ?? [],
      draft: previous?.draft ?? { text: '', greeting: false },
      ...(conversation.rating
        ? { rating: conversation.rating }
        : previous?.rating
          ? { rating: previous.rating }
          : {}),
      ...(conversation.visitor ? { visitor: conversation.visitor } : {}),
      ...(conversation.given ? { given: conversation.given } : {}),
      ...(conversation.consent ? { consent: conversation.consent } : {}),
    };
    const made = previous ? base : { ...base, draft: initialDraft(greeted(base), greeting()) };
    const next = new Map(byId.value);
    next.set(conversation.id, made);
    byId.value = next;
    if (previous) resendPending(made);
    if (wantSelect === conversation.id || selectedId.value === undefined) {
      wantSelect = undefined;
      model.select(conversation.id);
    }
  };

  const applyEvent = (event: ConversationEvent) => {
    update(event.conversationId, (c) => {
      const next: ConsoleConversation = { ...c, events: bySeq([...c.events, event]) };
      if (event.type === 'message' && event.author.role === 'visitor') next.visitorTyping = false;
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
    if (
      event.type === 'message' &&
      event.author.role === 'visitor' &&
      selectedId.value === event.conversationId
    ) {
      model.markRead(event.conversationId);
    }
  };

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

  const model: ConsoleModel = {
    me,
    phrases,
    status,
    agents,
    queue,
    routing,
    conversations,
    selected,
    now,
    notice,
    averages,
    stats,
    greeting,
    closing,
    timingOf,
    greeted,
    receive(frame) {
      switch (frame.type) {
        case 'agent.welcome':
          stats.value = frame.stats;
          me.value = frame.agent;
          agents.value = frame.agents;
          queue.value = frame.queue;
          routing.value = frame.routing;
          for (const conversation of frame.conversations) upsert(conversation);
          break;
        case 'agent.routing':
          routing.value = { topics: frame.topics, mine: frame.mine };
          break;
        case 'agent.queue':
          queue.value = frame.queue;
          break;
        case 'agent.agents':
          agents.value = frame.agents;
          break;
        case 'agent.conversation':
          upsert(frame.conversation);
          break;
        case 'agent.event':
          applyEvent(frame.event);
          break;
        case 'agent.history':
          update(frame.conversationId, (c) => ({ ...c, events: bySeq([...c.events, ...frame.events]) }));
          break;
        case 'agent.ack':
          update(frame.conversationId, (c) => ({
            ...c,
            pending: c.pending.filter((p) => p.clientId !== frame.clientId),
          }));
          break;
        case 'agent.typing':
          update(frame.conversationId, (c) => ({ ...c, visitorTyping: frame.active }));
          break;
        case 'agent.rating': {
          const { type: _type, conversationId, ...rating } = frame;
          update(conversationId, (c) => ({ ...c, rating }));
          break;
        }
        case 'agent.stats':
          stats.value = frame.stats;
          break;
        case 'agent.read':
          update(frame.conversationId, (c) => ({
            ...c,
            visitorReadSeq: Math.max(c.visitorReadSeq, frame.upToSeq),
          }));
          break;
        case 'agent.removed': {
          if (!byId.value.has(frame.conversationId)) break;
          const next = new Map(byId.value);
          next.delete(frame.conversationId);
          byId.value = next;
          if (selectedId.value === frame.conversationId) selectedId.value = undefined;
          notice.value = REMOVED;
          break;
        }
        case 'error': {
          // A message of ours the server refused for good (its conversation is gone or ended): it is not
          // sent again, and the notice says which.
          const refused =
            frame.clientId === undefined || frame.retryable
              ? undefined
              : conversations.value.find((c) => c.pending.some((p) => p.clientId === frame.clientId));
          const text = refused?.pending.find((p) => p.clientId === frame.clientId)?.text;
          if (refused) {
            update(refused.id, (c) => ({
              ...c,
              pending: c.pending.filter((p) => p.clientId !== frame.clientId),
            }));
          }
          notice.value = text === undefined ? frame.message : `Not sent (“${text}”): ${frame.message}`;
          break;
        }
        default:
          break;
      }
    },
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
      update(conversationId, (c) => ({ ...c, draft }));
    },
    send(conversationId) {
      const c = byId.value.get(conversationId);
      if (!c) return { ok: false, reason: 'empty' };
      const outcome = checkSend({ greeted: greeted(c), draft: c.draft });
      if (!outcome.ok) return outcome;
      const message: PendingMessage = { clientId: createId(), text: c.draft.text.trim() };
      stopTyping(conversationId);
      update(conversationId, (current) => ({
        ...current,
        pending: [...current.pending, message],
        draft: { text: '', greeting: false },
      }));
      // Not connected: it stays pending and goes out again after the next welcome.
      link.send({
        type: 'agent.message',
        conversationId,
        clientId: message.clientId,
        content: { kind: 'text', text: message.text },
      });
      return outcome;
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
    transfer(conversationId, toAgentId) {
      stopTyping(conversationId);
      sendOrTell({ type: 'agent.transfer', conversationId, toAgentId });
    },
    verify(conversationId, checks) {
      if (checks.length === 0) return false;
      return sendOrTell({ type: 'agent.verify', conversationId, checks: [...checks] });
    },
    end(conversationId, closingText) {
      const text = closingText.trim();
      if (text === '') return false;
      stopTyping(conversationId);
      return sendOrTell({ type: 'agent.end', conversationId, closing: text });
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
          if (error.code !== 'connection-lost') notice.value = error.message;
        }),
      );
      link.connect();
      status.value = link.status;
      if (clockTimer === undefined) tick();
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
