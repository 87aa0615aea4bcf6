// The code a client loads when it first has a file to send or show (see ../files-source.ts): where the
// bytes wait, and how they go to the server and come back.
import { openByteStore } from './byte-store.js';
import { createFileController, type FileController, type FileControllerOptions } from './file-controller.js';

/**
 * Opens the store of bytes (IndexedDB, else memory) and makes a client's {@link FileController} on it.
 *
 * @example
 * ```ts
 * const files = await createFileTransfer({ baseUrl, token: () => session.token, progress });
 * ```
 */
export async function createFileTransfer(options: FileControllerOptions): Promise<FileController> {
  const indexedDB = typeof globalThis.indexedDB === 'undefined' ? undefined : globalThis.indexedDB;
  return createFileController(await openByteStore(indexedDB), options);
}
