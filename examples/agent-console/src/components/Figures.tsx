import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';
import { formatDuration } from '../timing.js';

/**
 * The agent's running averages: time to first response and handling time this session; and, kept by the
 * server over every conversation they ended, the wait in queue, first-contact resolution and rating.
 *
 * @example
 * ```tsx
 * <Figures model={model} />
 * ```
 */
export function Figures({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const averages = model.averages.value;
  const stats = model.stats.value;
  return (
    <dl class="figures averages" aria-label={t('figures.label')}>
      <div>
        <dt>{t('figures.firstResponse')}</dt>
        <dd data-figure="average-first-response">
          {formatDuration(averages.firstResponseMs)} <span class="muted">({averages.answered})</span>
        </dd>
      </div>
      <div>
        <dt>{t('figures.handling')}</dt>
        <dd data-figure="average-handling">
          {formatDuration(averages.handlingMs)} <span class="muted">({averages.finished})</span>
        </dd>
      </div>
      {stats && stats.conversations > 0 ? (
        <>
          <div>
            <dt>{t('figures.wait')}</dt>
            <dd data-figure="stats-wait">
              {formatDuration(stats.waitMs ?? undefined)} <span class="muted">({stats.conversations})</span>
            </dd>
          </div>
          <div>
            <dt>{t('figures.firstContact')}</dt>
            <dd data-figure="stats-first-contact">
              {stats.surveyed === 0 ? '—' : `${Math.round((stats.firstContact / stats.surveyed) * 100)} %`}{' '}
              <span class="muted">({stats.surveyed})</span>
            </dd>
          </div>
          <div>
            <dt>{t('figures.rating')}</dt>
            <dd data-figure="stats-rating">
              {stats.rating === null ? '—' : `${stats.rating.toFixed(1)} / 5`}{' '}
              <span class="muted">({stats.rated})</span>
            </dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}
