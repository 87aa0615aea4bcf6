// Where a file's bytes wait until its message is sent: IndexedDB, so that they survive a reload and reach
// the tab that holds the connection; in memory when the browser has no usable IndexedDB (a private window
// of some browsers), where they last as long as the page.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/**
 * The bytes of the files waiting in the outbox, by key.
 *
 * @example
 * ```ts
 * await bytes.put(clientId, file);
 * const blob = await bytes.get(clientId);
 * ```
 */
export interface ByteStore {
  put(key: string, blob: Blob): Promise<void>;
  get(key: string): Promise<Blob | undefined>;
  delete(key: string): Promise<void>;
  /** Whether the bytes outlive the page (IndexedDB), or only this page's memory holds them. */
  readonly durable: boolean;
}

/** A store in this page's memory. */
export function createMemoryByteStore(): ByteStore {
  const blobs = new Map<string, Blob>();
  return {
    durable: false,
    put: async (key, blob) => void blobs.set(key, blob),
    get: async (key) => blobs.get(key),
    delete: async (key) => void blobs.delete(key),
  };
}

/**
 * The bytes in IndexedDB (database `clavard-files`, one per site), or in memory when IndexedDB is missing
 * or refuses to open.
 *
 * @example
 * ```ts
 * const bytes = await openByteStore(globalThis.indexedDB);
 * ```
 */
export async function openByteStore(indexedDB: IDBFactory | undefined): Promise<ByteStore> {
  if (!indexedDB) return createMemoryByteStore();
  let store: UseStore;
  try {
    store = createStore('clavard-files', 'bytes');
    // Opening fails here, not at the first file, when the browser refuses IndexedDB.
    await get('probe', store);
  } catch {
    return createMemoryByteStore();
  }
  return {
    durable: true,
    put: (key, blob) => set(key, blob, store),
    get: (key) => get<Blob>(key, store),
    delete: (key) => del(key, store),
  };
}
