import type { ClientFrame } from './client-frames.js';
import { ChatError } from './errors.js';
import { parseTagged } from './guards.js';
import { clientTable, serverTable } from './schemas.js';
import type { ServerError, ServerFrame } from './server-frames.js';

/**
 * What the parsers return; they never throw. `ok: false` with `ignored: true` is a frame of a type this
 * version does not know: skip it silently (a newer peer may send it). `ok: false` with an `error` is a
 * malformed frame: report it and go on.
 *
 * @example
 * ```ts
 * const result = parseServerFrame(data);
 * if (result.ok) handle(result.value);
 * else if (!result.ignored) report(result.error);
 * ```
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; ignored: true; type: string }
  | { ok: false; ignored: false; error: ChatError };

/**
 * Validate a frame received from a server: a JSON text or an already-decoded value. Never throws. The
 * value returned is a fresh object holding the known fields only; an unknown `type` is `ignored`; an
 * unknown error code reads as `server-error`; a content kind this version does not know becomes a text
 * message with the frame's `text` fallback; a bad avatar or image URL is left out.
 *
 * @example
 * ```ts
 * transport.on('frame', (data) => {
 *   const result = parseServerFrame(data);
 *   if (result.ok) client.apply(result.value);
 *   else if (!result.ignored) client.report(result.error); // invalid-frame, frame-too-large, text-too-long
 * });
 * ```
 */
export function parseServerFrame(input: unknown): ParseResult<ServerFrame> {
  return parseTagged(serverTable(), input);
}

/**
 * Validate a frame received from a client (on the server): a JSON text or an already-decoded value.
 * Never throws; same rules as {@link parseServerFrame}.
 *
 * @example
 * ```ts
 * socket.on('message', (data) => {
 *   const result = parseClientFrame(String(data));
 *   if (result.ok) handle(result.value);
 *   else if (!result.ignored) send({ type: 'error', code: result.error.code, message: result.error.message, retryable: false });
 * });
 * ```
 */
export function parseClientFrame(input: unknown): ParseResult<ClientFrame> {
  return parseTagged(clientTable(), input);
}

/**
 * The {@link ChatError} a server `error` frame stands for, with its code, `retryable`, `retryAfterMs` and
 * `clientId`.
 *
 * @example
 * ```ts
 * if (frame.type === 'error') emit('error', toChatError(frame));
 * ```
 */
export function toChatError(frame: ServerError): ChatError {
  return new ChatError(frame.code, frame.message, frame);
}
