import { MAX_SHORT_LENGTH, type SessionHello } from '@clavard/protocol';
import type { DocumentLike } from './connection-model.js';

/**
 * What the hello says of where the visitor is, so that the agent knows: the page (its address without
 * the query and the fragment, which can carry tokens or an email, and its title) and the visitor's time
 * zone. Nothing is sent before the hello, so nothing before consent when the site asks for it.
 *
 * @example
 * ```ts
 * Object.assign(hello, pageContext(document));
 * ```
 */
export function pageContext(doc: DocumentLike | undefined): Pick<SessionHello, 'page' | 'timeZone'> {
  const location = doc?.location;
  const title = doc?.title?.trim().slice(0, MAX_SHORT_LENGTH);
  const context: Pick<SessionHello, 'page' | 'timeZone'> = {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  if (location && /^https?:$/.test(location.protocol)) {
    context.page = { url: location.origin + location.pathname, ...(title ? { title } : {}) };
  }
  return context;
}
