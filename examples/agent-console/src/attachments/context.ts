/**
 * How components reach the agent's files: the HTTP base and token (never shown, never in a URL) and the
 * upload queue. `App` makes one per sign-in; without one (a test that does not need files) the console
 * shows files as cards and offers no attaching.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FileHttp } from './http.js';
import { createUploadQueue, type FileMessage, type UploadQueue } from './upload-queue.js';
import { startUpload } from './uploads.js';

/**
 * The agent's files.
 *
 * @example
 * ```ts
 * const { http, queue } = useAttachments() ?? {};
 * ```
 */
export interface Attachments {
  http: FileHttp;
  queue: UploadQueue;
}

/** Provided by `App` once signed in. */
export const AttachmentsContext = createContext<Attachments | undefined>(undefined);

/**
 * The agent's files in a component, or undefined when none were provided.
 *
 * @example
 * ```tsx
 * const attachments = useAttachments();
 * ```
 */
export function useAttachments(): Attachments | undefined {
  return useContext(AttachmentsContext);
}

/**
 * Makes the files of a sign-in: uploads go to `http`, stored files go out through `send` (the model's
 * `sendFile`).
 *
 * @example
 * ```ts
 * const attachments = createAttachments({ base: `${origin}/agent`, token }, (id, m) => model.sendFile(id, m));
 * ```
 */
export function createAttachments(
  http: FileHttp,
  send: (conversationId: string, message: FileMessage) => void,
  options: { createId?: () => string; maxBytes?: number | (() => number) } = {},
): Attachments {
  return { http, queue: createUploadQueue({ start: (job) => startUpload(http, job), send, ...options }) };
}
