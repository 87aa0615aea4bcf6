import { useComputed } from '@preact/signals';
import { agentDisplayName } from '../ui-core/agent-name.js';
import { useWidget } from './context.js';

/**
 * "Julie is typing…" while an agent (or bot) types. The text is a computed signal bound into the DOM, so
 * typing changes do not re-render the panel. Not a live region: typing is not worth interrupting for.
 *
 * @example
 * ```tsx
 * <TypingIndicator />
 * ```
 */
export function TypingIndicator() {
  const { client, translator } = useWidget();
  const text = useComputed(() => {
    const by = client.typing.value[0];
    if (by === undefined || by.role === 'visitor' || by.role === 'system') return '';
    const name = by.role === 'agent' ? agentDisplayName(by) : agentDisplayName({ firstName: by.name });
    return translator.t('agent.typing', { name });
  });
  const idle = useComputed(() => text.value === '');
  return (
    <p class="typing">
      <span class="dots" aria-hidden="true" hidden={idle}>
        <span />
        <span />
        <span />
      </span>
      {text}
    </p>
  );
}
