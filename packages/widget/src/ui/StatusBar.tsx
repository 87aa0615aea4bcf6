import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useWidget } from './context.js';

/** After this long disconnected, the status says so plainly (RELIABILITY.md). */
export const LONG_DISCONNECT_MS = 120_000;

/**
 * The connection's state in calm words: nothing while online, "Connecting…", "Reconnecting…", "You are
 * offline…", and after two minutes without a connection "Still trying to reconnect…". Never an error's
 * text or stack.
 *
 * @example
 * ```tsx
 * <StatusBar />
 * ```
 */
export function StatusBar() {
  const { client, translator } = useWidget();
  const { t } = translator;
  const long = useSignal(false);
  useSignalEffect(() => {
    const since = client.disconnectedSince.value;
    long.value = false;
    if (since === undefined) return;
    const timer = setTimeout(
      () => {
        long.value = true;
      },
      Math.max(0, since + LONG_DISCONNECT_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  });
  const text = useComputed(() => {
    switch (client.status.value) {
      case 'connecting':
        return t('connection.connecting');
      case 'reconnecting':
        return long.value ? t('connection.stillTrying') : t('connection.reconnecting');
      case 'offline':
        return t('connection.offline');
      default:
        return '';
    }
  });
  const hidden = useComputed(() => text.value === '');
  return (
    <p class="status" hidden={hidden}>
      {text}
    </p>
  );
}
