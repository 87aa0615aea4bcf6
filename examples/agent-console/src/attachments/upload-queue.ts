/**
 * The files the agent attached, per conversation, from the pick to the message: each is uploaded at once
 * (its row shows the progress), and when the agent sends, each becomes its own `agent.message` with its
 * own clientId, in the order attached, as soon as its upload is stored. The first carries the composer's
 * text as its caption. Rows live beside the console model, so they survive switching conversations.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import { DEFAULT_MAX_BYTES } from './file-words.js';
import { FileError } from './http.js';
import type { UploadHandle, UploadJob } from './uploads.js';

/**
 * One attached file.
 *
 * @example
 * ```ts
 * queue.rowsOf('c1').filter((row) => row.state === 'failed');
 * ```
 */
export interface UploadRow {
  /** The clientId of the message that will carry it, also the row's key. */
  clientId: string;
  conversationId: string;
  file: File;
  name: string;
  size: number;
  state: 'uploading' | 'stored' | 'failed';
  /** The share uploaded, 0 to 1. */
  progress: number;
  error?: FileError;
  attachmentId?: string;
  /** Set when the agent sent: the message goes with this caption once the file is stored. */
  caption?: string;
}

/**
 * A file message ready to go.
 *
 * @example
 * ```ts
 * const message: FileMessage = { clientId: 'k1', attachmentId: 'f3c…', name: 'form.pdf', caption: '' };
 * ```
 */
export interface FileMessage {
  clientId: string;
  attachmentId: string;
  name: string;
  caption: string;
}

/**
 * What {@link createUploadQueue} needs.
 *
 * @example
 * ```ts
 * createUploadQueue({ start: (job) => startUpload(http, job), send: (id, m) => model.sendFile(id, m) });
 * ```
 */
export interface UploadQueueOptions {
  start(job: UploadJob): UploadHandle;
  /** Sends the message of a stored file (the model keeps it until acknowledged). */
  send(conversationId: string, message: FileMessage): void;
  /** @default crypto.randomUUID */
  createId?: () => string;
  /**
   * Larger files are refused here at once; the server refuses them anyway. A function is asked on each
   * file (the server's limit, once its welcome said it). @default 10 MiB
   */
  maxBytes?: number | (() => number);
}

/**
 * The attached files and what the agent does with them; see {@link createUploadQueue}.
 *
 * @example
 * ```ts
 * queue.add('c1', input.files ?? []);
 * ```
 */
export interface UploadQueue {
  readonly rows: ReadonlySignal<readonly UploadRow[]>;
  /** The limit now (see `UploadQueueOptions.maxBytes`). */
  readonly maxBytes: number;
  rowsOf(conversationId: string): readonly UploadRow[];
  /** Attaches files to a conversation; each starts uploading (too large ones fail at once). */
  add(conversationId: string, files: Iterable<File>): void;
  /** Stops the upload and removes the row. */
  cancel(clientId: string): void;
  /** Uploads a failed file again, with the same clientId. */
  retry(clientId: string): void;
  /** The agent sent: the waiting files go, the first with `caption`. False when none waits. */
  commit(conversationId: string, caption: string): boolean;
  /** Stops every upload (sign-out). */
  dispose(): void;
}

/**
 * Sends, in order, the rows the agent sent whose files are stored, stopping in each conversation at the
 * first still uploading or failed (a later file never overtakes it); resolves with the rows left.
 */
function sendReady(rows: readonly UploadRow[], send: UploadQueueOptions['send']): readonly UploadRow[] {
  const gone = new Set<string>();
  const blocked = new Set<string>();
  for (const row of rows) {
    if (blocked.has(row.conversationId)) continue;
    if (row.caption === undefined || row.state !== 'stored' || row.attachmentId === undefined) {
      blocked.add(row.conversationId);
      continue;
    }
    send(row.conversationId, {
      clientId: row.clientId,
      attachmentId: row.attachmentId,
      name: row.name,
      caption: row.caption,
    });
    gone.add(row.clientId);
  }
  return gone.size === 0 ? rows : rows.filter((row) => !gone.has(row.clientId));
}

/** The row of a file just attached: uploading, or failed at once when too large to be worth sending. */
function newRow(conversationId: string, file: File, clientId: string, maxBytes: number): UploadRow {
  const row: UploadRow = {
    clientId,
    conversationId,
    file,
    name: file.name || 'file',
    size: file.size,
    state: 'uploading',
    progress: 0,
  };
  return file.size > maxBytes
    ? { ...row, state: 'failed', error: new FileError('attachment-too-large', 'too large', false) }
    : row;
}

/**
 * Makes the queue.
 *
 * @example
 * ```ts
 * const queue = createUploadQueue({ start: (job) => startUpload(http, job), send: model.sendFile });
 * ```
 */
export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const createId = options.createId ?? (() => crypto.randomUUID());
  const given = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const limit = (): number => (typeof given === 'function' ? given() : given);
  const rows = signal<readonly UploadRow[]>([]);
  const running = new Map<string, UploadHandle>();

  const change = (clientId: string, patch: Partial<UploadRow>) => {
    rows.value = rows.value.map((row) => (row.clientId === clientId ? { ...row, ...patch } : row));
    pump();
  };

  const pump = () => {
    const left = sendReady(rows.value, options.send);
    if (left.length !== rows.value.length) rows.value = left;
  };

  const upload = (row: UploadRow) => {
    const handle = options.start({
      conversationId: row.conversationId,
      clientId: row.clientId,
      file: row.file,
      onProgress: (progress) => change(row.clientId, { progress }),
    });
    running.set(row.clientId, handle);
    handle.result.then(
      (stored) => {
        running.delete(row.clientId);
        change(row.clientId, { state: 'stored', progress: 1, attachmentId: stored.id });
      },
      (error: unknown) => {
        running.delete(row.clientId);
        if (error instanceof FileError && error.code === 'aborted') return;
        const failure = error instanceof FileError ? error : new FileError('network', String(error), true);
        change(row.clientId, { state: 'failed', error: failure });
      },
    );
  };

  return {
    rows,
    get maxBytes() {
      return limit();
    },
    rowsOf: (conversationId) => rows.value.filter((row) => row.conversationId === conversationId),
    add(conversationId, files) {
      const maxBytes = limit();
      const added = [...files].map((file) => newRow(conversationId, file, createId(), maxBytes));
      rows.value = [...rows.value, ...added];
      for (const row of added) if (row.state === 'uploading') upload(row);
    },
    cancel(clientId) {
      running.get(clientId)?.abort();
      running.delete(clientId);
      rows.value = rows.value.filter((row) => row.clientId !== clientId);
      pump();
    },
    retry(clientId) {
      const row = rows.value.find((r) => r.clientId === clientId);
      if (row?.state !== 'failed') return;
      const { error: _error, ...rest } = row;
      const again: UploadRow = { ...rest, state: 'uploading', progress: 0 };
      rows.value = rows.value.map((r) => (r.clientId === clientId ? again : r));
      upload(again);
    },
    commit(conversationId, caption) {
      let first = true;
      let any = false;
      rows.value = rows.value.map((row) => {
        if (row.conversationId !== conversationId || row.caption !== undefined) return row;
        any = true;
        const next = { ...row, caption: first ? caption : '' };
        first = false;
        return next;
      });
      pump();
      return any;
    },
    dispose() {
      for (const handle of running.values()) handle.abort();
      running.clear();
      rows.value = [];
    },
  };
}
