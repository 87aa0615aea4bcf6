import type { PresenceAgent } from '@clavard/protocol';
import type { ChatClient } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import type { Translator } from '../ui-core/i18n.js';
import { Avatar } from './Avatar.js';
import { useWidget } from './context.js';

/**
 * "Julie and Marc usually reply in a few minutes": the names as a list of the locale, and the usual
 * reply time from `expectedWaitSeconds` (under a minute, a few minutes up to 15, else "in 2 hours").
 *
 * @example
 * ```ts
 * presenceSentence(translator, [{ firstName: 'Julie' }, { firstName: 'Marc' }], 120);
 * // 'Julie and Marc usually reply in a few minutes'
 * ```
 */
export function presenceSentence(
  { t, locale, formatRelativeWait }: Translator,
  agents: readonly PresenceAgent[],
  seconds: number | undefined,
): string {
  const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    agents.map((agent) => agentDisplayName(agent)),
  );
  const when =
    seconds !== undefined && seconds < 60
      ? t('presence.when.minute')
      : seconds === undefined || seconds <= 15 * 60
        ? t('presence.when.minutes')
        : formatRelativeWait(seconds);
  return t('presence.reply', { count: agents.length, names, when });
}

/**
 * The agents the team row shows: up to three online agents, while no conversation has started.
 *
 * @example
 * ```ts
 * if (teamOf(client).length > 0) subtitle = undefined; // the team row says it
 * ```
 */
export function teamOf(client: ChatClient): PresenceAgent[] {
  const availability = client.availability.value;
  const agents = (availability?.online && availability.agents) || [];
  return client.conversation.value || client.messages.value.length > 0 ? [] : agents.slice(0, 3);
}

/**
 * Who is there, before the first message: the overlapping faces of up to three online agents and one
 * sentence, read once by screen readers (the faces are hidden from them). Nothing while nobody is online
 * or once the conversation has started.
 *
 * @example
 * ```tsx
 * <TeamRow />
 * ```
 */
export function TeamRow() {
  const { client, translator } = useWidget();
  const shown = teamOf(client);
  if (shown.length === 0) return null;
  return (
    <div className="team">
      <span className="faces" aria-hidden="true">
        {shown.map((agent, index) => (
          // A new picture for the same place starts unbroken.
          <Avatar
            key={`${index} ${agent.avatarUrl}`}
            agent={agent}
            locale={translator.locale}
            className="team-face"
          />
        ))}
      </span>
      <p className="team-line">
        {presenceSentence(translator, shown, client.availability.value?.expectedWaitSeconds)}
      </p>
    </div>
  );
}
