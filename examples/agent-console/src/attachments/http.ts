/**
 * What the console's file requests share: where they go, the agent's token (in the `Authorization`
 * header, never in a URL: URLs end up in logs and the browser's history), and their errors, as the
 * server answers them (`{ code, message, retryable }`) or as the network fails.
 */

/**
 * Where the agent's file requests go and with which token.
 *
 * @example
 * ```ts
 * const http: FileHttp = { base: `${location.origin}/agent`, token };
 * ```
 */
export interface FileHttp {
  /** The agent API's HTTP base: `<origin>/agent`. */
  base: string;
  /** The token from `POST /agent/login`. */
  token: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default globalThis.XMLHttpRequest */
  XMLHttpRequest?: typeof XMLHttpRequest;
}

/**
 * A refused or failed file request: `code` is the server's error code, or `network` when no answer came,
 * or `aborted` when the agent cancelled it.
 *
 * @example
 * ```ts
 * if (error instanceof FileError && error.retryable) showRetry();
 * ```
 */
export class FileError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable: boolean) {
    super(message);
    this.name = 'FileError';
    this.code = code;
    this.retryable = retryable;
  }
}

/**
 * The error of an answer that is not a success, from its status and body.
 *
 * @example
 * ```ts
 * errorOf(413, '{"code":"attachment-too-large","message":"…","retryable":false}').code; // 'attachment-too-large'
 * ```
 */
export function errorOf(status: number, body: string): FileError {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown; retryable?: unknown };
    if (typeof parsed.code === 'string') {
      return new FileError(
        parsed.code,
        typeof parsed.message === 'string' ? parsed.message : `HTTP ${status}`,
        parsed.retryable === true,
      );
    }
  } catch {
    // Not JSON (a proxy's page): judged by its status below.
  }
  return new FileError(status >= 500 ? 'unavailable' : 'server-error', `HTTP ${status}`, status >= 500);
}

/**
 * The error when the request got no answer at all (retryable).
 *
 * @example
 * ```ts
 * xhr.onerror = () => reject(networkError());
 * ```
 */
export const networkError = (): FileError =>
  new FileError('network', 'the server could not be reached', true);

/**
 * The headers of every file request: the agent's token.
 *
 * @example
 * ```ts
 * fetch(url, { headers: authHeaders(http) });
 * ```
 */
export function authHeaders(http: FileHttp): Record<string, string> {
  return { authorization: `Bearer ${http.token}` };
}
