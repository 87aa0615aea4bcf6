import type { ConsoleModel } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';

/**
 * The topics this agent takes, one checkbox per topic of the organisation: the queue lists only the
 * conversations routed to the agent (those of their topics, and those nobody signed in takes). None
 * checked: every topic. Hidden when the organisation has no topics.
 *
 * @example
 * ```tsx
 * <MyTopics model={model} />
 * ```
 */
export function MyTopics({ model }: { model: ConsoleModel }) {
  const { t } = useI18n();
  const { topics, mine } = model.routing.value;
  if (topics.length === 0) return null;
  const toggle = (topic: string, input: HTMLInputElement) => {
    const next = input.checked ? [...mine, topic] : mine.filter((t) => t !== topic);
    // Not sent (offline): the box shows what the server has.
    if (!model.setTopics(next)) input.checked = !input.checked;
  };
  return (
    <fieldset class="my-topics" aria-describedby="my-topics-hint">
      <legend>{t('topics.legend')}</legend>
      <p id="my-topics-hint" class="muted">
        {t('topics.hint')}
      </p>
      {topics.map((topic) => (
        <label key={topic} class="choice">
          <input
            type="checkbox"
            checked={mine.includes(topic)}
            onChange={(event) => toggle(topic, event.currentTarget)}
          />
          {topic}
        </label>
      ))}
    </fieldset>
  );
}
