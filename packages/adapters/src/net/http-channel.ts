import { type ChatError, MAX_FRAME_BYTES } from '@clavard/protocol';
import { closeError, httpError, lostError } from './close-error.js';
import type { Link } from './link-transport.js';

/**
 * The request header naming the channel, so that its id never appears in a URL.
 *
 * @example
 * ```ts
 * fetch(`${url}/channel/poll`, { headers: { [CHANNEL_HEADER]: channel } });
 * ```
 */
export const CHANNEL_HEADER = 'Clavard-Channel';

/**
 * A `fetch` function: the global one or an injected one.
 *
 * @example
 * ```ts
 * const fetchImpl: FetchLike = options.fetch ?? globalThis.fetch;
 * ```
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The error for a close notice `{ "code": 4401, "reason": "unauthorized" }` (codes as in WebSocket) that
 * ended `request`; a shapeless notice is `connection-lost`.
 *
 * @example
 * ```ts
 * link.fail(noticeError('{"code":4401,"reason":"unauthorized"}', `GET ${url}`)); // unauthorized
 * ```
 */
export function noticeError(text: string, request: string): ChatError {
  const notice: unknown = text ? JSON.parse(text) : undefined;
  if (typeof notice === 'object' && notice !== null && 'code' in notice && typeof notice.code === 'number') {
    return closeError(request, notice.code, 'reason' in notice ? String(notice.reason) : '');
  }
  return lostError(request, undefined, 'closed');
}

/**
 * The error for a failed answer to `request` (`"GET https://…/channel/poll"`): a `410` with a body carries
 * a close notice ({@link noticeError}), other answers map as {@link httpError}.
 *
 * @example
 * ```ts
 * if (!response.ok) return link.fail(await responseError(response, `GET ${url}/channel/poll`));
 * ```
 */
export async function responseError(response: Response, request: string): Promise<ChatError> {
  const notice = response.status === 410 ? await response.text() : '';
  return notice ? noticeError(notice, request) : httpError(response, request);
}

/**
 * The channel id in the body of a channel-opening answer (`{ "channel": "…" }`).
 *
 * @example
 * ```ts
 * const channel = channelId(await response.text());
 * ```
 */
export function channelId(text: string): string {
  const body: unknown = JSON.parse(text);
  if (typeof body === 'object' && body !== null && 'channel' in body && typeof body.channel === 'string') {
    return body.channel;
  }
  throw lostError('channel id', undefined, 'missing');
}

/**
 * Sends client frames to `POST {url}/channel/frames`, one request in flight so they arrive in order;
 * frames sent meanwhile go in the next request, as one JSON array of at most about 256 KiB (one frame at
 * least). `close(then)` sends what is queued, then `DELETE {url}/channel`, then calls `then`.
 *
 * @example
 * ```ts
 * const poster = createFramePoster(url, fetch, channel, link);
 * poster.send('{"type":"ping"}');
 * poster.close(() => stream.abort());
 * ```
 */
export function createFramePoster(
  url: string,
  fetchImpl: FetchLike,
  channel: string,
  link: Link,
  headers: Record<string, string> = {},
): { send(text: string): void; close(then?: () => void): void } {
  const queue: string[] = [];
  const init = (method: string, body?: string): RequestInit => ({
    method,
    headers: { ...headers, 'content-type': 'application/json', [CHANNEL_HEADER]: channel },
    keepalive: method === 'DELETE',
    ...(body === undefined ? {} : { body }),
  });
  let busy = false;
  let failed = false;
  const request = `POST ${url}/channel/frames`;
  let closing: (() => void) | undefined;
  const flush = async () => {
    if (busy) return;
    busy = true;
    try {
      while (queue.length > 0 && !failed) {
        let size = 0;
        let count = 0;
        for (const text of queue) {
          if (count > 0 && size + text.length > MAX_FRAME_BYTES) break;
          size += text.length;
          count++;
        }
        const response = await fetchImpl(
          `${url}/channel/frames`,
          init('POST', `[${queue.splice(0, count).join(',')}]`),
        );
        failed = !response.ok && response.status !== 413;
        if (!response.ok) (failed ? link.fail : link.report)(await responseError(response, request));
      }
      if (closing && !failed) await fetchImpl(`${url}/channel`, init('DELETE'));
    } catch (cause) {
      failed = true;
      // After close() (and so for the DELETE) the link ignores this: the server expires the channel on its own.
      link.fail(lostError(request, cause));
    }
    busy = false;
    closing?.();
    closing = undefined;
  };
  return {
    send(text) {
      queue.push(text);
      void flush();
    },
    close(then = () => undefined) {
      closing = then;
      void flush();
    },
  };
}
