// The visitor's actions on one client core that do more than send one frame.
import { ChatError } from '@clavard/protocol';
import { nanoid } from 'nanoid';
import type { CoreContext } from './client-context.js';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { sendRead } from './client-session.js';
import { textError } from './message-text.js';
import type { OutboxFile } from './outbox.js';

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
  file?: OutboxFile,
): string {
  const { outbox, model, session } = context;
  // A confirmed visitor message's row key is its clientId.
  if (outbox.get(clientId) || model.hasKey(clientId)) return clientId;
  // A file's caption may be empty; a message without a file may not.
  let error = file && text === '' ? undefined : textError(text);
  if (!error) {
    try {
      outbox.add(clientId, text, quickReplyId, file);
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
 * Queue a file (see `ChatClient.attach`): checked against the server's limits and the room left for files
 * waiting, its bytes kept, then accepted as a message with its caption under the same clientId.
 *
 * @example
 * ```ts
 * const clientId = await attachFile(context, file, 'The error', (id, text, f) => core.accept(id, text, undefined, f));
 * ```
 */
export function attachFile(
  context: CoreContext,
  file: Blob & { readonly name?: string },
  caption: string,
  accept: (clientId: string, text: string, file: OutboxFile) => string,
): Promise<string> {
  const { attachments, outbox, options } = context;
  const waiting = outbox.items.peek().reduce((sum, item) => sum + (item.file?.size ?? 0), 0);
  const clientId = nanoid();
  return attachments
    .prepare(clientId, file, attachments.offered.peek(), options.outboxFileBytes - waiting)
    .then(
      (described) => {
        try {
          return accept(clientId, caption, described);
        } catch (error) {
          attachments.release(clientId);
          throw error;
        }
      },
      (error: ChatError) => {
        context.reportError(error);
        throw error;
      },
    );
}

/**
 * Take back a message not sent yet: a file still uploading, or any failed message. Its upload stops and
 * its bytes are dropped.
 *
 * @example
 * ```ts
 * cancelMessage(context, clientId); // true
 * ```
 */
export function cancelMessage(context: CoreContext, clientId: string): boolean {
  const { outbox, attachments, delivery } = context;
  const item = outbox.get(clientId);
  // A message on the wire may be stored already: only a file before its message goes, or a failure.
  const beforeItsMessage =
    item?.file !== undefined && item.state === 'queued' && !delivery.onTheWire(clientId);
  if (!item || (item.state !== 'failed' && !beforeItsMessage)) return false;
  attachments.abort(clientId);
  outbox.remove(clientId);
  // Its bytes go with it: attachments.ts drops the bytes no outbox item names any more.
  context.persister.flush();
  delivery.settled(clientId);
  return true;
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
