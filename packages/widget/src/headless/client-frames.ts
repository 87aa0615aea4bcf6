// What one client core does with each frame the server sends: one handler per frame type, in a table
// that fails to compile when the protocol gains a frame without one.
import {
  ChatError,
  type ConversationEvent,
  isCompatibleVersion,
  parseServerFrame,
  type ServerFrame,
  type ServerFrameType,
  toChatError,
} from '@clavard/protocol';
import type { CoreContext } from './client-context.js';
import { adoptConversation, applyEvents, checkGap, discontinuity, requestHistory } from './client-history.js';
import { sendRead } from './client-session.js';
import { onHandoffResult, sendHandoff } from './handoff.js';

/** The frame whose `type` may be `T` (`ping` and `pong` share one shape). */
type FrameOf<T extends ServerFrameType> = ServerFrame extends infer F
  ? F extends { type: infer U }
    ? T extends U
      ? F
      : never
    : never
  : never;
type Handler<T extends ServerFrameType> = (context: CoreContext, frame: FrameOf<T>) => void;

/** Errors the server attaches to one message that will not succeed by re-sending it as is. */
const MESSAGE_FAILURES = new Set([
  'idempotency-conflict',
  'text-too-long',
  'conversation-ended',
  'forbidden',
  'invalid-frame',
  'frame-too-large',
  'not-found',
]);

const onWelcome: Handler<'session.welcome'> = (context, frame) => {
  const { connection, model, session, persister } = context;
  if (!isCompatibleVersion(frame.v)) {
    connection.halt(new ChatError('unsupported-version', `Server speaks ${frame.v}`));
    return;
  }
  session.token = frame.token;
  context.attachments.limits.value = frame.attachments;
  model.setAvailability(frame.availability);
  if (frame.agent) model.setAgent(frame.agent);
  connection.ready(frame.heartbeatMs);
  model.timeline.forgetRequest();
  const info = frame.conversation;
  if (info) {
    const previous = model.conversation.peek();
    if (previous && previous.id === info.id && previous.epoch !== '' && previous.epoch !== info.epoch) {
      discontinuity(context, info.id, info.epoch, 'epoch-changed');
    } else {
      adoptConversation(context, info.id, info.epoch);
      model.setConversation({ id: info.id, epoch: info.epoch, status: info.status });
      if (info.lastSeq > model.timeline.lastSeq) {
        // Missed events: ask once; what the server also replays is dropped as duplicate.
        model.timeline.forgetRequest();
        requestHistory(context, model.timeline.lastSeq);
      } else checkGap(context);
    }
  }
  // After the conversation is adopted (which drops a form asked before an earlier one).
  model.setPrechat(frame.prechat && { form: frame.prechat, errors: undefined });
  persister.flush();
  // Before the messages that waited: a message typed meanwhile belongs to the handoff's conversation.
  sendHandoff(context);
  context.delivery.ready();
  if (model.readSeq.peek() > session.readSent) sendRead(context);
  for (const queued of session.controlQueue.splice(0)) connection.send(queued);
};

const onAck: Handler<'message.ack'> = (context, frame) => {
  const { outbox, model, delivery } = context;
  const item = outbox.get(frame.clientId);
  if (!item || item.state === 'failed' || !adoptConversation(context, frame.conversationId)) {
    delivery.settled(frame.clientId);
    return;
  }
  if (frame.seq <= model.timeline.lastSeq) {
    // Already in the timeline under another path; nothing pending stays behind.
    if (model.hasSeq(frame.seq)) outbox.remove(frame.clientId);
    else outbox.markSent(frame.clientId, frame.seq);
  } else {
    outbox.markSent(frame.clientId, frame.seq);
    const echo: ConversationEvent = {
      type: 'message',
      conversationId: frame.conversationId,
      seq: frame.seq,
      at: frame.at,
      id: frame.id,
      author: { role: 'visitor' },
      content: { kind: 'text', text: item.text },
      clientId: frame.clientId,
    };
    applyEvents(context, [echo]);
  }
  // Only now, with the item no longer queued, may the next one go.
  delivery.settled(frame.clientId);
  context.persister.flush();
};

