import { ChatError, type ChatErrorCode } from '@clavard/protocol';

const BY_STATUS: Record<number, ChatErrorCode> = {
  401: 'unauthorized',
  413: 'frame-too-large',
  426: 'unsupported-version',
  429: 'rate-limited',
};

const statusError = (status: number, message: string, retryAfterMs: number): ChatError =>
  new ChatError(BY_STATUS[status] ?? 'connection-lost', message, retryAfterMs >= 0 ? { retryAfterMs } : {});

/**
 * The error for a connection the server ended with close `code` (a WebSocket close code, or the `code` of
 * an HTTP channel's close notice). The application's codes are 4000 + the HTTP status of the same meaning
 * (`CLOSE_CODES.unauthorized` 4401, `unsupported-version` 4426, `rate-limited` 4429), so they map like
 * {@link httpError}; `reason` may carry `retry-after-ms=<n>`. Anything else is `connection-lost`.
 *
 * @example
 * ```ts
 * closeError(4429, 'retry-after-ms=2000'); // rate-limited, retryAfterMs 2000
 * ```
 */
export function closeError(code: number, reason = ''): ChatError {
  return statusError(
    code - 4000,
    `close ${code} ${reason}`,
    Number(/retry-after-ms=(\d+)/.exec(reason)?.[1] ?? -1),
  );
}

/**
 * The error for an HTTP response that is not a success: 401 `unauthorized`, 413 `frame-too-large`,
 * 426 `unsupported-version`, 429 `rate-limited`, anything else `connection-lost`; `Retry-After` (in
 * seconds) gives `retryAfterMs`.
 *
 * @example
 * ```ts
 * if (!response.ok) link.fail(httpError(response));
 * ```
 */
export function httpError(response: Response): ChatError {
  const { status, headers } = response;
  return statusError(status, `HTTP ${status}`, Number(headers.get('retry-after') ?? -1) * 1000);
}

/**
 * The error for a network failure (fetch rejected, stream broken, socket error).
 *
 * @example
 * ```ts
 * socket.onerror = (event) => link.fail(lostError(event));
 * ```
 */
export function lostError(cause?: unknown): ChatError {
  return new ChatError('connection-lost', 'connection lost', { cause });
}
