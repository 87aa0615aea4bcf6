import { useWidget } from './context.js';

/**
 * The connection's state in calm words (the model's `connectionText`): nothing while online,
 * "Connecting…", "Reconnecting…", "You are offline…", and after two minutes without a connection "Still
 * trying to reconnect…". Never an error's text or stack.
 *
 * @example
 * ```tsx
 * <StatusBar />
 * ```
 */
export function StatusBar() {
  const { model } = useWidget();
  // `.value` read here rather than a signal bound to `hidden`: see Composer on hostile host pages.
  const text = model.connectionText.value;
  return (
    <p className="status" hidden={text === ''}>
      {text}
    </p>
  );
}
