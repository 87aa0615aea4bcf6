import { randomUUID } from 'node:crypto';
import type { AgentServerFrame } from '@clavard/agent-api';
import { type Availability, ChatError, type ServerFrame } from '@clavard/protocol';
import { agentInfo } from '../accounts/accounts.js';
import { type BusMessage, createLocalBus } from '../cluster/bus.js';
import { isOpen, nextOpening } from '../schedule.js';
import { agentView } from './agent-view.js';
import { catchUp } from './catch-up.js';
import { withFaces } from './faces.js';
import { withSensitivity } from './forms.js';
import { agentEvent } from './frame-text.js';
import { createGroupCommit, onceAfterCommit } from './group-commit.js';
import type { AgentPresence, Hub, HubOptions, VisitorConn } from './hub-types.js';
import { tellInbox } from './inbox.js';
import { iso } from './iso-time.js';
import { agentVanished } from './presence.js';
import { createQueuePlaces } from './queue-places.js';
import { createRoster, type Present } from './roster.js';
import { routeConversation } from './routing.js';

export type * from './hub-types.js';

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
  const bus = options.bus ?? createLocalBus();
  const roster = createRoster({ store, bus, agents, topics: options.topics });
  const { topicsOf, routedAgents } = roster;
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
    // Without handoffs, no conversation has an advisor to hold it for.
    advisorHoldMs: options.handoffs?.advisorHoldMs ?? 0,
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
    routeOf: async (topic, advisorId) => routeConversation(topic, await routedAgents(), advisorId),
    queueUpdateOf: (conversationId) => places.updateOf(conversationId),
    queuedRouteOf: (conversationId) => places.routeOf(conversationId),
    async agentsChanged() {
      bus.presenceChanged();
      await agentsChangedHere();
    },
    async statsChanged(agentId) {
      hub.toAgent(agentId, { type: 'agent.stats', stats: await store.agentStats(agentId) });
    },
    async availabilityChanged() {
      const roll = await roster.present();
      for (const conns of visitors.values()) {
        for (const conn of conns) {
          const before = told.get(conn);
          const now = availabilityFor(conn, roll);
          if (before !== told.get(conn)) conn.send({ type: 'availability', ...now });
        }
      }
    },
    availabilityOf: async (conn) => availabilityFor(conn, await roster.present()),
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
    agentView: (conversation) =>
      agentView(store, conversation, hub.visitorLocale, options.handoffs?.publicReply),
    signedInAgents: () => roster.signedIn(),
  };
  /** The availability told to `conn`, with the faces of the agents its topic goes to; remembered as told. */
  const availabilityFor = (conn: VisitorConn, present: Present): Availability => {
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
