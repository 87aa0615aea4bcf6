import { useEffect } from 'preact/hooks';
import { useWidget } from './context.js';

/**
 * While the conversation waits for an agent: the visitor's place in line and, when the server gives one,
 * the estimated wait in minutes (rounded up), updated as `queue.update` frames arrive. A change of place is
 * announced politely. Nothing is shown once an agent has joined. The visitor can keep writing meanwhile.
 *
 * @example
 * ```tsx
 * <QueueStatus />
 * ```
 */
export function QueueStatus() {
  const { client, translator, model } = useWidget();
  const { t } = translator;
  const queue = client.queue.value;
  const position = queue?.position;
  const text =
    queue === undefined
      ? ''
      : [
          t('queue.position', { position: queue.position }),
          queue.etaSeconds === undefined
            ? ''
            : t('queue.eta', { minutes: Math.max(1, Math.ceil(queue.etaSeconds / 60)) }),
        ]
          .filter(Boolean)
          .join(' · ');
  // Announced once per change of place, not at every new estimate.
  useEffect(() => {
    if (text !== '') model.announce(text);
  }, [position]);
  return (
    <p className="status queue" hidden={text === ''}>
      {text}
    </p>
  );
}
