import type { ClientFrame } from './client-frames.js';
import { ChatError } from './errors.js';
import { isTooLarge } from './guards.js';
import { MAX_FRAME_BYTES } from './limits.js';
import type { ServerFrame } from './server-frames.js';

/**
 * The JSON text of a frame, ready to send. Throws a `ChatError` with code `frame-too-large` when the text
 * is over {@link MAX_FRAME_BYTES} in UTF-8: the sender built a frame the other side would refuse.
 *
 * @example
 * ```ts
 * socket.send(encodeFrame({ type: 'message.send', clientId: nanoid(), text: 'Hello!' }));
 * ```
 */
export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  const json = JSON.stringify(frame);
  if (isTooLarge(json)) {
    throw new ChatError('frame-too-large', `${frame.type}: text is over ${MAX_FRAME_BYTES} bytes`, {
      retryable: false,
    });
  }
  return json;
}
