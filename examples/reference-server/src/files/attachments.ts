/**
 * The server's attachments: their limits, where their bytes are kept, and the rules every path to them
 * shares (the HTTP routes of upload-routes.ts, a message that carries one, an erasure, the retention).
 */
import type { AttachmentContent, AttachmentLimits } from '@clavard/protocol';
import type { AttachmentRow } from '../db/attachment-store.js';
import type { Store } from '../db/store-types.js';
import type { FileStorage } from './file-storage.js';

/**
 * What a server does with attachments (`startServer`'s `attachments` option fills the defaults).
 *
 * @example
 * ```ts
 * const options: AttachmentOptions = { maxBytes: 10 * 1024 * 1024, perConversation: 20, storage };
 * ```
 */
export interface AttachmentOptions extends AttachmentLimits {
  /** Where the bytes are kept. */
  storage: FileStorage;
  /** Sent files are erased this long after they were uploaded, in ms; none: kept with the conversation. */
  retentionMs?: number;
}

/** An upload never sent in a message is erased after a day. */
export const UNSENT_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** The storage key of an image's thumbnail, and the id a message gives for it. */
export const thumbnailKey = (id: string): string => `${id}_t`;

/**
 * The attachment of a stored row, as a message's content carries it (without its caption).
 *
 * @example
 * ```ts
 * const content = { ...attachmentOf(row), caption: 'The error' };
 * ```
 */
export function attachmentOf(row: AttachmentRow): AttachmentContent {
  return {
    kind: 'attachment',
    id: row.id,
    name: row.name,
    size: row.size,
    mediaType: row.media_type ?? 'application/octet-stream',
    ...(row.width === null ? {} : { width: row.width }),
    ...(row.height === null ? {} : { height: row.height }),
    ...(row.thumbnail ? { thumbnailId: thumbnailKey(row.id) } : {}),
  };
}

/**
 * The keys of a row's bytes in the storage: the file and its thumbnail, whatever the row says (an upload
 * that stopped between the two writes left a thumbnail its row does not know of).
 */
const keysOf = (row: AttachmentRow): string[] => [row.id, thumbnailKey(row.id)];

/**
 * Erases files: their bytes first, then their rows, so that a crash in between leaves rows without bytes
 * (which the next erasure or sweep removes) rather than bytes nothing points to.
 *
 * @example
 * ```ts
 * await eraseAttachments(store, storage, await store.attachmentsOfVisitor(visitorId));
 * ```
 */
export async function eraseAttachments(
  store: Store,
  storage: FileStorage,
  rows: readonly AttachmentRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await storage.delete(rows.flatMap(keysOf));
  await store.deleteAttachments(rows.map((row) => row.id));
}

/**
 * One pass of the retention: files sent longer ago than `retentionMs` (when set), and uploads never sent
 * within a day, are erased, a bounded batch at a time. Returns how many were.
 *
 * @example
 * ```ts
 * setInterval(() => void sweepAttachments(store, options, Date.now()), 60 * 60 * 1000);
 * ```
 */
export async function sweepAttachments(
  store: Store,
  options: AttachmentOptions,
  now: number,
): Promise<number> {
  const sentBefore = options.retentionMs === undefined ? -1 : now - options.retentionMs;
  let erased = 0;
  for (;;) {
    const rows = await store.expiredAttachments(sentBefore, now - UNSENT_UPLOAD_MS, 100);
    await eraseAttachments(store, options.storage, rows);
    erased += rows.length;
    if (rows.length < 100) return erased;
  }
}
