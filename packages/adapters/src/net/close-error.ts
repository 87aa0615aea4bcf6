import { ChatError, type ChatErrorCode } from '@clavard/protocol';

const BY_STATUS: Record<number, ChatErrorCode> = {
  401: 'unauthorized',
  413: 'frame-too-large',
  426: 'unsupported-version',
  429: 'rate-limited',
};

/** A ChatError whose message starts with its code and says what happened where: `connection-lost: …`. */
const chatError = (code: ChatErrorCode, what: string, retryAfterMs = -1, cause?: unknown): ChatError =>
  new ChatError(code, `${code}: ${what}`, retryAfterMs >= 0 ? { retryAfterMs, cause } : { cause });

/**
 * The error for a connection to `url` the server ended with close `code` (a WebSocket close code, or the
 * `code` of an HTTP channel's close notice). The application's codes are 4000 + the HTTP status of the same
 * meaning (`CLOSE_CODES.unauthorized` 4401, `unsupported-version` 4426, `rate-limited` 4429), so they map
 * like {@link httpError}; `reason` may carry `retry-after-ms=<n>`. Anything else is `connection-lost`. The
 * message names the URL and the code: `connection-lost: ws://chat.example/ws closed with 1006`.
 *
 * @example
 * ```ts
 * closeError('wss://chat.example/ws', 4429, 'retry-after-ms=2000'); // rate-limited, retryAfterMs 2000
 * ```
 */
export function closeError(url: string, code: number, reason = ''): ChatError {
  return chatError(
    BY_STATUS[code - 4000] ?? 'connection-lost',
    `${url} closed with ${code} ${reason}`.trim(),
    Number(/retry-after-ms=(\d+)/.exec(reason)?.[1] ?? -1),
  );
}

/**
 * The error for an HTTP response to `request` (`"POST https://…/channel/frames"`) that is not a success:
 * 401 `unauthorized`, 413 `frame-too-large`, 426 `unsupported-version`, 429 `rate-limited`, anything else
 * `connection-lost`; `Retry-After` (in seconds) gives `retryAfterMs`. The message names the request and the
 * status: `connection-lost: POST https://chat.example/clavard/channel/frames answered 502`.
 *
 * @example
 * ```ts
 * if (!response.ok) link.fail(httpError(response, `POST ${url}/channel`));
 * ```
 */
export function httpError(response: Response, request: string): ChatError {
  const { status, headers } = response;
  return chatError(
    BY_STATUS[status] ?? 'connection-lost',
    `${request} answered ${status}`,
    Number(headers.get('retry-after') ?? -1) * 1000,
  );
}

/**
 * The `connection-lost` error for a network failure (fetch rejected, stream broken, socket error): the
 * message names `where` (a URL, or a request such as `"GET https://…/channel/poll"`) and `how` it ended.
 *
 * @example
 * ```ts
 * socket.onerror = (event) => link.fail(lostError(url, event)); // connection-lost: wss://… failed
 * ```
 */
export function lostError(where: string, cause?: unknown, how = 'failed'): ChatError {
  return chatError('connection-lost', `${where} ${how}`, -1, cause);
}
