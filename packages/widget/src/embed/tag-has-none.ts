// The script-tag build's ../ui/chime.ts and ../ui/title-badge.ts (swapped in by scripts/build-embed.mjs):
// the tag has no `sound` and no `titleBadge` option (embed-panel-config.ts sets both to false), so their
// code would never run in its panel. These stand in for them and do nothing.
import type { createChime as chime } from '../ui/chime.js';
import type { showUnreadInTitle as titleBadge } from '../ui/title-badge.js';

/**
 * No chime: the tag plays no sound.
 *
 * @example
 * ```ts
 * createChime(window); // undefined
 * ```
 */
export const createChime: (...args: Parameters<typeof chime>) => undefined = () => undefined;

/**
 * No count in the page's title: the tag leaves the title alone.
 *
 * @example
 * ```ts
 * const stop = showUnreadInTitle(document, client.unread, model.visible); // does nothing
 * ```
 */
export const showUnreadInTitle: typeof titleBadge = () => () => {};
