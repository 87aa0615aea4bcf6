// The closed sets of error codes. Apart from ChatError (./errors.ts), which carries one, so that a bundle
// can hold the class without the lists (the script tag's panel takes the class from clavard.js).

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
  /** Attachments: the file is over the server's maximum size (`session.welcome.attachments.maxBytes`). */
  'attachment-too-large',
  /** Attachments: the file's first bytes are not an accepted type, or the file cannot be read as one. */
  'attachment-type-refused',
  /** Attachments: the conversation holds as many files as the server allows. */
  'attachment-limit',
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
