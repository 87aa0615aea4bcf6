// A client's files: the server's limits (from the welcome), and the upload of each outbox file before its
// message goes (delivery.ts waits for it, so order holds). What moves bytes, and keeps the progress and the
// files read lately, loads on first use (files-source.ts → files/file-controller.ts).
import { type AttachmentLimits, ChatError, type ChatErrorCode } from '@clavard/protocol';
import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals-core';
import { deleteBytes, putBytes } from './file-bytes.js';
import type { FileController, FileControllerOptions } from './files/file-controller.js';
import type { OutboxFile, OutboxItem } from './outbox.js';

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
  load(options: FileControllerOptions): Promise<FileController>;
  /** The outbox: a file's bytes are dropped once no message of it names them (sent, cancelled, wiped). */
  outbox: ReadonlySignal<readonly OutboxItem[]>;
}

/** One core's files, see the file's comment; the methods are the loaded {@link FileController}'s. */
export interface Attachments extends Omit<FileController, 'abort' | 'dispose'> {
  /**
   * Checks a chosen file against the server's `limits` and the `room` left for files waiting, keeps its
   * bytes under `key` (file-bytes.ts: no network, no code to load, so it works offline), and describes it
   * for the outbox. Rejects with `invalid-option` (no files taken), `attachment-too-large`, `outbox-full`
   * or `storage-unavailable`.
   */
  prepare(
    key: string,
    file: Blob & { readonly name?: string },
    limits: AttachmentLimits | undefined,
    room: number,
  ): Promise<OutboxFile>;
  /** The server's limits; undefined until a welcome offered attachments. */
  readonly limits: Signal<AttachmentLimits | undefined>;
  /** The limits when files can be sent (a base URL, and a server that takes them); else undefined. */
  readonly offered: ReadonlySignal<AttachmentLimits | undefined>;
  /** Uploads under way, by the clientId of their message. */
  readonly progress: ReadonlySignal<ReadonlyMap<string, UploadProgress>>;
  /** Stops the upload of `clientId`, if one is under way. */
  abort(clientId: string): void;
  /** Drops the bytes kept under `key` now (a file refused on its way into the outbox). */
  release(key: string): void;
  dispose(): void;
}

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
  let code: Promise<FileController> | undefined;
  const files = () => {
    code ??= options.load({ baseUrl: options.baseUrl, token: options.token, progress });
    return code;
  };
  const later = (run: (files: FileController) => unknown) => void files().then(run, () => undefined);
  const release = (key: string) => void deleteBytes(key).catch(() => undefined);
  let named = new Set<string>();
  const stopWatching = options.outbox.subscribe((items) => {
    const now = new Set(items.flatMap((item) => (item.file ? [item.file.key] : [])));
    for (const key of named) if (!now.has(key)) release(key);
    named = now;
  });
  return {
    limits,
    progress,
    offered: computed(() => (options.baseUrl === undefined ? undefined : limits.value)),
    async prepare(key, file, given, room) {
      const refused: [ChatErrorCode, string] | undefined = !given
        ? ['invalid-option', 'This chat takes no files']
        : file.size > given.maxBytes
          ? ['attachment-too-large', `Files are limited to ${given.maxBytes} bytes`]
          : file.size > room
            ? ['outbox-full', 'Too many bytes of files are waiting to be sent']
            : undefined;
      if (refused) throw new ChatError(refused[0], refused[1], { retryable: false });
      await putBytes(key, file).catch((cause: unknown) => {
        throw new ChatError('storage-unavailable', 'The file could not be kept', { cause });
      });
      return { key, name: file.name?.trim() || 'file', size: file.size, type: file.type };
    },
    upload: (item) => files().then((f) => f.upload(item)),
    fetchFile: (id) => files().then((f) => f.fetchFile(id)),
    abort: (clientId) => code && later((f) => f.abort(clientId)),
    release,
    dispose() {
      stopWatching();
      if (code) later((f) => f.dispose());
    },
  };
}