const onServerError: Handler<'error'> = (context, frame) => {
  const { connection, persister } = context;
  const error = toChatError(frame);
  if (frame.code === 'unauthorized' || frame.code === 'unsupported-version') {
    connection.halt(error);
    return;
  }
  if (frame.code === 'token-expired') {
    context.session.token = undefined;
    persister.flush();
    context.reportError(error);
    connection.reconnectAfter(0);
    return;
  }
  if (frame.clientId !== undefined && MESSAGE_FAILURES.has(frame.code)) {
    context.outbox.fail(frame.clientId, frame.code);
    persister.flush();
    context.delivery.settled(frame.clientId);
  } else if (frame.retryAfterMs !== undefined) {
    connection.pause(frame.retryAfterMs);
    context.delivery.pause(frame.retryAfterMs);
  }
  context.reportError(error);
};

const onHistory: Handler<'history'> = (context, frame) => {
  if (!adoptConversation(context, frame.conversationId, frame.epoch)) return;
  context.session.reloading = false;
  context.gapTimer.clear();
  // An event of another conversation inside the page would be shown (or held) in this one.
  const events = frame.events.filter((event) => event.conversationId === frame.conversationId);
  if (events.length < frame.events.length) {
    context.reportError(new ChatError('invalid-frame', 'history carried events of another conversation'));
  }
  applyEvents(context, events);
  if (frame.hasMore) requestHistory(context, context.model.timeline.lastSeq);
};

/** A conversation event: applied when it belongs to the current conversation (or starts one). */
const onEvent = (context: CoreContext, frame: ConversationEvent): void => {
  if (adoptConversation(context, frame.conversationId)) applyEvents(context, [frame]);
};

const onPrechatResult: Handler<'prechat.result'> = ({ model }, frame) => {
  const form = model.prechat.peek()?.form;
  if (form?.formId !== frame.formId) return;
  // Accepted: the visitor may write now. Refused: the messages go beside the fields.
  model.setPrechat(
    frame.status === 'accepted'
      ? { form, errors: undefined, accepted: true }
      : { form, errors: frame.errors ?? {} },
  );
};

const FRAME_HANDLERS: { [T in ServerFrameType]: Handler<T> } = {
  'session.welcome': onWelcome,
  message: onEvent,
  'agent.joined': onEvent,
  'agent.left': onEvent,
  'agent.transferred': onEvent,
  'form.request': onEvent,
  'form.result': onEvent,
  'conversation.ended': onEvent,
  history: onHistory,
  'message.ack': onAck,
  typing: ({ model }, frame) => {
    if (frame.by.role !== 'visitor') model.setTyping(frame.by, frame.active);
  },
  read: ({ model }, frame) => model.markRead(frame.by, frame.upToSeq),
  'queue.update': ({ model }, frame) =>
    model.setQueue({ position: frame.position, etaSeconds: frame.etaSeconds }),
  availability: ({ model }, { type: _type, ...availability }) => model.setAvailability(availability),
  discontinuity: (context, frame) => discontinuity(context, frame.conversationId, frame.epoch, frame.reason),
  error: onServerError,
  ping: ({ connection }, frame) =>
    void connection.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id }),
  pong: () => {},
  'prechat.result': onPrechatResult,
  'handoff.result': onHandoffResult,
  'session.reconnect': ({ connection }, frame) => connection.reconnectAfter(frame.retryAfterMs ?? 0),
  // Ended on purpose (shutdown, forget, or another tab's): write nothing more and stay closed until the
  // visitor writes again, so that no new session is made for nobody.
  'session.ended': ({ session, persister, connection, model }) => {
    session.token = undefined;
    model.setPrechat(undefined);
    session.over = true;
    persister.clear();
    connection.stop();
  },
};

/**
 * Handle what the transport received: a valid frame goes to its handler, a malformed one is reported, an
 * unknown one is skipped.
 *
 * @example
 * ```ts
 * createConnectionModel({ onFrame: (data) => receive(context, data), … });
 * ```
 */
export function receive(context: CoreContext, data: unknown): void {
  const parsed = parseServerFrame(data);
  if (!parsed.ok) {
    if (!parsed.ignored) context.reportError(parsed.error);
    return;
  }
  const frame = parsed.value;
  // `type` and the frame come from one parsed value, which TypeScript cannot correlate.
  (FRAME_HANDLERS[frame.type] as Handler<typeof frame.type>)(context, frame as never);
}
