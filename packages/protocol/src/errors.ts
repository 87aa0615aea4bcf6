/**
 * Error codes a server may put in an `error` frame. A closed set: a parser maps any code it does not
 * know to `server-error`, so that a newer server never breaks an older widget.
 */
export const SERVER_ERROR_CODES = [
  /** The peer's major protocol version differs: the client must not retry with the same version. */
  'unsupported-version',
  /** The frame is not valid JSON, not an object, or misses or mistypes a required field. */
  'invalid-frame',
  /** The frame is over {@link MAX_FRAME_BYTES}. */
  'frame-too-large',
  /** A text is over {@link MAX_TEXT_LENGTH}. */
  'text-too-long',
  /** No valid session or identity token: ask the host for a fresh token, once; never retry as is. */
  'unauthorized',
  /** The session token has expired: start a new session (hello without token). */
  'token-expired',
  /** The token is valid but does not open this resource. */
  'forbidden',
  /** The conversation, form or message referred to does not exist. */
  'not-found',
  /** Too many frames: pause for `retryAfterMs`. */
  'rate-limited',
  /** The same `clientId` was sent with a different content: the second one is refused. */
  'idempotency-conflict',
  /** The conversation has ended: no more messages can be added to it. */
  'conversation-ended',
  /** The service is temporarily unavailable (maintenance, overload): retry after `retryAfterMs`. */
  'unavailable',
  /** Agent API: the organisation requires a greeting before an agent's first answer in a conversation. */
  'greeting-required',
  /** Agent API: the organisation requires a closing text to end a conversation. */
  'closing-required',
  /** Anything else that went wrong on the server. */
  'server-error',
] as const;

/** One of {@link SERVER_ERROR_CODES}. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** Error codes raised on the client side, by transports and by the chat client. */
export const CLIENT_ERROR_CODES = [
  /** The connection dropped or could not be made. */
  'connection-lost',
  /** Connecting took longer than the connect timeout. */
  'connect-timeout',
  /** No frame arrived within the heartbeat timeout: the connection is taken as dead. */
  'heartbeat-timeout',
  /** A message was not acknowledged in time; it is re-sent with the same clientId. */
  'ack-timeout',
  /** The outbox holds its maximum of messages; the new one was refused, not dropped. */
  'outbox-full',
  /** History could not be recovered (epoch changed or gap unfillable); the view was reloaded. */
  'discontinuity',
  /** A history request went unanswered after every retry; what is shown may miss events. */
  'history-unavailable',
  /** Browser storage is missing, full or refused; the chat goes on in memory. */
  'storage-unavailable',
  /** A caller passed a wrong option or argument. */
  'invalid-option',
  /** `send()` was called on a transport that is not open. */
  'transport-closed',
  /** A frame type this version does not know; ignored by design. */
  'unknown-frame',
] as const;

/** One of {@link CLIENT_ERROR_CODES}. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every code a {@link ChatError} may carry. */
export type ChatErrorCode = ServerErrorCode | ClientErrorCode;

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

/**
 * Whether `code` is one of the codes a server may send.
 *
 * @example
 * ```ts
 * isServerErrorCode('rate-limited'); // true
 * ```
 */
export function isServerErrorCode(code: unknown): code is ServerErrorCode {
  return typeof code === 'string' && (SERVER_ERROR_CODES as readonly string[]).includes(code);
}
