import type { AgentInfo } from '@clavard/protocol';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';

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
  const { t } = useI18n();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const chosen = agents.some((agent) => agent.id === target) ? target : (agents[0]?.id ?? '');
  return (
    <fieldset class="transfer">
      <legend>{t('transfer.heading')}</legend>
      {agents.length === 0 ? (
        <p class="muted">{t('transfer.nobody')}</p>
      ) : (
        <>
          <label for="transfer-to">{t('transfer.to')}</label>
          <select id="transfer-to" value={chosen} onChange={(event) => setTarget(event.currentTarget.value)}>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.firstName}
                {agent.title ? ` (${agent.title})` : ''}
              </option>
            ))}
          </select>
          <label for="transfer-note">{t('transfer.note')}</label>
          <textarea
            id="transfer-note"
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
          <button type="button" onClick={() => chosen && onTransfer(chosen, note)}>
            {t('transfer.submit')}
          </button>
        </>
      )}
    </fieldset>
  );
}
