import type { HandoffChannel, HandoffDraft } from '@clavard/agent-api';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleModel } from '../console-model.js';
import { type MessageKey, useI18n } from '../i18n/translator.js';
import { HandoffDetails } from './HandoffDetails.js';

const CHANNELS: readonly HandoffChannel[] = ['x', 'facebook', 'instagram', 'linkedin', 'google', 'other'];
/** The server's limit (the API's): the form says it before the server has to. */
const SUMMARY_MAX = 200;

/** The draft in the form: the details that have a label or a value, each trimmed. */
const draftOf = (form: HTMLFormElement): HandoffDraft => {
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? '').trim();
  const values = data.getAll('detailValue').map((value) => String(value).trim());
  const details = data
    .getAll('detailLabel')
    .map((label, index) => ({ label: String(label).trim(), value: values[index] ?? '' }))
    .filter(({ label, value }) => label !== '' || value !== '');
  const topic = field('topic');
  const advisorId = field('advisorId');
  return {
    channel: field('channel') as HandoffChannel,
    handle: field('handle'),
    postUrl: field('postUrl'),
    summary: field('summary'),
    details,
    ...(topic === '' ? {} : { topic }),
    ...(advisorId === '' ? {} : { advisorId }),
  };
};

/**
 * The form of a new handoff link: where the customer wrote, their handle, the post, what it is about (the
 * customer reads it in the greeting), details for the advisor only, and the topic that routes it. It
 * empties once the server made the link; a refusal comes back as a notice, the form kept as it was.
 *
 * @example
 * ```tsx
 * <HandoffForm model={model} />
 * ```
 */
export function HandoffForm({
  model,
  heading: Heading = 'h2',
}: {
  model: ConsoleModel;
  heading?: 'h2' | 'h3';
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  // Sent and not answered yet: a second press would make a second link.
  const pending = useRef(false);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState(0);
  const mark = (value: boolean) => {
    pending.current = value;
    setBusy(value);
  };
  const created = model.handoffs.value?.created?.id;
  const notice = model.notice.value;
  const topics = model.routing.value.topics;
  const advisors = model.handoffs.value?.advisors ?? [];
  useEffect(() => {
    if (created === undefined || !pending.current) return;
    mark(false);
    form.current?.reset();
    setMade((count) => count + 1);
  }, [created]);
  // Refused (a notice came): the form stays as it was, to correct and send again.
  useEffect(() => mark(false), [notice]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!pending.current && form.current) mark(model.requestHandoffs(draftOf(form.current)));
  };
  return (
    <form ref={form} class="desk-form" onSubmit={submit} aria-labelledby="desk-new-heading" aria-busy={busy}>
      <Heading id="desk-new-heading">{t('desk.new')}</Heading>
      <label for="desk-channel">{t('desk.channel')}</label>
      <select id="desk-channel" name="channel">
        {CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {t(`desk.channel.${channel}` as MessageKey)}
          </option>
        ))}
      </select>
      <label for="desk-handle">{t('desk.handle')}</label>
      <input id="desk-handle" name="handle" required maxLength={100} autocomplete="off" />
      <label for="desk-post">{t('desk.postUrl')}</label>
      <input
        id="desk-post"
        name="postUrl"
        type="url"
        required
        pattern="https://.+"
        maxLength={2048}
        placeholder="https://"
        aria-describedby="desk-post-hint"
      />
      <p id="desk-post-hint" class="hint">
        {t('desk.postUrlHint')}
      </p>
      <label for="desk-summary">{t('desk.summary')}</label>
      <textarea
        id="desk-summary"
        name="summary"
        required
        rows={2}
        maxLength={SUMMARY_MAX}
        aria-describedby="desk-summary-hint"
      />
      <p id="desk-summary-hint" class="hint">
        {t('desk.summaryHint', { n: SUMMARY_MAX })}
      </p>
      <HandoffDetails key={made} />
      {topics.length > 0 ? (
        <>
          <label for="desk-topic">{t('desk.topic')}</label>
          <select id="desk-topic" name="topic">
            <option value="">{t('desk.anyTopic')}</option>
            {topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {advisors.length > 0 ? (
        <>
          <label for="desk-advisor">{t('desk.advisor')}</label>
          <select id="desk-advisor" name="advisorId" aria-describedby="desk-advisor-hint">
            <option value="">{t('desk.anyAdvisor')}</option>
            {advisors.map((advisor) => (
              <option key={advisor.id} value={advisor.id}>
                {advisor.title ? `${advisor.firstName} · ${advisor.title}` : advisor.firstName}
              </option>
            ))}
          </select>
          <p id="desk-advisor-hint" class="hint">
            {t('desk.advisorHint')}
          </p>
        </>
      ) : null}
      <button type="submit" class="primary">
        {t('desk.create')}
      </button>
    </form>
  );
}
