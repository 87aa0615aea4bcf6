import type { HandoffCase as Case } from '@clavard/agent-api';
import type { MessageKey } from '../i18n/translator.js';
import { useI18n } from '../i18n/translator.js';
import { formatWhen } from '../when.js';

/**
 * The public post's case beside a conversation that started from a handoff link: where and who, the post
 * (a link that opens beside the console), what the customer read, what the community manager collected,
 * who handed it over and when the customer opened the link; once the conversation ended, the reviewed
 * public reply the community manager may post where the customer wrote. The agent's only: never shown
 * to the visitor.
 *
 * @example
 * ```tsx
 * {conversation.handoff ? <HandoffCase handoff={conversation.handoff} /> : null}
 * ```
 */
export function HandoffCase({ handoff }: { handoff: Case }) {
  const { t, locale } = useI18n();
  const format = (at: string) => formatWhen(at, locale);
  const channel = t(`case.channel.${handoff.channel}` as MessageKey);
  const rows: [string, string][] = [
    [t('case.handle'), handoff.handle],
    [t('case.summary'), handoff.summary],
    ...handoff.details.map(({ label, value }): [string, string] => [label, value]),
    ...(handoff.postedAt ? [[t('case.posted'), format(handoff.postedAt)] as [string, string]] : []),
    [t('case.by'), t('case.byValue', { name: handoff.by, when: format(handoff.createdAt) })],
    ...(handoff.openedAt ? [[t('case.opened'), format(handoff.openedAt)] as [string, string]] : []),
  ];
  const post = /^https:\/\//i.test(handoff.postUrl) ? handoff.postUrl : undefined;
  return (
    <section class="handoff-case" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">{t('case.heading', { channel })}</h2>
      <dl>
        {rows.map(([term, value], index) => (
          // Details may repeat a label: the place tells them apart.
          <div key={`${index}-${term}`}>
            <dt dir="auto">{term}</dt>
            <dd dir="auto">{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('case.post')}</dt>
          <dd data-post="">
            {post ? (
              <a href={post} target="_blank" rel="noopener noreferrer" title={post}>
                {t('case.openPost')}
              </a>
            ) : (
              handoff.postUrl
            )}
          </dd>
        </div>
      </dl>
      <p class="muted">{t('case.note')}</p>
      {handoff.publicReply === undefined ? null : (
        <figure class="public-reply">
          <figcaption>{t('case.publicReply')}</figcaption>
          <blockquote dir="auto">{handoff.publicReply}</blockquote>
        </figure>
      )}
    </section>
  );
}
