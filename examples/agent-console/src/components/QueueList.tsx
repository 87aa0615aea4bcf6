import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { formatDuration } from '../timing.js';
import { visitorLabel } from '../visitor-label.js';

/**
 * The conversations waiting for this agent, oldest first, with the visitor's first words, who they are
 * and how long they have waited (ticking); Take makes one theirs.
 *
 * @example
 * ```tsx
 * <QueueList model={model} />
 * ```
 */
export function QueueList({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const queue = model.queue.value;
  const total = model.queueTotal.value;
  const now = model.now.value;
  return (
    <section class="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('queue.heading', { count: Math.max(total, queue.length) })}</h2>
      {queue.length === 0 ? <p class="muted">{t('queue.empty')}</p> : null}
      <ul>
        {queue.map((entry) => {
          const preview = entry.preview ?? t('queue.noMessage');
          return (
            <li key={entry.conversationId} class="queue-entry">
              <p class="preview">{preview}</p>
              <p class="visitor-identity">{visitorLabel(entry.visitor, entry.given, t)}</p>
              {entry.contactEmail ? (
                <p class="left-message">{t('queue.leftMessage', { email: entry.contactEmail })}</p>
              ) : null}
              <p class="muted">
                {t('queue.waiting', { duration: formatDuration(now - Date.parse(entry.waitingSince)) })}
                {entry.topic ? ` · ${entry.topic}` : ''}
              </p>
              <button
                type="button"
                class="primary"
                aria-label={t('queue.takeLabel', { preview })}
                onClick={() => model.take(entry.conversationId)}
              >
                {t('queue.take')}
              </button>
            </li>
          );
        })}
      </ul>
      {total > queue.length ? <p class="muted">{t('queue.more', { count: total - queue.length })}</p> : null}
    </section>
  );
}
