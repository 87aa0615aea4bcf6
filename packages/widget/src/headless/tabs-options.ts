// Whether the tabs of a site coordinate, read from the client's options. Kept apart from the tabbed
// client itself (tab-client.ts), which the script tag loads in a file of its own only once a second tab
// appears (see solo-first.ts).
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { createLocalStorage } from './storage.js';
import type { LockManagerLike, ResolvedTabs } from './tab-types.js';
import type { ChatClientOptions } from './types.js';

const globalLocks = (): LockManagerLike | undefined => {
  const nav: { locks?: LockManagerLike } | undefined =
    typeof navigator === 'undefined' ? undefined : navigator;
  return nav?.locks;
};

/**
 * Whether and how the tabs coordinate: off with `tabs: false` or without `BroadcastChannel`; on by
 * default only when the storage is the shared localStorage; on whenever `tabs` is `true` or an object.
 *
 * @example
 * ```ts
 * const tabs = resolveTabs(options); // undefined: this tab works alone
 * ```
 */
export function resolveTabs(options: ChatClientOptions): ResolvedTabs | undefined {
  const tabs = options.tabs;
  if (tabs === false) return undefined;
  const given = typeof tabs === 'object' ? tabs : {};
  const Channel =
    given.BroadcastChannel ?? (typeof BroadcastChannel === 'undefined' ? undefined : BroadcastChannel);
  if (!Channel) return undefined;
  if (tabs === undefined) {
    const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
    if (options.storage !== undefined || !createLocalStorage(win)) return undefined;
  }
  return {
    BroadcastChannel: Channel,
    locks: given.locks === false ? undefined : (given.locks ?? globalLocks()),
    heartbeatMs: given.heartbeatMs ?? CLIENT_DEFAULTS.tabsHeartbeatMs,
  };
}
