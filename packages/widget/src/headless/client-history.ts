// History and resume for one client core: which conversation the events belong to, the requests that
// fill a gap, and the reload after a discontinuity.
import { ChatError, type ConversationEvent } from '@clavard/protocol';
import type { CoreContext } from './client-context.js';
import { CLIENT_DEFAULTS } from './client-defaults.js';

/**
 * Ask for the events after `afterSeq`; unanswered, ask again, then report one `history-unavailable`.
 *
 * @example
 * ```ts
 * requestHistory(context, model.timeline.lastSeq);
 * ```
 */
export function requestHistory(context: CoreContext, afterSeq: number, attempt = 1): void {
  const { model, connection, gapTimer } = context;
  const conversation = model.conversation.peek();
  if (!conversation || !connection.isReady) return;
  connection.send({ type: 'history.since', conversationId: conversation.id, afterSeq });
  // A lost request or answer must not leave the timeline short for good (after a discontinuity it is
  // empty, with no gap to notice): the same request again, then one `history-unavailable`.
  gapTimer.set(context.options.ackTimeoutMs, () => {
    model.timeline.forgetRequest();
    if (attempt < CLIENT_DEFAULTS.historyAttempts) return requestHistory(context, afterSeq, attempt + 1);
    context.reportError(
      new ChatError('history-unavailable', `no answer to history.since after ${attempt} requests`, {
        retryable: true,
      }),
    );
    checkGap(context);
  });
}

/**
 * Ask for the missing events when the timeline has a gap.
 *
 * @example
 * ```ts
 * checkGap(context);
 * ```
 */
export function checkGap(context: CoreContext): void {
  const afterSeq = context.model.timeline.takeGapRequest();
  if (afterSeq !== undefined) requestHistory(context, afterSeq);
}

/**
 * The history cannot continue as it is: clear the timeline, requeue what was sent, emit `discontinuity`
 * once, and reload the whole conversation.
 *
 * @example
 * ```ts
 * discontinuity(context, frame.conversationId, frame.epoch, 'epoch-changed');
 * ```
 */
export function discontinuity(
  context: CoreContext,
  conversationId: string,
  epoch: string,
  reason: 'epoch-changed' | 'history-unavailable',
): void {
  const { model, session } = context;
  // Already reloading this conversation: one event. Another conversation's events must not stay shown.
  const sameConversation = model.conversation.peek()?.id === conversationId;
  model.setConversation({ id: conversationId, epoch, status: model.conversation.peek()?.status ?? 'active' });
  if (session.reloading && sameConversation) return;
  session.reloading = true;
  model.clear();
  context.outbox.requeueSent();
  context.persister.schedule();
  context.emitter.emit('discontinuity', { conversationId, epoch, reason });
  requestHistory(context, 0);
}

/**
 * Make `conversationId` the current conversation (a new one starts its timeline afresh); false when its
 * epoch changed, which starts a reload instead.
 *
 * @example
 * ```ts
 * if (adoptConversation(context, frame.conversationId)) applyEvents(context, [frame]);
 * ```
 */
export function adoptConversation(context: CoreContext, conversationId: string, epoch?: string): boolean {
  const { model } = context;
  const current = model.conversation.peek();
  if (current && current.id === conversationId) {
    if (epoch !== undefined && current.epoch !== epoch) {
      if (current.epoch === '') model.setConversation({ ...current, epoch });
      else {
        discontinuity(context, conversationId, epoch, 'epoch-changed');
        return false;
      }
    }
    return true;
  }
  // A new conversation (the first one, or one after the previous ended): start its timeline afresh.
  model.clear();
  model.setConversation({ id: conversationId, epoch: epoch ?? '', status: 'active' });
  // Learn the epoch now (a `history` frame carries it), or a later epoch change would go unnoticed.
  if (epoch === undefined) requestHistory(context, 0);
  return true;
}

/**
 * Offer events to the timeline; emit each one applied (the visitor's own settle their delivery).
 *
 * @example
 * ```ts
 * applyEvents(context, frame.events);
 * ```
 */
export function applyEvents(context: CoreContext, events: readonly ConversationEvent[]): void {
  const applied = context.model.offer(events);
  for (const event of applied) {
    if (event.type === 'message' && event.clientId !== undefined) context.delivery.settled(event.clientId);
    context.emitter.emit(event.type, event);
  }
  if (applied.length > 0) context.persister.schedule();
  checkGap(context);
}
