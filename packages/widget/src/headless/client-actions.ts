// The visitor's actions on one client core that do more than send one frame.
import { ChatError } from '@clavard/protocol';
import type { CoreContext } from './client-context.js';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { sendRead } from './client-session.js';
import { textError } from './message-text.js';

/**
 * Queue a message under `clientId`, stored before it touches the network; a clientId already in the
 * outbox or the timeline is ignored (another tab may forward it again). Throws (and reports) `outbox-full`
 * or `text-too-long`.
 *
 * @example
 * ```ts
 * acceptMessage(context, nanoid(), 'Hello', undefined, () => disposed);
 * ```
 */
export function acceptMessage(
  context: CoreContext,
  clientId: string,
  text: string,
  quickReplyId: string | undefined,
  isDisposed: () => boolean,
): string {
  const { outbox, model, session } = context;
  // A confirmed visitor message's row key is its clientId.
  if (outbox.get(clientId) || model.hasKey(clientId)) return clientId;
  let error = textError(text);
  if (!error) {
    try {
      outbox.add(clientId, text, quickReplyId);
    } catch (thrown) {
      error = ChatError.isInstance(thrown)
        ? thrown
        : new ChatError('outbox-full', 'Refused', { cause: thrown });
    }
  }
  if (error) {
    context.reportError(error);
    throw error;
  }
  // Stored before it touches the network.
  context.persister.flush();
  if (session.over && !isDisposed()) {
    session.over = false;
    context.connection.start();
  }
  context.delivery.pump();
  return clientId;
}

/**
 * Queue a failed message again under `nextId`; undefined when it is not failed.
 *
 * @example
 * ```ts
 * retryMessage(context, clientId, clientId);
 * ```
 */
export function retryMessage(context: CoreContext, clientId: string, nextId: string): string | undefined {
  if (context.outbox.get(clientId)?.state !== 'failed') return undefined;
  context.outbox.retry(clientId, nextId);
  context.persister.flush();
  context.delivery.pump();
  return nextId;
}

/**
 * Say the visitor is typing (at most once per throttle period) or stopped.
 *
 * @example
 * ```ts
 * sendTyping(context, true);
 * ```
 */
export function sendTyping({ connection, session, options }: CoreContext, active: boolean): void {
  if (!connection.isReady) return;
  if (active) {
    const at = options.now();
    const last = session.typingSentAt;
    if (last !== undefined && at - last < CLIENT_DEFAULTS.typingThrottleMs) return;
    if (connection.send({ type: 'typing', active: true })) session.typingSentAt = at;
  } else if (session.typingSentAt !== undefined) {
    session.typingSentAt = undefined;
    connection.send({ type: 'typing', active: false });
  }
}

/**
 * The visitor has seen everything: move the read mark, store it, tell the server.
 *
 * @example
 * ```ts
 * markAllRead(context);
 * ```
 */
export function markAllRead(context: CoreContext): void {
  const { model } = context;
  model.markRead('visitor', model.timeline.lastSeq);
  context.persister.schedule();
  if (model.readSeq.peek() > context.session.readSent && context.connection.isReady) sendRead(context);
}
