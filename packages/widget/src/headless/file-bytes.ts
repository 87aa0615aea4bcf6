// Where a chosen file's bytes wait until its message is sent: the site's IndexedDB (database
// `clavard-files`, store `bytes`), so that they survive a reload and reach the tab that holds the
// connection; the page's memory when IndexedDB is missing or refuses to open (some private windows). Part
// of the client core, not of the file code loaded later: a file chosen offline, before that code could be
// loaded, is kept all the same.

const memory = new Map<string, Blob>();
let opened: Promise<IDBDatabase | undefined> | undefined;

/** The database, opened once; undefined when there is no usable IndexedDB. */
const database = (): Promise<IDBDatabase | undefined> => {
  opened ??= new Promise<IDBDatabase | undefined>((resolve) => {
    const request = globalThis.indexedDB?.open('clavard-files');
    if (!request) return resolve(undefined);
    request.onupgradeneeded = () => request.result.createObjectStore('bytes');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(undefined);
  }).catch(() => undefined);
  return opened;
};

/** Runs one request on the store, in a transaction of its own. */
const inStore = async <T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest,
  otherwise: () => T,
): Promise<T> => {
  const db = await database();
  if (!db) return otherwise();
  return new Promise<T>((resolve, reject) => {
    const request = act(db.transaction('bytes', mode).objectStore('bytes'));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
};

/**
 * Keeps `blob` under `key` (see the file's comment).
 *
 * @example
 * ```ts
 * await putBytes(clientId, file);
 * ```
 */
export const putBytes = (key: string, blob: Blob): Promise<unknown> =>
  inStore(
    'readwrite',
    (store) => store.put(blob, key),
    () => memory.set(key, blob),
  );

/**
 * The bytes kept under `key`, or undefined (never kept, or lost with the page's memory).
 *
 * @example
 * ```ts
 * const blob = await getBytes(item.file.key);
 * ```
 */
export const getBytes = (key: string): Promise<Blob | undefined> =>
  inStore<Blob | undefined>(
    'readonly',
    (store) => store.get(key),
    () => memory.get(key),
  );

/**
 * Drops the bytes kept under `key`.
 *
 * @example
 * ```ts
 * await deleteBytes(item.file.key);
 * ```
 */
export const deleteBytes = (key: string): Promise<unknown> =>
  inStore(
    'readwrite',
    (store) => store.delete(key),
    () => memory.delete(key),
  );
