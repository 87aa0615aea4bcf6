import type { HandoffTracking } from '@clavard/agent-api';
import { handoffStatus } from '../handoff-status.js';
import { type MessageKey, useI18n } from '../i18n/translator.js';
import { formatWhen } from '../when.js';
import { CopyButton } from './CopyButton.js';

/** One handoff: its status, the post, what it is about, its steps, and once resolved the public reply. */
function HandoffItem({ handoff, now }: { handoff: HandoffTracking; now: number }) {
  const { t, locale } = useI18n();
  const format = (at: string) => formatWhen(at, locale);
  const status = handoffStatus(handoff, now);
  const steps: [MessageKey, string][] = [
    ['desk.madeBy', t('desk.by', { name: handoff.by, when: format(handoff.createdAt) })],
    ...(handoff.openedAt ? [['desk.opened', format(handoff.openedAt)] as [MessageKey, string]] : []),
    ...(handoff.takenAt
      ? [
          ['desk.taken', t('desk.by', { name: handoff.takenBy ?? '', when: format(handoff.takenAt) })] as [
            MessageKey,
            string,
          ],
        ]
      : []),
    ...(handoff.resolvedAt ? [['desk.resolved', format(handoff.resolvedAt)] as [MessageKey, string]] : []),
  ];
  const post = /^https:\/\//i.test(handoff.postUrl) ? handoff.postUrl : undefined;
  return (
    <li class="desk-item" data-status={status}>
      <p class="desk-item-top">
        <span class="desk-status">{t(`desk.status.${status}`, { name: handoff.takenBy ?? '' })}</span>
        <span dir="auto">
          {t(`desk.channel.${handoff.channel}` as MessageKey)} · {handoff.handle}
        </span>
        {handoff.topic ? <span class="muted">{handoff.topic}</span> : null}
      </p>
      <p class="desk-summary" dir="auto">
        {handoff.summary}
      </p>
      <dl>
        {steps.map(([term, value]) => (
          <div key={term}>
            <dt>{t(term)}</dt>
            <dd dir="auto">{value}</dd>
          </div>
        ))}
      </dl>
      {post ? (
        <a href={post} target="_blank" rel="noopener noreferrer" title={post}>
          {t('desk.openPost')}
        </a>
      ) : null}
      {handoff.publicReply === undefined ? null : (
        <figure class="public-reply">
          <figcaption>{t('desk.publicReply')}</figcaption>
          <blockquote dir="auto">{handoff.publicReply}</blockquote>
          <CopyButton text={handoff.publicReply} label={t('desk.copyReply')} />
        </figure>
      )}
    </li>
  );
}

/**
 * The team's handoffs, newest first, each with where it stands: waiting for the customer, opened, with
 * an advisor, resolved (with the public reply to post), or expired unopened.
 *
 * @example
 * ```tsx
 * <HandoffList handoffs={desk.list} hasMore={desk.hasMore} now={Date.now()} />
 * ```
 */
export function HandoffList({
  handoffs,
  hasMore,
  now,
}: {
  handoffs: readonly HandoffTracking[];
  hasMore: boolean;
  now: number;
}) {
  const { t } = useI18n();
  if (handoffs.length === 0) return <p class="muted">{t('desk.empty')}</p>;
  return (
    <>
      <ul class="desk-list">
        {handoffs.map((handoff) => (
          <HandoffItem key={handoff.id} handoff={handoff} now={now} />
        ))}
      </ul>
      {hasMore ? <p class="muted">{t('desk.more', { n: handoffs.length })}</p> : null}
    </>
  );
}
