import type { ConsoleModel } from '../console-model.js';
import { formatDuration } from '../timing.js';
import { visitorLabel } from '../visitor-label.js';

/**
 * The conversations waiting for an agent, oldest first, with their wait and a Take button.
 *
 * @example
 * ```tsx
 * <QueueList model={model} />
 * ```
 */
export function QueueList({ model }: { model: ConsoleModel }) {
  const queue = model.queue.value;
  const now = model.now.value;
  return (
    <section class="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">Waiting ({queue.length})</h2>
      {queue.length === 0 ? <p class="muted">Nobody is waiting.</p> : null}
      <ul>
        {queue.map((entry) => {
          const preview = entry.preview ?? 'No message yet';
          return (
            <li key={entry.conversationId} class="queue-entry">
              <p class="preview">{preview}</p>
              <p class="visitor-identity">{visitorLabel(entry.visitor, entry.given)}</p>
              {entry.contactEmail ? (
                <p class="left-message">
                  Left a message: answer by email to <span class="email">{entry.contactEmail}</span>
                </p>
              ) : null}
              <p class="muted">
                Waiting {formatDuration(now - Date.parse(entry.waitingSince))}
                {entry.topic ? ` · ${entry.topic}` : ''}
              </p>
              <button
                type="button"
                class="primary"
                aria-label={`Take the conversation: ${preview}`}
                onClick={() => model.take(entry.conversationId)}
              >
                Take
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
