import { ChatError } from '@clavard/protocol';
import type { ChatClient } from '../headless/index.js';

/**
 * Sends from a UI control: returns whether the message was queued. A refusal (`outbox-full`,
 * `text-too-long`…) is already reported through the client's `error` event, so the control only keeps
 * the visitor's text; anything that is not a `ChatError` is a bug and is re-thrown.
 *
 * @example
 * ```ts
 * if (sendText(client, draft.value)) draft.value = '';
 * ```
 */
export function sendText(client: ChatClient, text: string, quickReplyId?: string): boolean {
  try {
    client.send(text, quickReplyId === undefined ? {} : { quickReplyId });
    return true;
  } catch (error) {
    if (!ChatError.isInstance(error)) throw error;
    return false;
  }
}
