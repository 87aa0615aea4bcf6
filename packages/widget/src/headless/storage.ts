/**
 * Where the client keeps what resume needs, as strings under one key. Implementations may throw (quota,
 * private mode); the client then carries on in memory and reports `storage-unavailable` once.
 *
 * @example
 * ```ts
 * const storage: ChatStorage = createMemoryStorage();
 * storage.set('clavard:default', '{}');
 * ```
 */
export interface ChatStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** What {@link createLocalStorage} needs of a window. */
export interface StorageWindow {
  readonly localStorage?: Storage;
}

/**
 * A {@link ChatStorage} in memory: lost on reload. The fallback when `localStorage` is missing or refused.
 *
 * @example
 * ```ts
 * createChatClient({ transport, storage: createMemoryStorage() });
 * ```
 */
export function createMemoryStorage(): ChatStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value);
    },
    remove: (key) => {
      values.delete(key);
    },
  };
}

const PROBE_KEY = 'clavard:probe';

/**
 * `window.localStorage` as a {@link ChatStorage}, or `undefined` when it is absent, disabled, or refuses a
 * test write (private mode, full quota). Touches nothing until called.
 *
 * @example
 * ```ts
 * const storage = createLocalStorage(window) ?? createMemoryStorage();
 * ```
 */
export function createLocalStorage(win: StorageWindow | undefined = globalWindow()): ChatStorage | undefined {
  let store: Storage | undefined;
  try {
    // Reading `localStorage` itself throws a SecurityError when the browser blocks storage.
    store = win?.localStorage;
    if (!store) return undefined;
    store.setItem(PROBE_KEY, '1');
    store.removeItem(PROBE_KEY);
  } catch {
    // Blocked or full: the caller falls back to memory and reports `storage-unavailable`.
    return undefined;
  }
  const local = store;
  return {
    get: (key) => local.getItem(key),
    set: (key, value) => local.setItem(key, value),
    remove: (key) => local.removeItem(key),
  };
}

function globalWindow(): StorageWindow | undefined {
  return typeof window === 'undefined' ? undefined : window;
}
