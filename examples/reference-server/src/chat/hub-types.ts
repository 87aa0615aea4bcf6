/**
 * What the hub is: the sessions of visitor and agent connections, the options the server gives it, and
 * the {@link Hub} every handler uses (made by hub.ts).
 */
import type {
  AgentConversation,
  AgentRole,
  AgentRouting,
  AgentServerFrame,
  QueueEntry,
} from '@clavard/agent-api';
import type {
  AgentInfo,
  Availability,
  ChatError,
  ConversationEvent,
  FormField,
  FormKind,
  QueueUpdate,
  ServerFrame,
} from '@clavard/protocol';
import type { Bus, BusMessage } from '../cluster/bus.js';
import type { AgentRow, ConversationRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import type { AttachmentOptions } from '../files/attachments.js';
import type { HandoffMaker } from '../handoffs/handoff-maker.js';
import type { IdentityVerifier } from '../identity.js';
import type { Mailer } from '../mail/mailer.js';
import type { Schedule } from '../schedule.js';
import type { Conn } from './connection.js';
import type { GroupCommit } from './group-commit.js';
import type { HandoffOpening } from './handoff-open.js';
import type { HouseRules } from './house-rules.js';
/** A visitor connection's session, once its hello is accepted. */
export interface VisitorSession {
  visitorId: string;
  /** `attributes.topic` of the hello, given to the conversation the visitor starts. */
  topic: string | undefined;
}

/** An agent connection's session, once its hello is accepted. */
export interface AgentSession {
  agent: AgentInfo;
  role: AgentRole;
  /** The SHA-256 of the sign-in token this connection said hello with (sign-out ends it). */
  tokenHash: string;
}

/**
 * An agent the hub counts as present: connected, or gone for less than the grace period (a reload, a
 * dropped network), during which their conversations wait for them.
 */
export interface AgentPresence {
  info: AgentInfo;
  conns: Set<AgentConn>;
  /** Set while no connection is open: when it fires, their conversations go back to the queue. */
  away?: ReturnType<typeof setTimeout>;
}

/** A visitor connection. */
export type VisitorConn = Conn<VisitorSession, ServerFrame>;

/** An agent connection. */
export type AgentConn = Conn<AgentSession, AgentServerFrame>;

/** Options of {@link createHub}, defaults filled in by the server. */
export interface HubOptions {
  store: Store;
  heartbeatMs: number;
  helloTimeoutMs: number;
  historyPageSize: number;
  /** How long an agent without a connection keeps their conversations, in ms. */
  agentGraceMs: number;
  /** The organisation's rules and phrases. */
  rules: HouseRules;
  /** Sends answers to left messages by email; none: answers are only in the conversation. */
  mailer: Mailer | undefined;
  /** The organisation's name, in emails. */
  brand: string;
  /** The organisation's time zone (days of the team report). */
  timeZone: string;
  /** Decides a verification form (the values are not kept). */
  verifyForm: (submission: { formId: string; values: Readonly<Record<string, string>> }) => boolean;
  /** The handling time assumed for the queue's estimated wait until conversations have ended, in s. */
  handlingEstimateSeconds: number;
  /** Ask for an email when a visitor starts a conversation while nobody is available. */
  leaveMessage: boolean;
  /** Verifies identity tokens; without it nobody is identified. */
  identity: IdentityVerifier | undefined;
  /** Topics of the pre-chat form (none: no pre-chat form). */
  topics: readonly string[];
  /** The topics' labels in French, in the order of `topics`. @default the topics as they are */
  topicLabels?: { readonly fr?: readonly string[] };
  /** Ask the pre-chat form in the welcome, before the visitor writes. */
  prechatFirst: boolean;
  /** Business hours: outside them nobody is available, whoever is signed in. */
  schedule: Schedule | undefined;
  /** Files in messages: their limits and storage; none: the server takes no attachments. */
  attachments?: AttachmentOptions;
  /** Handoff links: how they are checked and their conversations started; none: every link is `invalid`. */
  handoffs?: HandoffOpening;
  /** Makes handoff links for the console's community managers; none: the console cannot make any. */
  handoffMaker?: HandoffMaker;
  /** What crosses to the other nodes of a cluster. @default a bus for a server that runs alone */
  bus?: Bus;
  report: (error: ChatError) => void;
  now: () => number;
}

/**
 * The live state shared by visitor and agent connections: who is connected, and how an event reaches
 * everyone who must see it. The database holds everything else.
 */
export interface Hub {
  readonly options: HubOptions;
  readonly store: Store;
  readonly visitors: Map<string, Set<VisitorConn>>;
  /** Present agents: connected, or within their grace period. */
  readonly agents: Map<string, AgentPresence>;
  toVisitor(visitorId: string, frame: ServerFrame): void;
  toAgent(agentId: string, frame: AgentServerFrame): void;
  /** Whether the agent is present through another node of the cluster. */
  presentElsewhere(agentId: string): boolean;
  /** To every agent connected to this node. */
  toAgents(frame: AgentServerFrame): void;
  /** Tell the other nodes of a cluster (after what it is about is durable); nothing for a server alone. */
  tellOthers(message: BusMessage): void;
  /** A new event of `conversation`: to the visitor's connections and to the agent in charge. */
  publish(conversation: ConversationRow, event: ConversationEvent): void;
  /** Store a form request in the conversation (a new form id unless given) and publish it. */
  askForm(
    conversation: ConversationRow,
    form: { formId?: string; kind: FormKind; title?: string; reason?: string; fields: FormField[] },
  ): Promise<void>;
  /** The locale the visitor's first hello named, for the texts the server writes itself. */
  visitorLocale(visitorId: string): Promise<string | null>;
  /** Tell waiting visitors their new place and each agent their new queue, when it changed. */
  queueChanged(): Promise<void>;
  /**
   * A new conversation joined the end of the queue: its visitor is told their place and the agents it is
   * routed to their list, without recomputing everyone's.
   */
  queueArrived(conversationId: string): Promise<void>;
  /** Runs `work` without anyone waiting for it (a timer's, another node's): a failure is reported. */
  inBackground(work: Promise<void>): void;
  /** Visitors' messages written in groups, one transaction per turn of the event loop. */
  readonly commits: GroupCommit;
  /** Send an agent their measures again (a conversation of theirs ended, or was rated). */
  statsChanged(agentId: string): Promise<void>;
  /**
   * Tell visitors the availability if it changed for them (an agent came or left, the schedule opened or
   * closed): whether agents are online and which of them take the visitor's topic.
   */
  availabilityChanged(): Promise<void>;
  /** The availability a visitor connection is told now (in its welcome), remembered as told. */
  availabilityOf(conn: VisitorConn): Promise<Availability>;
  /**
   * An agent connected or left: tell agents the list, visitors the availability when it changed, and
   * route the queue again.
   */
  agentsChanged(): Promise<void>;
  /** The organisation's topics and the agent's own (stored ones the organisation no longer has are left out). */
  routing(agentId: string): Promise<AgentRouting>;
  /** Store the agent's topics, tell their connections (`agent.routing`) and route the queue again. */
  setAgentTopics(agentId: string, topics: readonly string[]): Promise<void>;
  /** The signed-in agents a conversation of `topic` goes to (its advisor alone while signed in, if named). */
  routeOf(topic: string | null, advisorId?: string | null): Promise<string[]>;
  /** The `queue.update` of a queued conversation, as its visitor is told it (place and estimated wait). */
  queueUpdateOf(conversationId: string): Promise<QueueUpdate | undefined>;
  /** The agents a queued conversation goes to now, and the advisor it is held for; undefined out of the queue. */
  queuedRouteOf(conversationId: string): Promise<{ agentIds: string[]; heldFor: string | null } | undefined>;
  availability(): Availability;
  agentInfo(row: AgentRow): AgentInfo;
  /** A conversation with its newest events, as an agent sees it. */
  agentView(conversation: ConversationRow): Promise<AgentConversation>;
  /** The agents connected now (transfer targets), each once. */
  signedInAgents(): Promise<AgentInfo[]>;
  /** The queued conversations routed to the agent, oldest first, as many as fit a frame, and how many in all. */
  queue(agentId: string): Promise<{ queue: QueueEntry[]; total: number }>;
  /** Remember the queue an agent was just sent in full (their welcome), so it is not sent again unchanged. */
  queueTold(agentId: string, told: { queue: readonly QueueEntry[]; total: number }): void;
}
