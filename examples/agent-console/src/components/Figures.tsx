import type { ConsoleModel } from '../console-model.js';
import { formatDuration } from '../timing.js';

/**
 * The agent's running averages: time to first response and handling time.
 *
 * @example
 * ```tsx
 * <Figures model={model} />
 * ```
 */
export function Figures({ model }: { model: ConsoleModel }) {
  const averages = model.averages.value;
  return (
    <dl class="figures averages" aria-label="Your averages this session">
      <div>
        <dt>Avg. first response</dt>
        <dd data-figure="average-first-response">
          {formatDuration(averages.firstResponseMs)} <span class="muted">({averages.answered})</span>
        </dd>
      </div>
      <div>
        <dt>Avg. handling</dt>
        <dd data-figure="average-handling">
          {formatDuration(averages.handlingMs)} <span class="muted">({averages.finished})</span>
        </dd>
      </div>
    </dl>
  );
}
