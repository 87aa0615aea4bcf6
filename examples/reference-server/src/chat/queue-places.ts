/**
 * The queue as the people in it are told it: each waiting visitor's place and estimated wait, each agent's
 * list of the conversations routed to them. A conversation joining the end of the queue (the common case,
 * every new conversation) is placed without going over the queue again: the work is per distinct route,
 * and only the newcomer and the agents it goes to are told. Anything else that moves places (a
 * conversation taken, ended or requeued, an agent arriving or leaving, topics changed) recomputes the whole
 * queue, and only those whose place or list changed are told.
 */
import type { AgentServerFrame, QueueEntry } from '@clavard/agent-api';
import type { QueueUpdate, ServerFrame } from '@clavard/protocol';
import { givenContact, type QueueRow, type Store } from '../db/store.js';
import { iso } from './iso-time.js';
import { fitting, jsonBytes, QUEUE_BYTES } from './paging.js';
import {
  estimateWaitSeconds,
  heldAdvisor,
  queueRouter,
  type Route,
  type RoutedAgent,
  routeConversation,
  routeQueue,
} from './routing.js';

/** How many recently answered conversations the estimated wait averages. */
const HANDLING_SAMPLE = 20;
const PREVIEW_LENGTH = 140;

/** What the queue needs of the hub. */
export interface QueueDeps {
  store: Store;
  now: () => number;
  /** The wait assumed before any conversation has ended, in s. */
  handlingEstimateSeconds: number;
  /** How long a conversation is held for the advisor its handoff link named (see `heldAdvisor`), in ms. */
  advisorHoldMs: number;
  /** The signed-in agents (and those in their grace period) with the topics they handle. */
  routedAgents(): Promise<RoutedAgent[]>;
  toVisitor(visitorId: string, frame: ServerFrame): void;
  toAgent(agentId: string, frame: AgentServerFrame): void;
}

/**
 * The queue's places and lists, see the module's comment.
 *
 * @example
 * ```ts
 * const places = createQueuePlaces(deps);
 * places.arrived(conversation.id); // after the conversation's row is committed
 * ```
 */
export interface QueuePlaces {
  /** Recomputes every place and each agent's list; tells those that changed. */
  recompute(): Promise<void>;
  /** Forgets the routing kept for arrivals: the next arrival recomputes the queue (agents or topics changed). */
  invalidate(): void;
  /** The conversation has just joined the end of the queue: places it, tells its visitor and its agents. */
  arrived(conversationId: string): Promise<void>;
  /** The `queue.update` of a queued conversation, as its visitor is told it. */
  updateOf(conversationId: string): Promise<QueueUpdate | undefined>;
  /**
   * The agents a queued conversation goes to now, and the advisor it is held for (the rule of the
   * agents' lists, for `agent.take`); undefined when it is not in the queue.
   */
  routeOf(conversationId: string): Promise<{ agentIds: string[]; heldFor: string | null } | undefined>;
  /** An agent's list (what fits in a frame) and how many are routed to them. */
  listOf(agentId: string): Promise<{ queue: QueueEntry[]; total: number }>;
  /** Records the list an agent was sent (at sign-in), so that an unchanged one is not sent again. */
  told(agentId: string, list: { queue: readonly QueueEntry[]; total: number }): void;
}

/** An agent's list as last sent: what fitted, how many are routed, and the bytes it takes. */
interface AgentList {
  kept: QueueEntry[];
  total: number;
  bytes: number;
}

/**
 * The queue's places and lists over the store.
 *
 * @example
 * ```ts
 * const places = createQueuePlaces({ store, now: Date.now, handlingEstimateSeconds: 240, routedAgents, toVisitor, toAgent });
 * places.recompute();
 * ```
 */
