/**
 * Sending a file for an agent's message, in the protocol's two HTTP steps: `POST <base>/uploads` asks for
 * the slot of the message's clientId (answered "stored" already when this clientId's file is, after a
 * reload: the bytes are not sent again), then `PUT <base>/uploads/{id}` with the bytes. The PUT goes
 * through XMLHttpRequest because fetch reports no upload progress.
 */
import { authHeaders, errorOf, FileError, type FileHttp, networkError } from './http.js';

/**
 * What the server stored: the id the message names as `attachmentId`.
 *
 * @example
 * ```ts
 * const stored: StoredUpload = { id: 'f3c…', name: 'form.pdf', mediaType: 'application/pdf' };
 * ```
 */
export interface StoredUpload {
  id: string;
  name?: string;
  mediaType?: string;
}

/**
 * An upload under way: its outcome, and how to stop it.
 *
 * @example
 * ```ts
 * const upload = startUpload(http, { conversationId, clientId, file, onProgress });
 * upload.abort();
 * ```
 */
export interface UploadHandle {
  result: Promise<StoredUpload>;
  /** Stops the request under way; `result` rejects with code `aborted`. */
  abort(): void;
}

/**
 * What {@link startUpload} sends.
 *
 * @example
 * ```ts
 * const job: UploadJob = { conversationId: 'c1', clientId: 'k1', file, onProgress: (share) => {} };
 * ```
 */
export interface UploadJob {
  conversationId: string;
  /** The clientId of the message that will carry the file. */
  clientId: string;
  file: File;
  /** The share sent so far, 0 to 1. */
  onProgress?: (share: number) => void;
}

const aborted = () => new FileError('aborted', 'the upload was cancelled', true);

type SlotAnswer = { id?: unknown; status?: unknown; attachment?: { name?: string; mediaType?: string } };

const storedOf = (answer: SlotAnswer): StoredUpload => ({
  id: String(answer.id),
  ...(answer.attachment?.name ? { name: answer.attachment.name } : {}),
  ...(answer.attachment?.mediaType ? { mediaType: answer.attachment.mediaType } : {}),
});

/** Step 1: the slot of the clientId. */
async function openSlot(http: FileHttp, job: UploadJob, signal: AbortSignal): Promise<SlotAnswer> {
  const request = http.fetch ?? globalThis.fetch;
  let answer: Response;
  try {
    answer = await request(`${http.base}/uploads`, {
      method: 'POST',
      headers: { ...authHeaders(http), 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: job.clientId,
        name: job.file.name || 'file',
        size: job.file.size,
        conversationId: job.conversationId,
      }),
      signal,
    });
  } catch {
    throw signal.aborted ? aborted() : networkError();
  }
  const body = await answer.text();
  if (!answer.ok) throw errorOf(answer.status, body);
  return JSON.parse(body) as SlotAnswer;
}

/** Step 2: the bytes, with progress. */
function putBytes(http: FileHttp, id: string, job: UploadJob, signal: AbortSignal): Promise<StoredUpload> {
  const Request = http.XMLHttpRequest ?? globalThis.XMLHttpRequest;
  return new Promise((resolve, reject) => {
    const xhr = new Request();
    xhr.open('PUT', `${http.base}/uploads/${encodeURIComponent(id)}`);
    for (const [name, value] of Object.entries(authHeaders(http))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) job.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        job.onProgress?.(1);
        resolve(storedOf(JSON.parse(xhr.responseText) as SlotAnswer));
      } else {
        reject(errorOf(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(aborted());
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(job.file);
  });
}

/**
 * Uploads a file for the message `clientId` of a conversation the agent holds.
 *
 * @example
 * ```ts
 * const { result } = startUpload(http, { conversationId: 'c1', clientId: 'k1', file });
 * const { id } = await result; // then agent.message { …, attachmentId: id }
 * ```
 */
export function startUpload(http: FileHttp, job: UploadJob): UploadHandle {
  const controller = new AbortController();
  const run = async () => {
    const slot = await openSlot(http, job, controller.signal);
    if (slot.status !== 'open') return storedOf(slot);
    if (controller.signal.aborted) throw aborted();
    return putBytes(http, String(slot.id), job, controller.signal);
  };
  return { result: run(), abort: () => controller.abort() };
}
