/**
 * Who of the agents is here, and what happens to their conversations when they go. A conversation
 * belongs to an account, not a socket: a reload or a dropped network resumes it. An agent who signs
 * out, or stays without a connection longer than the grace period, hands each conversation back to the
 * queue at its original place, and its visitor is told (`agent.left`, then their place).
 */
import type { AgentInfo } from '@clavard/protocol';
import { agentInfo } from '../accounts/accounts.js';
import { deskConnections } from './handoff-desk.js';
import type { AgentConn, Hub } from './hub.js';

/**
 * The agent's conversations go back to the queue, the visitors are told, and the agent is no longer
 * present. Nothing anyone wrote is lost: the history stays with the conversation.
 *
 * @example
 * ```ts
 * agentGone(hub, agentId);
 * ```
 */
export async function agentGone(hub: Hub, agentId: string): Promise<void> {
  const presence = hub.agents.get(agentId);
  if (presence?.away !== undefined) clearTimeout(presence.away);
  hub.agents.delete(agentId);
  // Still present through another node (a reload that landed there): the conversations stay theirs.
  if (!hub.presentElsewhere(agentId)) await handBack(hub, agentId, presence?.info);
  await hub.agentsChanged();
}

/** Each conversation the agent holds goes back to the queue, its visitor told (once, whichever node). */
const handBack = async (hub: Hub, agentId: string, info: AgentInfo | undefined): Promise<void> => {
  const agent = info ?? (await agentRowInfo(hub, agentId));
  if (!agent) return;
  for (const conversation of await hub.store.activeOf(agentId)) {
    // Back meanwhile, here or on another node: what is left stays theirs.
    if (hub.agents.has(agentId) || hub.presentElsewhere(agentId)) return;
    const left = await hub.store.requeue(conversation.id, agentId, { type: 'agent.left', agent });
    // Another node handed it back first (each node sees an agent of a dead node vanish).
    if (left) hub.toVisitor(conversation.visitor_id, left);
  }
};

/** Agents who vanished from the cluster, waiting for the grace period before their conversations go. */
const vanishing = new WeakMap<Hub, Map<string, ReturnType<typeof setTimeout>>>();

/**
 * An agent present through another node is not any more, and not here either: their node stopped
 * renewing them (it died, or lost Redis). After the grace period, unless they came back on any node,
 * their conversations go back to the queue, as when an agent's last connection closes on this node.
 *
 * @example
 * ```ts
 * for (const agentId of before) if (!bus.elsewhere().has(agentId)) agentVanished(hub, agentId);
 * ```
 */
export function agentVanished(hub: Hub, agentId: string): void {
  const timers = vanishing.get(hub) ?? new Map<string, ReturnType<typeof setTimeout>>();
  vanishing.set(hub, timers);
  if (hub.agents.has(agentId) || timers.has(agentId)) return;
  const timer = setTimeout(() => {
    timers.delete(agentId);
    if (hub.agents.has(agentId) || hub.presentElsewhere(agentId)) return;
    hub.inBackground(handBack(hub, agentId, undefined).then(() => hub.queueChanged()));
  }, hub.options.agentGraceMs);
  timer.unref?.();
  timers.set(agentId, timer);
}

const agentRowInfo = async (hub: Hub, agentId: string) => {
  const row = await hub.store.agent(agentId);
  return row ? agentInfo(row) : undefined;
};

const startGrace = (hub: Hub, agentId: string) => {
  const presence = hub.agents.get(agentId);
  if (!presence || presence.conns.size > 0) return;
  if (presence.away !== undefined) clearTimeout(presence.away);
  presence.away = setTimeout(() => {
    const now = hub.agents.get(agentId);
    if (now === presence && presence.conns.size === 0) hub.inBackground(agentGone(hub, agentId));
  }, hub.options.agentGraceMs);
  presence.away.unref?.();
};

/**
 * A connection of the agent said hello: they are present (again). Returns whether they were absent, so
 * that the others are told.
 *
 * @example
 * ```ts
 * if (arrive(hub, conn, info)) await hub.agentsChanged();
 * ```
 */
export function arrive(hub: Hub, conn: AgentConn, info: AgentInfo): boolean {
  const presence = hub.agents.get(info.id);
  if (!presence) {
    hub.agents.set(info.id, { info, conns: new Set([conn]) });
    return true;
  }
  if (presence.away !== undefined) clearTimeout(presence.away);
  delete presence.away;
  const back = presence.conns.size === 0;
  presence.info = info;
  presence.conns.add(conn);
  return back;
}

/**
 * A connection of the agent closed. Their last one starts the grace period; until it ends they count as
 * present (for availability and routing), but are not offered as a transfer target.
 *
 * @example
 * ```ts
 * depart(hub, conn);
 * ```
 */
export async function depart(hub: Hub, conn: AgentConn): Promise<void> {
  const agentId = conn.session?.agent.id;
  if (agentId === undefined) return;
  const presence = hub.agents.get(agentId);
  if (!presence?.conns.delete(conn) || presence.conns.size > 0) return;
  startGrace(hub, agentId);
  // Transfer targets change; availability and routing do not until the grace period ends.
  hub.toAgents({ type: 'agent.agents', agents: await hub.signedInAgents() });
}

/**
 * Signs the connection's session out: the token stops working, its connections close, and when the
 * agent has no other connection their conversations go back to the queue now.
 *
 * @example
 * ```ts
 * signOut(hub, conn);
 * ```
 */
export async function signOut(hub: Hub, conn: AgentConn): Promise<void> {
  const session = conn.session;
  if (!session) return;
  await hub.store.endSession(session.tokenHash);
  // A community manager was never present: their session's connections close, nothing else changes.
  if (session.role === 'community') {
    for (const other of [conn, ...deskConnections(hub, session.tokenHash)]) other.close('normal');
    return;
  }
  const presence = hub.agents.get(session.agent.id);
  for (const other of [...(presence?.conns ?? [])]) {
    if (other.session?.tokenHash !== session.tokenHash) continue;
    presence?.conns.delete(other);
    other.close('normal');
  }
  if (!presence || presence.conns.size === 0) await agentGone(hub, session.agent.id);
}

/**
 * After a start: agents who hold conversations under way are present without a connection, in their
 * grace period, so that a restart of the server does not take their conversations from them.
 *
 * @example
 * ```ts
 * awaitHolders(hub);
 * ```
 */
export async function awaitHolders(hub: Hub): Promise<void> {
  for (const row of await hub.store.agentsHolding()) {
    if (hub.agents.has(row.id)) continue;
    hub.agents.set(row.id, { info: agentInfo(row), conns: new Set() });
    startGrace(hub, row.id);
  }
}
