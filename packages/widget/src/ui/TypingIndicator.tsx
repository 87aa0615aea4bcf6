import { authorName } from './author-name.js';
import { useWidget } from './context.js';

/**
 * "Julie is typing…" while an agent (or bot) types. Only this small component re-renders when typing
 * changes (it reads the signal itself; see Composer on why signals are not bound to DOM props). Not a live
 * region: typing is not worth interrupting for.
 *
 * @example
 * ```tsx
 * <TypingIndicator />
 * ```
 */
export function TypingIndicator() {
  const { client, translator } = useWidget();
  const by = client.typing.value[0];
  const name = by === undefined ? undefined : authorName(by);
  const text = name === undefined ? '' : translator.t('agent.typing', { name });
  return (
    <p className="typing">
      <span className="dots" aria-hidden="true" hidden={text === ''}>
        <span />
        <span />
        <span />
      </span>
      {text}
    </p>
  );
}
