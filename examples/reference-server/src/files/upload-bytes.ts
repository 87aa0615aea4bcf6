/**
 * The bytes of an upload (`PUT uploads/{id}`, see upload-routes.ts): read up to the maximum size, checked
 * and stripped (prepare.ts), kept in the storage, then the row marked stored. One PUT of an upload at a
 * time in a process, and a bounded number of bodies in memory at once.
 */
import type { IncomingMessage } from 'node:http';
import { ChatError } from '@clavard/protocol';
import type { AttachmentRow } from '../db/attachment-store.js';
import { readBytes } from '../net/read-body.js';
import { thumbnailKey } from './attachments.js';
import { prepareUpload } from './prepare.js';
import { gate } from './upload-gate.js';
import type { Uploader, UploadRouteOptions } from './upload-routes.js';

/**
 * The refusal of a file over `max` bytes.
 *
 * @example
 * ```ts
 * if (asked.size > options.maxBytes) throw tooLarge(options.maxBytes);
 * ```
 */
export const tooLarge = (max: number) =>
  new ChatError('attachment-too-large', `files are limited to ${max} bytes`, { retryable: false });

/** The uploads whose bytes this process is taking, by id: a second PUT of one waits for the first. */
const taking = new Map<string, Promise<unknown>>();
/** Bodies read at once, each up to the maximum size: what bounds the memory uploads take. */
const RECEIVING_AT_MOST = 8;

/**
 * `PUT uploads/{id}`: the bytes, checked, stripped and kept, once; resolves with the upload's row as it
 * stands after (stored already: as it was).
 *
 * @example
 * ```ts
 * answerJson(req, res, 200, slotAnswer(await receiveBytes(deps, uploader, id, req)));
 * ```
 */
export async function receiveBytes(
  deps: UploadRouteOptions,
  uploader: Uploader,
  id: string,
  req: IncomingMessage,
): Promise<AttachmentRow> {
  const before = taking.get(id);
  if (before !== undefined) await before.catch(() => undefined);
  if (taking.size >= RECEIVING_AT_MOST) {
    throw new ChatError('unavailable', 'too many files are arriving: try again in a moment', {
      retryable: true,
    });
  }
  const work = take(deps, uploader, id, req);
  taking.set(id, work);
  try {
    return await work;
  } finally {
    if (taking.get(id) === work) taking.delete(id);
  }
}

/** Reads, checks and keeps the bytes of an open upload; resolves with its row as it stands after. */
const take = async (deps: UploadRouteOptions, uploader: Uploader, id: string, req: IncomingMessage) => {
  const { store, options } = deps;
  const row = await store.attachment(id);
  if (!row || row.owner !== uploader.owner) throw new ChatError('not-found', `no upload ${id}`);
  if (row.status !== 'open') {
    req.resume();
    return row;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBytes) throw tooLarge(options.maxBytes);
  const bytes = await readBytes(req, options.maxBytes);
  if (bytes === undefined) throw tooLarge(options.maxBytes);
  const prepared = await gate(() => prepareUpload(bytes, row.name));
  await options.storage.put(id, prepared.bytes);
  if (prepared.thumbnail) await options.storage.put(thumbnailKey(id), prepared.thumbnail.bytes);
  const stored = await store.storeUpload(id, {
    name: prepared.name,
    size: prepared.size,
    media_type: prepared.mediaType,
    width: prepared.width ?? null,
    height: prepared.height ?? null,
    thumbnail: prepared.thumbnail ? 1 : 0,
  });
  if (stored) return stored;
  // Erased meanwhile (the visitor was forgotten, or the upload swept): its bytes go too.
  const now = await store.attachment(id);
  if (now) return now;
  await options.storage.delete([id, thumbnailKey(id)]);
  throw new ChatError('not-found', `upload ${id} was erased`);
};
