import type { AgentInfo } from '@clavard/protocol';
import { useState } from 'preact/hooks';
import { agentInitial } from '../ui-core/agent-name.js';
import { IMAGE_PROTOCOLS, safeUrl } from '../ui-core/safe-url.js';
import { useListeners } from './use-listeners.js';

/** Props of {@link Avatar}. */
export interface AvatarProps {
  agent: Pick<AgentInfo, 'firstName' | 'avatarUrl'>;
  locale: string;
  /** Where it stands: `face` beside a group of the agent's messages. @default the header's */
  className?: string;
  /** The initial drawn by CSS (`data-initial`), not text: inside a control whose visible text is its name. */
  drawn?: boolean;
}

/**
 * The agent's picture, or their initial in a circle when there is none, when its URL is not http(s), or
 * when it fails to load. Decorative: the name is always shown next to it.
 *
 * @example
 * ```tsx
 * <Avatar agent={{ id: 'a1', firstName: 'Julie' }} locale="fr-CA" />
 * ```
 */
export function Avatar({ agent, locale, className = '', drawn = false }: AvatarProps) {
  const src = agent.avatarUrl === undefined ? undefined : safeUrl(agent.avatarUrl, IMAGE_PROTOCOLS);
  const [broken, setBroken] = useState<string>();
  const ref = useListeners<HTMLImageElement>({ error: () => setBroken(src) });
  if (src !== undefined && src !== broken) {
    return <img ref={ref} className={`avatar ${className}`} src={src} alt="" referrerpolicy="no-referrer" />;
  }
  const initial = agentInitial(agent, locale);
  return drawn ? (
    <span className={`avatar initial ${className}`} aria-hidden="true" data-initial={initial} />
  ) : (
    <span className={`avatar initial ${className}`} aria-hidden="true">
      {initial}
    </span>
  );
}
