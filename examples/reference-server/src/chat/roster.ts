/**
 * Who of the agents is present, here or on another node of the cluster, with the topics they take (as the
 * store has them: another node may have changed them) and their names: what routing, the availability and
 * the transfer targets are computed from.
 */
import type { AgentInfo } from '@clavard/protocol';
import { agentInfo } from '../accounts/accounts.js';
import type { Bus } from '../cluster/bus.js';
import type { Store } from '../db/store.js';
import type { AgentPresence } from './hub-types.js';
import type { RoutedAgent } from './routing.js';

/** The agents present and what each is called, read once for everything one change tells. */
export interface Present {
  routed: RoutedAgent[];
  infos: ReadonlyMap<string, AgentInfo>;
}

/**
 * The roster over this node's presences (`agents`) and the others' (`bus.elsewhere()`).
 *
 * @example
 * ```ts
 * const roster = createRoster({ store, bus, agents, topics: ['Billing'] });
 * const { routed } = await roster.present();
 * ```
 */
export function createRoster(deps: {
  store: Store;
  bus: Bus;
  agents: ReadonlyMap<string, AgentPresence>;
  topics: readonly string[];
}) {
  const { store, bus, agents } = deps;
  /** Agents present on other nodes, as last read from the store (their names do not change while there). */
  const othersInfo = new Map<string, AgentInfo>();
  /** The agents present on this node or another (within their grace period or connected). */
  const presentIds = (): string[] =>
    bus.elsewhere().size === 0 ? [...agents.keys()] : [...new Set([...agents.keys(), ...bus.elsewhere()])];
  /** Stored topics the organisation still has, in its order; none: every topic. */
  const topicsOf = async (agentId: string): Promise<string[]> => {
    const stored = new Set(await store.agentTopics(agentId));
    return deps.topics.filter((topic) => stored.has(topic));
  };
  const infoOf = async (agentId: string): Promise<AgentInfo | undefined> => {
    const known = agents.get(agentId)?.info ?? othersInfo.get(agentId);
    if (known) return known;
    const row = bus.elsewhere().has(agentId) ? await store.agent(agentId) : undefined;
    if (!row) return undefined;
    const info = agentInfo(row);
    othersInfo.set(agentId, info);
    return info;
  };
  const routedAgents = (): Promise<RoutedAgent[]> =>
    Promise.all(presentIds().map(async (id) => ({ id, topics: await topicsOf(id) })));
  return {
    topicsOf,
    routedAgents,
    async present(): Promise<Present> {
      const routed = await routedAgents();
      const infos = new Map<string, AgentInfo>();
      for (const { id } of routed) {
        const info = await infoOf(id);
        if (info) infos.set(id, info);
      }
      return { routed, infos };
    },
    /** The agents connected now (transfer targets), each once: here with a connection, or elsewhere. */
    async signedIn(): Promise<AgentInfo[]> {
      const here = [...agents.values()].filter((p) => p.conns.size > 0).map((p) => p.info);
      const others = await Promise.all([...bus.elsewhere()].filter((id) => !agents.has(id)).map(infoOf));
      return [...here, ...others.filter((info) => info !== undefined)];
    },
  };
}
