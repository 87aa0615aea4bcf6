import type { AgentServerFrame } from '@clavard/agent-api';
import type { ServerFrame } from '@clavard/protocol';

/**
 * What one node of the server tells the others. A frame goes to the connections another node holds (of a
 * visitor, or of an agent); `queue` says the queue changed (each node tells its own connections their
 * places and lists); `presence` says agents came or went somewhere (each node tells its own connections
 * the agents and the availability); `inbox` that the left messages changed.
 */
export type BusMessage =
  | { kind: 'visitor'; visitorId: string; frame: ServerFrame }
  | { kind: 'agent'; agentId: string; frame: AgentServerFrame }
  | { kind: 'queue' }
  | { kind: 'inbox' }
  /** Told by the bus itself: it was cut off from the others, and what they sent meanwhile is lost. */
  | { kind: 'missed' }
  /**
   * Who is present elsewhere changed. `unsure`: this node's view may lack agents who are there (it cannot
   * reach Redis, or Redis came back empty and not every node has renewed yet): nobody is known to be gone.
   */
  | { kind: 'presence'; unsure?: true };

/**
 * What crosses nodes. In one process there is nothing to cross ({@link createLocalBus}); with
 * `CLAVARD_REDIS_URL`, Redis carries it (redis-bus.ts). A message may be lost (a node away from Redis for
 * a moment): what is in the database is not, and clients catch up by `seq` when they resume.
 *
 * @example
 * ```ts
 * bus.onMessage((message) => deliverHere(message));
 * bus.publish({ kind: 'queue' });
 * ```
 */
export interface Bus {
  /** True for a server that runs alone: there is nobody to tell. */
  readonly alone: boolean;
  /** Tell the other nodes (this node delivers to its own connections itself). */
  publish(message: BusMessage): void;
  /** What the other nodes publish, and `presence` when the agents present elsewhere changed. */
  onMessage(handler: (message: BusMessage) => void): void;
  /** The agents present on other nodes, as last read (kept fresh by the bus). */
  elsewhere(): ReadonlySet<string>;
  /** This node's present agents changed: the bus records them and tells the others. */
  presenceChanged(): void;
  /** Leaves the cluster: this node's agents are no longer present through it. */
  close(): Promise<void>;
}

/**
 * The bus of a server that runs alone: nothing to tell, nobody elsewhere.
 *
 * @example
 * ```ts
 * const bus = createLocalBus();
 * ```
 */
export function createLocalBus(): Bus {
  const nobody: ReadonlySet<string> = new Set();
  return {
    alone: true,
    publish() {},
    onMessage() {},
    elsewhere: () => nobody,
    presenceChanged() {},
    close: async () => {},
  };
}
