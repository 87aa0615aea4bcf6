// The code a client loads when it first has a file to send or show (see ../files-source.ts): where the
// bytes wait, and how they go to the server and come back.
import { openByteStore } from './byte-store.js';
import { downloadFile, uploadFile } from './http-upload.js';

/**
 * What the lazily loaded file code provides to the client core (../attachments.ts).
 *
 * @example
 * ```ts
 * const transfer = await createFileTransfer();
 * ```
 */
export interface FileTransfer {
  bytes: Awaited<ReturnType<typeof openByteStore>>;
  upload: typeof uploadFile;
  download: typeof downloadFile;
}

/**
 * Opens the byte store and hands over the HTTP calls.
 *
 * @example
 * ```ts
 * const { bytes, upload } = await createFileTransfer();
 * ```
 */
export async function createFileTransfer(): Promise<FileTransfer> {
  const indexedDB = typeof globalThis.indexedDB === 'undefined' ? undefined : globalThis.indexedDB;
  return { bytes: await openByteStore(indexedDB), upload: uploadFile, download: downloadFile };
}
