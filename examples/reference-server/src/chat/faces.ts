import {
  type AgentInfo,
  type Availability,
  MAX_PRESENCE_AGENTS,
  type PresenceAgent,
} from '@clavard/protocol';

/**
 * Who a visitor sees before their first message: up to three of the agents a conversation of theirs
 * would go to (`routed`, in routing's order), as first name and picture only, never the id or title.
 * Nobody when the organisation is not online.
 *
 * @example
 * ```ts
 * withFaces({ online: true }, ['a-julie'], (id) => agents.get(id)?.info);
 * // { online: true, agents: [{ firstName: 'Julie', avatarUrl: 'https://cdn.example/julie.png' }] }
 * ```
 */
export function withFaces(
  availability: Availability,
  routed: readonly string[],
  infoOf: (agentId: string) => AgentInfo | undefined,
): Availability {
  if (!availability.online) return availability;
  const agents: PresenceAgent[] = [];
  for (const agentId of routed) {
    const info = infoOf(agentId);
    if (!info || agents.length === MAX_PRESENCE_AGENTS) continue;
    agents.push({ firstName: info.firstName, ...(info.avatarUrl ? { avatarUrl: info.avatarUrl } : {}) });
  }
  return agents.length > 0 ? { ...availability, agents } : availability;
}
