/**
 * Skills-based routing, as pure functions: which signed-in agents a queued conversation goes to, and the
 * place its visitor is told. The hub feeds them the queue and the signed-in agents with their topics.
 */

/**
 * A signed-in agent as routing sees it: who, and the topics they handle (none: every topic).
 *
 * @example
 * ```ts
 * const julie: RoutedAgent = { id: 'a-julie', topics: ['Billing'] };
 * ```
 */
export interface RoutedAgent {
  id: string;
  topics: readonly string[];
}

/**
 * A queued conversation's route: the agents it goes to, and the visitor's place in line.
 *
 * @example
 * ```ts
 * const route: Route = { agentIds: ['a-julie'], position: 2 };
 * ```
 */
export interface Route {
  agentIds: readonly string[];
  /** 1 + the earlier queued conversations that share at least one of these agents. */
  position: number;
}

/**
 * Whether an agent with `agentTopics` handles a conversation of `topic`: a generalist (no topics) handles
 * every one, a specialist those of their topics.
 *
 * @example
 * ```ts
 * handlesTopic([], 'Billing'); // true
 * handlesTopic(['Technical support'], 'Billing'); // false
 * ```
 */
export function handlesTopic(agentTopics: readonly string[], topic: string): boolean {
  return agentTopics.length === 0 || agentTopics.includes(topic);
}

/**
 * The ids of the signed-in agents a conversation of `topic` goes to: those who handle it; when none does
 * (nobody signed in with it, only specialists of other topics), every signed-in agent, so that nobody
 * waits for an absent specialist. A conversation without a topic goes to every signed-in agent. One whose
 * handoff link named an advisor goes to that advisor alone while they are signed in (the greeting told
 * the customer they would continue), and by its topic otherwise.
 *
 * @example
 * ```ts
 * routeConversation('Billing', [{ id: 'julie', topics: ['Billing'] }, { id: 'marc', topics: ['Technical support'] }]); // ['julie']
 * routeConversation('Billing', [{ id: 'marc', topics: ['Technical support'] }]); // ['marc'] (overflow)
 * routeConversation('Billing', [{ id: 'julie', topics: [] }, { id: 'marc', topics: [] }], 'marc'); // ['marc']
 * ```
 */
export function routeConversation(
  topic: string | null | undefined,
  agents: readonly RoutedAgent[],
  advisorId?: string | null,
): string[] {
  if (advisorId && agents.some((agent) => agent.id === advisorId)) return [advisorId];
  const everyone = agents.map((agent) => agent.id);
  if (topic === null || topic === undefined) return everyone;
  const handlers = agents.filter((agent) => handlesTopic(agent.topics, topic)).map((agent) => agent.id);
  return handlers.length > 0 ? handlers : everyone;
}

/**
 * How long a conversation is held for the advisor its handoff link named, from the link's opening, unless
 * the server says otherwise (`handoffs.advisorHoldMs`): 3 minutes. Past that, an advisor busy elsewhere
 * does not keep the customer waiting: it goes by topic.
 *
 * @example
 * ```ts
 * heldAdvisor({ advisor_id: 'a-julie', advisor_since: openedAt }, openedAt + ADVISOR_HOLD_MS, ADVISOR_HOLD_MS); // null
 * ```
 */
export const ADVISOR_HOLD_MS = 3 * 60_000;

/**
 * The advisor a queued conversation is held for at `now`, for `holdMs` from the link's opening (see
 * {@link ADVISOR_HOLD_MS}), or null.
 *
 * @example
 * ```ts
 * routeConversation(row.topic, agents, heldAdvisor(row, Date.now(), ADVISOR_HOLD_MS));
 * ```
 */
export function heldAdvisor(
  row: { advisor_id: string | null; advisor_since: number | null },
  now: number,
  holdMs: number,
): string | null {
  return row.advisor_id !== null && row.advisor_since !== null && now < row.advisor_since + holdMs
    ? row.advisor_id
    : null;
}

/**
 * Routes a queue, oldest first: each conversation's agents (see {@link routeConversation}) and its
 * visitor's position, 1 + the earlier conversations that share at least one of those agents (the ones
 * the same agents would take first). With nobody signed in, every conversation waits for whoever signs
 * in next: the position is the place in the whole queue.
 *
 * @example
 * ```ts
 * routeQueue([{ topic: 'Billing' }, { topic: 'Technical support' }], [
 *   { id: 'julie', topics: ['Billing'] },
 *   { id: 'marc', topics: ['Technical support'] },
 * ]).map((route) => route.position); // [1, 1]
 * ```
 */
export function routeQueue(
  queue: readonly { topic: string | null | undefined; advisorId?: string | null }[],
  agents: readonly RoutedAgent[],
): Route[] {
  const router = queueRouter(agents);
  return queue.map(({ topic, advisorId }) => router.next(topic, advisorId));
}

/**
 * Routes a queue one conversation at a time, oldest first, as {@link routeQueue} does: `next(topic,
 * advisorId)` is the route of the conversation after all those routed so far, so a newcomer at the end of the queue is
 * routed without going over the queue again. The work is per distinct route (about one per topic), not
 * per queued conversation.
 *
 * @example
 * ```ts
 * const router = queueRouter([{ id: 'julie', topics: [] }]);
 * router.next('Billing').position; // 1
 * router.next(null).position; // 2
 * ```
 */
export function queueRouter(agents: readonly RoutedAgent[]): {
  next(topic: string | null | undefined, advisorId?: string | null): Route;
} {
  let routed = 0;
  // Few distinct routes (about one per topic): count the earlier conversations per route, not per pair.
  const earlier = new Map<string, { agentIds: ReadonlySet<string>; count: number }>();
  return {
    next(topic, advisorId) {
      routed += 1;
      if (agents.length === 0) return { agentIds: [], position: routed };
      const agentIds = routeConversation(topic, agents, advisorId);
      let ahead = 0;
      for (const group of earlier.values()) {
        if (agentIds.some((id) => group.agentIds.has(id))) ahead += group.count;
      }
      const key = JSON.stringify(agentIds);
      const group = earlier.get(key) ?? { agentIds: new Set(agentIds), count: 0 };
      group.count += 1;
      earlier.set(key, group);
      return { agentIds, position: ahead + 1 };
    },
  };
}

/**
 * The wait a visitor in `position` can expect, in seconds: the conversations up to theirs, each taking
 * `handlingSeconds` (the recent average handling time), shared by the `agents` they are routed to.
 * Undefined when nobody is signed in (nobody can say when someone will).
 *
 * @example
 * ```ts
 * estimateWaitSeconds(3, 2, 240); // 360: three conversations of 4 minutes, two agents
 * ```
 */
export function estimateWaitSeconds(
  position: number,
  agents: number,
  handlingSeconds: number,
): number | undefined {
  if (agents === 0) return undefined;
  return Math.round((position * handlingSeconds) / agents);
}
