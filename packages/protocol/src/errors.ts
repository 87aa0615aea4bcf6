import type { ChatErrorCode } from './error-codes.js';

const RETRYABLE: ReadonlySet<ChatErrorCode> = new Set<ChatErrorCode>([
  'rate-limited',
  'unavailable',
  'server-error',
  'connection-lost',
  'connect-timeout',
  'heartbeat-timeout',
  'ack-timeout',
]);

const MARKER = Symbol.for('clavard.chat-error');

/** Options of {@link ChatError}. */
export interface ChatErrorOptions {
  /** Whether trying again may succeed. @default true for network, timeout and 5xx-like codes */
  retryable?: boolean;
  /** How long to wait before trying again, in milliseconds, when the server said so. */
  retryAfterMs?: number;
  /** The `clientId` of the message this error is about, if any. */
  clientId?: string;
  /** What caused it: a lower-level error, or the offending input. */
  cause?: unknown;
}

/**
 * The one error type of Clavard: every failure, on the wire or in the client, is a `ChatError` with a
 * `code` from a closed set. Recognise it with {@link ChatError.isInstance}, which also works across two
 * copies of this package (a `Symbol.for` marker, not `instanceof`).
 *
 * @example
 * ```ts
 * client.on('error', (error) => {
 *   if (ChatError.isInstance(error) && error.code === 'outbox-full') showOutboxFull();
 * });
 * ```
 */
export class ChatError extends Error {
  /** What went wrong, from a closed set. */
  readonly code: ChatErrorCode;
  /** Whether trying again may succeed. */
  readonly retryable: boolean;
  /** How long to wait before trying again, in milliseconds, when known. */
  readonly retryAfterMs: number | undefined;
  /** The `clientId` of the message concerned, when there is one. */
  readonly clientId: string | undefined;
  constructor(code: ChatErrorCode, message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChatError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.clientId = options.clientId;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /**
   * Whether `value` is a `ChatError`, from this copy of the package or any other.
   *
   * @example
   * ```ts
   * try { transport.send(frame); } catch (e) { if (ChatError.isInstance(e)) report(e.code); }
   * ```
   */
  static isInstance(value: unknown): value is ChatError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}
