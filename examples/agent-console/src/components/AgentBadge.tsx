import type { AgentInfo } from '@clavard/protocol';

/**
 * The agent's avatar (or initial), first name and title.
 *
 * @example
 * ```tsx
 * <AgentBadge agent={{ id: 'a1', firstName: 'Julie', title: 'Customer care' }} />
 * ```
 */
export function AgentBadge({ agent }: { agent: AgentInfo }) {
  return (
    <div class="agent-badge">
      {agent.avatarUrl ? (
        <img class="avatar" src={agent.avatarUrl} alt="" width={36} height={36} />
      ) : (
        <span class="avatar initial" aria-hidden="true">
          {agent.firstName.slice(0, 1).toUpperCase()}
        </span>
      )}
      <span>
        <span class="agent-name">{agent.firstName}</span>
        {agent.title ? <span class="agent-title">{agent.title}</span> : null}
      </span>
    </div>
  );
}
