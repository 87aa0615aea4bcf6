// The part of a client's files that runs only once a file is chosen or shown (../attachments.ts keeps
// the rest): uploads by message, with their progress and their cancelling, and the files read lately.
import { ChatError } from '@clavard/protocol';
import type { Signal } from '@preact/signals-core';
import type { UploadProgress } from '../attachments.js';
import { getBytes } from '../file-bytes.js';
import type { OutboxItem } from '../outbox.js';
import { downloadFile, uploadFile } from './http-upload.js';

/** What a {@link FileController} needs from its client. */
export interface FileControllerOptions {
  baseUrl: string | undefined;
  token(): string | undefined;
  /** Where the progress of each upload goes, by the clientId of its message. */
  progress: Signal<ReadonlyMap<string, UploadProgress>>;
}

/**
 * One client's uploads and reads (see ../attachments.ts for what each does).
 *
 * @example
 * ```ts
 * const files = createFileController({ baseUrl, token, progress });
 * const id = await files.upload(item);
 * ```
 */
export interface FileController {
  upload(item: OutboxItem): Promise<string>;
  abort(clientId: string): void;
  fetchFile(id: string): Promise<Blob>;
  dispose(): void;
}

/** Thumbnails and files read lately, so that a re-render does not fetch them again. */
const CACHED_FILES = 50;

/**
 * Makes a client's {@link FileController}; the bytes are where ../file-bytes.ts keeps them.
 *
 * @example
 * ```ts
 * const files = createFileController({ baseUrl, token, progress });
 * ```
 */
export function createFileController(options: FileControllerOptions): FileController {
  const running = new Map<string, { promise: Promise<string>; abort: AbortController }>();
  const read = new Map<string, Promise<Blob>>();
  const setProgress = (clientId: string, value: UploadProgress | undefined) => {
    const next = new Map(options.progress.peek());
    if (value) next.set(clientId, value);
    else next.delete(clientId);
    options.progress.value = next;
  };
  const session = () => {
    const token = options.token();
    if (options.baseUrl === undefined || token === undefined) {
      throw new ChatError('connection-lost', 'No session yet', { retryable: true });
    }
    return { baseUrl: options.baseUrl, token };
  };
  const start = async (item: OutboxItem, abort: AbortController): Promise<string> => {
    const file = item.file as NonNullable<OutboxItem['file']>;
    const blob = await getBytes(file.key).catch(() => undefined);
    if (!blob)
      throw new ChatError('storage-unavailable', `${file.name} is gone: choose it again`, {
        retryable: false,
      });
    setProgress(item.clientId, { loaded: 0, total: blob.size });
    return uploadFile({
      ...session(),
      clientId: item.clientId,
      name: file.name,
      blob,
      signal: abort.signal,
      onProgress: (loaded, total) => setProgress(item.clientId, { loaded, total }),
    });
  };
  return {
    upload(item) {
      const under = running.get(item.clientId);
      if (under) return under.promise;
      const abort = new AbortController();
      const promise = start(item, abort).finally(() => {
        running.delete(item.clientId);
        setProgress(item.clientId, undefined);
      });
      running.set(item.clientId, { promise, abort });
      return promise;
    },
    abort(clientId) {
      running.get(clientId)?.abort.abort(new ChatError('invalid-option', 'Cancelled', { retryable: false }));
    },
    fetchFile(id) {
      const cached = read.get(id);
      if (cached) return cached;
      const { baseUrl, token } = session();
      const promise = downloadFile(baseUrl, token, id);
      // A failed read is tried again next time.
      promise.catch(() => read.delete(id));
      read.set(id, promise);
      if (read.size > CACHED_FILES) read.delete(read.keys().next().value as string);
      return promise;
    },
    dispose() {
      for (const { abort } of running.values()) abort.abort();
    },
  };
}
