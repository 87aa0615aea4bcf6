import { randomUUID } from 'node:crypto';
import type { AgentConversation, AgentRouting, AgentServerFrame, QueueEntry } from '@clavard/agent-api';
import {
  type AgentInfo,
  type Availability,
  ChatError,
  type ConversationEvent,
  type FormField,
  type FormKind,
  type QueueUpdate,
  type ServerFrame,
} from '@clavard/protocol';
import { agentInfo } from '../accounts/accounts.js';
import { type Bus, type BusMessage, createLocalBus } from '../cluster/bus.js';
import type { AgentRow, ConversationRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import type { IdentityVerifier } from '../identity.js';
import type { Mailer } from '../mail/mailer.js';
import { isOpen, nextOpening, type Schedule } from '../schedule.js';
import { agentView } from './agent-view.js';
import { catchUp } from './catch-up.js';
import type { Conn } from './connection.js';
import { withFaces } from './faces.js';
import { withSensitivity } from './forms.js';
import { agentEvent } from './frame-text.js';
import { createGroupCommit, type GroupCommit, onceAfterCommit } from './group-commit.js';
import type { HouseRules } from './house-rules.js';
import { tellInbox } from './inbox.js';
import { iso } from './iso-time.js';
import { agentVanished } from './presence.js';
import { createQueuePlaces } from './queue-places.js';
import { type RoutedAgent, routeConversation } from './routing.js';

/** A visitor connection's session, once its hello is accepted. */
export interface VisitorSession {
  visitorId: string;
  /** `attributes.topic` of the hello, given to the conversation the visitor starts. */
  topic: string | undefined;
}

/** An agent connection's session, once its hello is accepted. */
export interface AgentSession {
  agent: AgentInfo;
  role: 'agent' | 'admin';
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
  /** The signed-in agents a conversation of `topic` goes to. */
  routeOf(topic: string | null): Promise<string[]>;
  /** The `queue.update` of a queued conversation, as its visitor is told it (place and estimated wait). */
  queueUpdateOf(conversationId: string): Promise<QueueUpdate | undefined>;
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

/**
 * Makes the {@link Hub}.
 *
 * @example
 * ```ts
 * const hub = createHub({ store, heartbeatMs: 25_000, helloTimeoutMs: 10_000, historyPageSize: 100, … });
 * ```
 */
export function createHub(options: HubOptions): Hub {
  const { store } = options;
  const visitors = new Map<string, Set<VisitorConn>>();
  const agents = new Map<string, AgentPresence>();
  /** Per visitor connection, the availability last told (as JSON). */
  const told = new WeakMap<VisitorConn, string>();
  /** The next opening of the schedule, cached until it passes. */
  let nextOpenAt: number | undefined;
  /** Stored topics the organisation still has, in its order; none: every topic. */
  const topicsOf = async (agentId: string): Promise<string[]> => {
    const stored = new Set(await store.agentTopics(agentId));
    return options.topics.filter((topic) => stored.has(topic));
  };
  const bus = options.bus ?? createLocalBus();
  /** The agents present on this node or another (within their grace period or connected). */
  const present = (): string[] =>
    bus.elsewhere().size === 0 ? [...agents.keys()] : [...new Set([...agents.keys(), ...bus.elsewhere()])];
  /** Agents present on other nodes, as last read from the store (their names do not change while there). */
  const othersInfo = new Map<string, AgentInfo>();
  const infoOf = async (agentId: string): Promise<AgentInfo | undefined> => {
    const here = agents.get(agentId)?.info ?? othersInfo.get(agentId);
    if (here) return here;
    const row = bus.elsewhere().has(agentId) ? await store.agent(agentId) : undefined;
    if (!row) return undefined;
    const info = agentInfo(row);
    othersInfo.set(agentId, info);
    return info;
  };
  /** Present agents with their topics, as the store has them (another node may have changed them). */
  const routedAgents = (): Promise<RoutedAgent[]> =>
    Promise.all(present().map(async (id) => ({ id, topics: await topicsOf(id) })));
  /** Who is present and what each is called, read once for everything that one change tells. */
  const roster = async () => {
    const routed = await routedAgents();
    const infos = new Map<string, AgentInfo>();
    for (const { id } of routed) {
      const info = await infoOf(id);
      if (info) infos.set(id, info);
    }
    return { routed, infos };
  };
  /** To this node's connections only. */
  const here = {
    toVisitor(visitorId: string, frame: ServerFrame) {
      for (const conn of visitors.get(visitorId) ?? []) conn.send(frame);
    },
    toAgent(agentId: string, frame: AgentServerFrame) {
      for (const conn of agents.get(agentId)?.conns ?? []) conn.send(frame);
    },
  };
  // Each node tells its own connections their places and lists (see onBus).
  const places = createQueuePlaces({
    store,
    now: options.now,
    handlingEstimateSeconds: options.handlingEstimateSeconds,
    routedAgents,
    toVisitor: here.toVisitor,
    toAgent: here.toAgent,
  });
  /** Tells the other nodes, after what it is about is durable (and in order with this node's frames). */
  const tellOthers = (message: BusMessage): void => {
    if (!bus.alone) hub.commits.whenCommitted(() => bus.publish(message));
  };
  const hub: Hub = {
    options,
    store,
    visitors,
    agents,
    toVisitor(visitorId, frame) {
      here.toVisitor(visitorId, frame);
      tellOthers({ kind: 'visitor', visitorId, frame });
    },
    toAgent(agentId, frame) {
      here.toAgent(agentId, frame);
      tellOthers({ kind: 'agent', agentId, frame });
    },
    tellOthers,
    presentElsewhere: (agentId) => bus.elsewhere().has(agentId),
    toAgents(frame) {
      for (const { conns } of agents.values()) for (const conn of conns) conn.send(frame);
    },
    async askForm(conversation, { formId, ...form }) {
      const event = await store.requestForm(conversation.id, {
        type: 'form.request',
        formId: formId ?? randomUUID(),
        ...form,
        fields: withSensitivity(form.kind, form.fields),
      });
      hub.publish(conversation, event);
    },
    visitorLocale: async (visitorId) => (await store.visitor(visitorId))?.locale ?? null,
    publish(conversation, event) {
      hub.toVisitor(conversation.visitor_id, event);
      if (conversation.agent_id !== null) hub.toAgent(conversation.agent_id, agentEvent(event));
    },
    queue: (agentId) => places.listOf(agentId),
    queueTold: (agentId, list) => places.told(agentId, list),
    commits: createGroupCommit({
      ...store.groups,
      report: (error) =>
        options.report(
          ChatError.isInstance(error)
            ? error
            : new ChatError('server-error', 'a group of writes failed', { cause: error }),
        ),
    }),
    async queueChanged() {
      // Once per group of messages, after its commit: not once per change.
      places.invalidate();
      if (!bus.alone) await onceAfterCommit('queue:others', () => bus.publish({ kind: 'queue' }));
      await onceAfterCommit('queue', places.recompute);
    },
    async queueArrived(conversationId) {
      // After the commit that wrote its row; a recomputation in the same group places it too (at most once).
      if (!bus.alone) await onceAfterCommit('queue:others', () => bus.publish({ kind: 'queue' }));
      await onceAfterCommit(`queue:${conversationId}`, () => places.arrived(conversationId));
    },
    routing: async (agentId) => ({ topics: [...options.topics], mine: await topicsOf(agentId) }),
    async setAgentTopics(agentId, topics) {
      await store.setAgentTopics(agentId, topics);
      hub.toAgent(agentId, { type: 'agent.routing', ...(await hub.routing(agentId)) });
      await hub.queueChanged();
    },
    routeOf: async (topic) => routeConversation(topic, await routedAgents()),
    queueUpdateOf: (conversationId) => places.updateOf(conversationId),
    async agentsChanged() {
      bus.presenceChanged();
      await agentsChangedHere();
    },
    async statsChanged(agentId) {
      hub.toAgent(agentId, { type: 'agent.stats', stats: await store.agentStats(agentId) });
    },
    async availabilityChanged() {
      const roll = await roster();
      for (const conns of visitors.values()) {
        for (const conn of conns) {
          const before = told.get(conn);
          const now = availabilityFor(conn, roll);
          if (before !== told.get(conn)) conn.send({ type: 'availability', ...now });
        }
      }
    },
    availabilityOf: async (conn) => availabilityFor(conn, await roster()),
    availability() {
      const { schedule } = options;
      const at = options.now();
      const open = schedule === undefined || isOpen(schedule, at);
      if (open) return { online: agents.size > 0 || bus.elsewhere().size > 0 };
      if (nextOpenAt === undefined || nextOpenAt <= at) nextOpenAt = nextOpening(schedule, at);
      return { online: false, ...(nextOpenAt === undefined ? {} : { nextOpenAt: iso(nextOpenAt) }) };
    },
    agentInfo,
    inBackground(work) {
      work.catch((error: unknown) =>
        options.report(
          ChatError.isInstance(error)
            ? error
            : new ChatError('server-error', 'work in the background failed', { cause: error }),
        ),
      );
    },
    agentView: (conversation) => agentView(store, conversation, hub.visitorLocale),
    async signedInAgents() {
      const signedIn = [...agents.values()].filter((p) => p.conns.size > 0).map((p) => p.info);
      const others = await Promise.all([...bus.elsewhere()].filter((id) => !agents.has(id)).map(infoOf));
      return [...signedIn, ...others.filter((info) => info !== undefined)];
    },
  };
  /** The availability told to `conn`, with the faces of the agents its topic goes to; remembered as told. */
  const availabilityFor = (conn: VisitorConn, present: Awaited<ReturnType<typeof roster>>): Availability => {
    // A topic not known yet (asked later, by the pre-chat form): the faces of every agent online.
    const topic = conn.session?.topic ?? null;
    const routed = routeConversation(topic, present.routed);
    const now = withFaces(hub.availability(), routed, (id) => present.infos.get(id));
    told.set(conn, JSON.stringify(now));
    return now;
  };
  /** Agents came or went, here or on another node: this node's connections are told. */
  const agentsChangedHere = async (): Promise<void> => {
    hub.toAgents({ type: 'agent.agents', agents: await hub.signedInAgents() });
    await hub.availabilityChanged();
    places.invalidate();
    await onceAfterCommit('queue', places.recompute);
  };
  let seenElsewhere = new Set(bus.elsewhere());
  bus.onMessage((message) => {
    if (message.kind === 'visitor') here.toVisitor(message.visitorId, message.frame);
    else if (message.kind === 'agent') here.toAgent(message.agentId, message.frame);
    else if (message.kind === 'presence') {
      // Only a read of the presence shows who is gone: cut off from it, this node knows nothing.
      if (!message.unsure) {
        const now = bus.elsewhere();
        for (const agentId of seenElsewhere) if (!now.has(agentId)) agentVanished(hub, agentId);
        seenElsewhere = new Set(now);
      }
      hub.inBackground(agentsChangedHere());
    } else if (message.kind === 'inbox') hub.inBackground(tellInbox(hub));
    else if (message.kind === 'missed') hub.inBackground(catchUp(hub));
    else {
      places.invalidate();
      hub.inBackground(places.recompute());
    }
  });
  return hub;
}
