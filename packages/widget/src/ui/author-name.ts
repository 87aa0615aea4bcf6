import type { Author } from '@clavard/protocol';
import { agentDisplayName } from '../ui-core/agent-name.js';

/**
 * The name shown for whoever wrote or types: an agent's first name or a bot's name, both through the one
 * agent-name policy (`agentDisplayName`); `undefined` for the visitor and the system, which have none.
 *
 * @example
 * ```ts
 * authorName({ role: 'agent', id: 'a1', firstName: ' Julie ' }); // 'Julie'
 * authorName({ role: 'visitor' }); // undefined
 * ```
 */
export function authorName(author: Author): string | undefined {
  if (author.role === 'agent') return agentDisplayName(author);
  if (author.role === 'bot') return agentDisplayName({ firstName: author.name });
  return undefined;
}