export function createQueuePlaces(deps: QueueDeps): QueuePlaces {
  const { store } = deps;
  const toldPositions = new Map<string, string>();
  /** Per agent, the list last sent (without the wait, which counts on by itself). */
  const toldQueues = new Map<string, string>();
  const lists = new Map<string, AgentList>();
  /** The routing of the queue as last recomputed plus the arrivals since; undefined: recompute first. */
  let router: ReturnType<typeof queueRouter> | undefined;
  /** The conversations the router has placed: an arrival already placed by a recomputation is not placed twice. */
  const placed = new Set<string>();

  /** The recent average handling time (read by index), or the assumed one before any ended, in s. */
  const handlingSeconds = async (): Promise<number> => {
    const ms = await store.recentHandlingMs(HANDLING_SAMPLE);
    return ms === undefined ? deps.handlingEstimateSeconds : ms / 1000;
  };
  const queueUpdate = (
    conversationId: string,
    route: Route | undefined,
    index: number,
    handling: number,
  ): QueueUpdate => {
    const position = route?.position ?? index + 1;
    const eta = estimateWaitSeconds(position, route?.agentIds.length ?? 0, handling);
    return {
      type: 'queue.update',
      conversationId,
      position,
      ...(eta === undefined ? {} : { etaSeconds: eta }),
    };
  };
  const queueEntry = (row: QueueRow): QueueEntry => {
    const identity =
      row.identity_user_id === null
        ? undefined
        : {
            userId: row.identity_user_id,
            ...(row.identity_name === null ? {} : { name: row.identity_name }),
            ...(row.identity_email === null ? {} : { email: row.identity_email }),
          };
    const given = givenContact(row.given_name, row.given_email);
    return {
      conversationId: row.id,
      waitingSince: iso(row.created_at),
      waitSeconds: Math.max(0, Math.floor((deps.now() - row.created_at) / 1000)),
      ...(row.topic === null ? {} : { topic: row.topic }),
      ...(row.preview === null ? {} : { preview: row.preview.slice(0, PREVIEW_LENGTH) }),
      ...(row.contact_email === null ? {} : { contactEmail: row.contact_email }),
      ...(identity ? { visitor: identity } : {}),
      ...(given ? { given } : {}),
    };
  };
  const signature = (total: number, queue: readonly QueueEntry[]) =>
    `${total}:${JSON.stringify(queue.map(({ waitSeconds: _wait, ...entry }) => entry))}`;
  /** Tells the visitor their place when it (or the wait in whole minutes, as the widget shows it) changed. */
  const tellVisitor = (visitorId: string, update: QueueUpdate): void => {
    const told = `${update.position}:${update.etaSeconds === undefined ? '' : Math.ceil(update.etaSeconds / 60)}`;
    if (toldPositions.get(update.conversationId) === told) return;
    toldPositions.set(update.conversationId, told);
    deps.toVisitor(visitorId, update);
  };
  const tellAgent = (agentId: string, list: AgentList): void => {
    const now = deps.now();
    const queue = list.kept.map((entry) => ({
      ...entry,
      waitSeconds: Math.max(0, Math.floor((now - Date.parse(entry.waitingSince)) / 1000)),
    }));
    const told = signature(list.total, queue);
    if (toldQueues.get(agentId) === told) return;
    toldQueues.set(agentId, told);
    deps.toAgent(agentId, { type: 'agent.queue', queue, total: list.total });
  };
  const listFrom = (routed: readonly QueueEntry[]): AgentList => {
    const { kept } = fitting(routed, QUEUE_BYTES);
    const bytes = kept.reduce((sum, entry) => sum + jsonBytes(entry) + 1, 0);
    return { kept, total: routed.length, bytes };
  };

  /**
   * One recomputation or arrival at a time, in order: each reads the queue and then tells what it found,
   * and a later one must not be told before an earlier one.
   */
  let line: Promise<void> = Promise.resolve();
  const inLine = (work: () => Promise<void>): Promise<void> => {
    const next = line.then(work);
    line = next.catch(() => {});
    return next;
  };

  /** The advisor `row` is held for at `now`, if any (see `heldAdvisor`). */
  const heldFor = (row: QueueRow, now = deps.now()) => heldAdvisor(row, now, deps.advisorHoldMs);
  /** The rows as routing takes them at this moment: each with the advisor it is held for, if any. */
  const routable = (rows: readonly QueueRow[]) =>
    rows.map((row) => ({ topic: row.topic, advisorId: heldFor(row) }));

  /**
   * When the first hold of `rows` ends, the queue is routed again: the conversation goes by topic then.
   * `added`: rows joining those already watched (an arrival), not replacing them (a recomputation).
   */
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  let holdEnds = Number.POSITIVE_INFINITY;
  const releaseHolds = (rows: readonly QueueRow[], added = false) => {
    const now = deps.now();
    const ends = rows
      .filter((row) => heldFor(row, now) !== null)
      .map((row) => (row.advisor_since ?? now) + deps.advisorHoldMs);
    const first = Math.min(...ends, added ? holdEnds : Number.POSITIVE_INFINITY);
    if (first === holdEnds && holdTimer !== undefined) return;
    clearTimeout(holdTimer);
    holdTimer = undefined;
    holdEnds = first;
    if (first === Number.POSITIVE_INFINITY) return;
    holdTimer = setTimeout(
      () => {
        holdTimer = undefined;
        holdEnds = Number.POSITIVE_INFINITY;
        router = undefined;
        // A failure here is mended by the queue's next change, which recomputes it all.
        inLine(recompute).catch(() => {});
      },
      Math.max(0, first - now) + 1,
    );
    holdTimer.unref?.();
  };

  const recompute = async (): Promise<void> => {
    const [rows, agents, handling] = await Promise.all([
      store.queued(),
      deps.routedAgents(),
      handlingSeconds(),
    ]);
    // Everything read before anyone is told: the visitors and the agents hear of one state, together.
    const entries = agents.length === 0 ? [] : rows.map(queueEntry);
    const next = queueRouter(agents);
    router = next;
    placed.clear();
    const routes = rows.map((row) => {
      placed.add(row.id);
      return next.next(row.topic, heldFor(row));
    });
    releaseHolds(rows);
    const waiting = new Set<string>();
    rows.forEach((row, index) => {
      waiting.add(row.id);
      tellVisitor(row.visitor_id, queueUpdate(row.id, routes[index], index, handling));
    });
    for (const id of toldPositions.keys()) if (!waiting.has(id)) toldPositions.delete(id);
    lists.clear();
    for (const { id } of agents) {
      const list = listFrom(entries.filter((_, index) => routes[index]?.agentIds.includes(id)));
      lists.set(id, list);
      tellAgent(id, list);
    }
    for (const agentId of toldQueues.keys()) if (!lists.has(agentId)) toldQueues.delete(agentId);
  };

  const arrived = async (conversationId: string): Promise<void> => {
    if (!router) return recompute();
    if (placed.has(conversationId)) return;
    const [row, handling] = await Promise.all([store.queuedOne(conversationId), handlingSeconds()]);
    if (!row) return;
    const entry = queueEntry(row);
    if (!router) return recompute(); // invalidated meanwhile (an agent came or went)
    placed.add(row.id);
    const route = router.next(row.topic, heldFor(row));
    releaseHolds([row], true);
    tellVisitor(row.visitor_id, queueUpdate(row.id, route, route.position - 1, handling));
    if (route.agentIds.length === 0) return;
    const size = jsonBytes(entry) + 1;
    for (const agentId of route.agentIds) {
      const list = lists.get(agentId);
      if (!list) return recompute();
      // Appended while the whole list fits; past that only the count grows, as a recomputation would.
      if (list.kept.length === list.total && (list.bytes + size <= QUEUE_BYTES || list.kept.length === 0)) {
        list.kept.push(entry);
        list.bytes += size;
      }
      list.total += 1;
      tellAgent(agentId, list);
    }
  };

  const places: QueuePlaces = {
    recompute: () => inLine(recompute),
    invalidate() {
      router = undefined;
    },
    arrived: (conversationId) => inLine(() => arrived(conversationId)),
    async updateOf(conversationId) {
      const [rows, agents, handling] = await Promise.all([
        store.queued(),
        deps.routedAgents(),
        handlingSeconds(),
      ]);
      const index = rows.findIndex((row) => row.id === conversationId);
      if (index < 0) return undefined;
      return queueUpdate(conversationId, routeQueue(routable(rows), agents)[index], index, handling);
    },
    async routeOf(conversationId) {
      const [row, agents] = await Promise.all([store.queuedOne(conversationId), deps.routedAgents()]);
      if (!row) return undefined;
      const held = heldFor(row);
      return { agentIds: routeConversation(row.topic, agents, held), heldFor: held };
    },
    async listOf(agentId) {
      const [rows, agents] = await Promise.all([store.queued(), deps.routedAgents()]);
      const routes = routeQueue(routable(rows), agents);
      const mine = rows.filter((_, index) => routes[index]?.agentIds.includes(agentId));
      const { kept } = fitting(mine.map(queueEntry), QUEUE_BYTES);
      return { queue: kept, total: mine.length };
    },
    told(agentId, { queue, total }) {
      toldQueues.set(agentId, signature(total, queue));
    },
  };
  return places;
}
