import { useComputed } from '@preact/signals';
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
  const hidden = useComputed(() => model.connectionText.value === '');
  return (
    <p class="status" hidden={hidden}>
      {model.connectionText}
    </p>
  );
}
