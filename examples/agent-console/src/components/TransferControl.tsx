import type { AgentInfo } from '@clavard/protocol';
import { useState } from 'preact/hooks';

/**
 * Hand the conversation to another signed-in agent.
 *
 * @example
 * ```tsx
 * <TransferControl agents={others} onTransfer={(id) => model.transfer(conversationId, id)} />
 * ```
 */
export function TransferControl({
  agents,
  onTransfer,
}: {
  agents: readonly AgentInfo[];
  onTransfer(agentId: string): void;
}) {
  const [target, setTarget] = useState('');
  const chosen = agents.some((agent) => agent.id === target) ? target : (agents[0]?.id ?? '');
  if (agents.length === 0) return <p class="muted transfer">No other agent is signed in to transfer to.</p>;
  return (
    <div class="transfer">
      <label for="transfer-to">Transfer to</label>
      <select id="transfer-to" value={chosen} onChange={(event) => setTarget(event.currentTarget.value)}>
        {agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.firstName}
            {agent.title ? ` (${agent.title})` : ''}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => chosen && onTransfer(chosen)}>
        Transfer
      </button>
    </div>
  );
}
