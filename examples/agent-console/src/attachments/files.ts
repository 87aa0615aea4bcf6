/**
 * Reading the files of a conversation: `GET <base>/files/{id}` (or an image's thumbnail id) with the
 * agent's token in the header, into a Blob the page shows through a `blob:` URL or saves.
 */
import { authHeaders, errorOf, type FileHttp, networkError } from './http.js';

/**
 * The bytes of a file (or thumbnail) the agent may read.
 *
 * @example
 * ```ts
 * const blob = await fetchFile(http, content.thumbnailId ?? content.id);
 * ```
 */
export async function fetchFile(http: FileHttp, id: string, signal?: AbortSignal): Promise<Blob> {
  const request = http.fetch ?? globalThis.fetch;
  let answer: Response;
  try {
    answer = await request(`${http.base}/files/${encodeURIComponent(id)}`, {
      headers: authHeaders(http),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError();
  }
  if (!answer.ok) throw errorOf(answer.status, await answer.text());
  return answer.blob();
}

/**
 * Saves a Blob as a file named `name`, through a temporary `<a download>` on a `blob:` URL (no token in
 * any URL, nothing inline for the CSP); the URL is revoked once the browser has taken it.
 *
 * @example
 * ```ts
 * saveBlob(await fetchFile(http, content.id), content.name);
 * ```
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download starts asynchronously: revoking at once could cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Fetches a file and saves it under its name.
 *
 * @example
 * ```ts
 * await downloadFile(http, { id: 'f1', name: 'invoice.pdf' });
 * ```
 */
export async function downloadFile(http: FileHttp, file: { id: string; name: string }): Promise<void> {
  saveBlob(await fetchFile(http, file.id), file.name);
}
