import type { AgentInfo } from '@clavard/protocol';
import { useState } from 'preact/hooks';

/**
 * Hand the conversation to another signed-in agent, with a note for them (the visitor never sees it).
 *
 * @example
 * ```tsx
 * <TransferControl agents={others} onTransfer={(id, note) => model.transfer(conversationId, id, note)} />
 * ```
 */
export function TransferControl({
  agents,
  onTransfer,
}: {
  agents: readonly AgentInfo[];
  onTransfer(agentId: string, note: string): void;
}) {
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
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
      <label for="transfer-note">Note for your colleague (not shown to the visitor)</label>
      <textarea
        id="transfer-note"
        rows={2}
        maxLength={2000}
        value={note}
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      <button type="button" onClick={() => chosen && onTransfer(chosen, note)}>
        Transfer
      </button>
    </div>
  );
}
