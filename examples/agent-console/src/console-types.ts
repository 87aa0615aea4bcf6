/**
 * The shapes of the console model (see console-model.ts for how it behaves): what it tells the agent, a
 * conversation as the console holds it, the handoff desk, its options, and the model itself.
 */

import type {
  AccountInfo,
  AgentConversation,
  AgentRole,
  AgentRouting,
  AgentServerFrame,
  AgentStats,
  ArchiveEntry,
  HandoffCase,
  HandoffDraft,
  HandoffTracking,
  InboxEntry,
  QueueEntry,
  ReportLine,
  VerificationCheck,
} from '@clavard/agent-api';
import type { AgentInfo, AttachmentLimits, ConversationEvent, ConversationStatus } from '@clavard/protocol';
import type { ReadonlySignal } from '@preact/signals';
import type { AgentLink, LinkStatus } from './agent-link.js';
import type { PendingMessage } from './console-storage.js';
import type { MessageKey } from './i18n/translator.js';
import type { Phrase } from './phrases.js';
import type { checkSend, Draft } from './send-rules.js';
import type { agentAverages, ConversationTiming } from './timing.js';

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
  /** Who a new handoff may name as its advisor. */
  advisors: readonly AgentInfo[];
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
