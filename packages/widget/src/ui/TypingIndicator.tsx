import { useComputed } from '@preact/signals';
import { authorName } from './author-name.js';
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
    const name = by === undefined ? undefined : authorName(by);
    return name === undefined ? '' : translator.t('agent.typing', { name });
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
