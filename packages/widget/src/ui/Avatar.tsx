import type { AgentInfo } from '@clavard/protocol';
import { agentInitial } from '../ui-core/agent-name.js';
import { IMAGE_PROTOCOLS, safeUrl } from '../ui-core/safe-url.js';

/** Props of {@link Avatar}. */
export interface AvatarProps {
  agent: AgentInfo;
  locale: string;
}

/**
 * The agent's picture, or their initial in a circle when there is none (or its URL is not http(s)).
 * Decorative: the name is always shown next to it.
 *
 * @example
 * ```tsx
 * <Avatar agent={{ id: 'a1', firstName: 'Julie' }} locale="fr-CA" />
 * ```
 */
export function Avatar({ agent, locale }: AvatarProps) {
  const src = agent.avatarUrl === undefined ? undefined : safeUrl(agent.avatarUrl, IMAGE_PROTOCOLS);
  if (src !== undefined) return <img className="avatar" src={src} alt="" referrerpolicy="no-referrer" />;
  return (
    <span className="avatar initial" aria-hidden="true">
      {agentInitial(agent, locale)}
    </span>
  );
}
