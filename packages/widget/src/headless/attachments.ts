// A client's files: the server's limits (from the welcome), the upload of each outbox file before its
// message goes (delivery.ts waits for it, so order holds), the progress of each, and the reading of files
// the conversation holds. The code that moves bytes loads on first use (files-source.ts).
import { type AttachmentLimits, ChatError } from '@clavard/protocol';
import { computed, type ReadonlySignal, signal } from '@preact/signals-core';
import type { FileTransfer } from './files/file-transfer.js';
import type { OutboxItem } from './outbox.js';

/**
 * How far the upload of one file is.
 *
 * @example
 * ```ts
 * const percent = Math.round((progress.loaded / progress.total) * 100);
 * ```
 */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** What {@link createAttachments} needs. */
export interface AttachmentsOptions {
  /** The server's HTTP base for attachments; none: the client sends and shows no file. */
  baseUrl: string | undefined;
  /** The session's token, once the server gave one. */
  token(): string | undefined;
  /** Loads the file code. */
  load(): Promise<FileTransfer>;
}

/** One core's files, see the file's comment. */
export interface Attachments {
  /** The server's limits; undefined until a welcome offered attachments. */
  readonly limits: ReturnType<typeof signal<AttachmentLimits | undefined>>;
  /** The limits when files can be sent: a base URL, and a server that takes them; else undefined. */
  readonly offered: ReadonlySignal<AttachmentLimits | undefined>;
  /** Uploads under way, by the clientId of their message. */
  readonly progress: ReadonlySignal<ReadonlyMap<string, UploadProgress>>;
  /** Whether files can be sent at all (a base URL, and a server that takes them). */
  readonly enabled: () => boolean;
  /** Keeps the bytes of a file chosen now, under `key`, before anything touches the network. */
  keep(key: string, blob: Blob): Promise<void>;
  /** The server's id for the item's file: uploaded now, or found stored for its clientId. */
  upload(item: OutboxItem): Promise<string>;
  /** Stops the upload of `clientId`, if one is under way. */
  abort(clientId: string): void;
  /** Drops the bytes kept under `key` (the message was sent, or cancelled). */
  release(key: string): void;
  /** The bytes of a file (or a thumbnail) of the conversation. */
  fetchFile(id: string): Promise<Blob>;
  dispose(): void;
}

/** Thumbnails and files read lately, so that a re-render does not fetch them again. */
const CACHED_FILES = 50;

/**
 * Create a core's {@link Attachments}.
 *
 * @example
 * ```ts
 * const attachments = createAttachments({ baseUrl, token: () => session.token, load: importFiles });
 * ```
 */
export function createAttachments(options: AttachmentsOptions): Attachments {
  const limits = signal<AttachmentLimits | undefined>(undefined);
  const progress = signal<ReadonlyMap<string, UploadProgress>>(new Map());
  const running = new Map<string, { promise: Promise<string>; abort: AbortController }>();
  const read = new Map<string, Promise<Blob>>();
  let transfer: Promise<FileTransfer> | undefined;
  const loaded = () => {
    transfer ??= options.load();
    return transfer;
  };
  const setProgress = (clientId: string, value: UploadProgress | undefined) => {
    const next = new Map(progress.peek());
    if (value) next.set(clientId, value);
    else next.delete(clientId);
    progress.value = next;
  };
  const baseUrl = (): string => {
    if (options.baseUrl === undefined)
      throw new ChatError('invalid-option', 'no filesUrl: this client sends no files');
    return options.baseUrl;
  };
  const token = (): string => {
    const value = options.token();
    if (value === undefined) throw new ChatError('connection-lost', 'no session yet', { retryable: true });
    return value;
  };

  const start = async (item: OutboxItem, abort: AbortController): Promise<string> => {
    const file = item.file as NonNullable<OutboxItem['file']>;
    const { bytes, upload } = await loaded();
    const blob = await bytes.get(file.key);
    if (!blob) {
      throw new ChatError(
        'storage-unavailable',
        `the bytes of ${file.name} are gone: choose the file again`,
        {
          retryable: false,
        },
      );
    }
    setProgress(item.clientId, { loaded: 0, total: blob.size });
    return upload({
      baseUrl: baseUrl(),
      token: token(),
      clientId: item.clientId,
      name: file.name,
      blob,
      signal: abort.signal,
      onProgress: (done, total) => setProgress(item.clientId, { loaded: done, total }),
    });
  };

  return {
    limits,
    offered: computed(() => (options.baseUrl === undefined ? undefined : limits.value)),
    progress,
    enabled: () => options.baseUrl !== undefined && limits.peek() !== undefined,
    async keep(key, blob) {
      await (await loaded()).bytes.put(key, blob);
    },
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
      running
        .get(clientId)
        ?.abort.abort(new ChatError('invalid-option', 'the upload was cancelled', { retryable: false }));
    },
    release(key) {
      void loaded()
        .then(({ bytes }) => bytes.delete(key))
        .catch(() => undefined);
    },
    fetchFile(id) {
      const cached = read.get(id);
      if (cached) return cached;
      const promise = loaded().then(({ download }) => download(baseUrl(), token(), id));
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
