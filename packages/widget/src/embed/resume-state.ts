import type { ChatStorage } from '../headless/index.js';
/**
 * Whether the chat client stored a conversation in progress under `clavard:<namespace>` (the key of
 * `createChatClient`): a conversation id, or a message waiting in the outbox. Only looks for them in the
 * stored text, without parsing it: a false positive only loads the panel a little early. Blocked storage
 * counts as nothing stored.
 *
 * @example
 * ```ts
 * if (hasConversationInProgress(window, 'default')) loadPanelWhenIdle();
 * ```
 */
export function hasConversationInProgress(view: Window, namespace: string): boolean {
  const stored = pageStorage(view).get(`clavard:${namespace}`);
  return stored !== null && (stored.includes('"conversationId"') || stored.includes('"outbox":[{'));
}

/**
 * Removes what the chat client stored under `clavard:<namespace>` (shutdown before the panel loaded):
 * with the session token gone, nobody can resume that session from this browser. Blocked storage holds
 * nothing to remove.
 *
 * @example
 * ```ts
 * clearStoredState(window, 'default');
 * ```
 */
export function clearStoredState(view: Window, namespace: string): void {
  pageStorage(view).remove(`clavard:${namespace}`);
}

/**
 * The page's localStorage as a `ChatStorage` that never throws: blocked storage reads as empty and
 * drops writes (the panel then asks again, and keeps things in memory).
 *
 * @example
 * ```ts
 * pageStorage(window).get('clavard:default:consent');
 * ```
 */
export function pageStorage(view: Window): ChatStorage {
  const attempt = <T>(action: (storage: Storage) => T, fallback: T): T => {
    try {
      return action(view.localStorage);
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt((storage) => storage.getItem(key), null),
    set: (key, value) => attempt((storage) => storage.setItem(key, value), undefined),
    remove: (key) => attempt((storage) => storage.removeItem(key), undefined),
  };
}
