// A file over HTTP, beside the chat's frames (see "Attachments" in docs/protocol.md): a slot for the
// message's clientId, then the bytes, the session token in a header. With XMLHttpRequest, whose upload
// reports progress, when the page has it; with fetch otherwise.
import { ChatError, isServerErrorCode, type ServerErrorCode } from '@clavard/protocol';

/** What an upload needs. */
export interface UploadRequest {
  /** The server's HTTP base for attachments (`…/uploads`, `…/files`). */
  baseUrl: string;
  token: string;
  clientId: string;
  name: string;
  blob: Blob;
  /** Bytes sent so far, of `total`. */
  onProgress(loaded: number, total: number): void;
  signal: AbortSignal;
}

/** The error an answer's JSON body names, or one for its status. */
const errorOf = (status: number, body: unknown): ChatError => {
  const { code, message, retryable } = (body ?? {}) as {
    code?: unknown;
    message?: unknown;
    retryable?: unknown;
  };
  const known: ServerErrorCode = isServerErrorCode(code)
    ? code
    : status >= 500
      ? 'unavailable'
      : 'server-error';
  return new ChatError(known, typeof message === 'string' ? message : `the upload was answered ${status}`, {
    retryable: typeof retryable === 'boolean' ? retryable : status >= 500,
  });
};

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const lost = (cause: unknown) =>
  new ChatError('connection-lost', 'the upload did not reach the server', { cause, retryable: true });

/** The answer of `PUT uploads/{id}` through XMLHttpRequest, with progress. */
const putWithProgress = (url: string, request: UploadRequest): Promise<{ status: number; body: unknown }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('authorization', `Bearer ${request.token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => request.onProgress(event.loaded, event.total || request.blob.size);
    xhr.onload = () => resolve({ status: xhr.status, body: parse(xhr.responseText) });
    xhr.onerror = () => reject(lost(undefined));
    xhr.onabort = () => reject(request.signal.reason);
    request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(request.blob);
  });

/** The same through fetch (no progress until the end). */
const putWithFetch = async (url: string, request: UploadRequest) => {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/octet-stream' },
    body: request.blob,
    signal: request.signal,
  }).catch((cause: unknown) => {
    throw request.signal.aborted ? request.signal.reason : lost(cause);
  });
  return { status: res.status, body: parse(await res.text()) };
};

/**
 * Uploads a file for the message `clientId` and resolves with the server's id for it; a file the server
 * stored already for that clientId (before a reload) is not sent again. Rejects with a {@link ChatError}:
 * the server's code (`attachment-too-large`, `attachment-type-refused`, `attachment-limit`…), or
 * `connection-lost` (retryable) when the server could not be reached.
 *
 * @example
 * ```ts
 * const id = await uploadFile({ baseUrl, token, clientId, name: file.name, blob: file, onProgress, signal });
 * ```
 */
export async function uploadFile(request: UploadRequest): Promise<string> {
  const slot = await fetch(`${request.baseUrl}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: request.clientId, name: request.name, size: request.blob.size }),
    signal: request.signal,
  }).catch((cause: unknown) => {
    throw request.signal.aborted ? request.signal.reason : lost(cause);
  });
  const opened = parse(await slot.text()) as { id?: unknown; status?: unknown } | undefined;
  if (!slot.ok || typeof opened?.id !== 'string') throw errorOf(slot.status, opened);
  if (opened.status !== 'open') {
    request.onProgress(request.blob.size, request.blob.size);
    return opened.id;
  }
  const url = `${request.baseUrl}/uploads/${encodeURIComponent(opened.id)}`;
  const put =
    typeof XMLHttpRequest === 'function'
      ? await putWithProgress(url, request)
      : await putWithFetch(url, request);
  if (put.status !== 200) throw errorOf(put.status, put.body);
  return opened.id;
}

/**
 * The bytes of a file (or a thumbnail) the server holds, read with the session token.
 *
 * @example
 * ```ts
 * const blob = await downloadFile(baseUrl, token, content.thumbnailId);
 * ```
 */
export async function downloadFile(baseUrl: string, token: string, id: string): Promise<Blob> {
  const res = await fetch(`${baseUrl}/files/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch((cause: unknown) => {
    throw lost(cause);
  });
  if (!res.ok) throw errorOf(res.status, parse(await res.text()));
  return res.blob();
}
