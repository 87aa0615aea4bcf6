// The session of one client core: what is stored and restored, the hello, the frames that wait for the
// connection, and the wipe of shutdown() and forget().
import { type ClientFrame, PROTOCOL_VERSION } from '@clavard/protocol';
import { batch } from '@preact/signals-core';
import type { CoreContext } from './client-context.js';
import { pageContext } from './page-context.js';
import type { SavedState } from './persistence.js';

/**
 * What the core stores: only what resume needs.
 *
 * @example
 * ```ts
 * createPersister({ storage, key, snapshot: () => snapshot(context), onError });
 * ```
 */
export function snapshot({ model, outbox, session, options }: CoreContext): SavedState {
  const state: SavedState = {
    v: 1,
    lastSeq: model.timeline.lastSeq,
    readSeq: model.readSeq.peek(),
    outbox: outbox.saved(),
    events: model.recent(options.messageCacheLimit),
  };
  const conversation = model.conversation.peek();
  if (session.token !== undefined) state.token = session.token;
  if (conversation) {
    state.conversationId = conversation.id;
    state.epoch = conversation.epoch;
  }
  return state;
}

/**
 * Load what the previous page (or the previous leader tab) stored.
 *
 * @example
 * ```ts
 * restoreSaved(context); // once, when the core is made
 * ```
 */
export function restoreSaved({ persister, model, outbox, session }: CoreContext): void {
  const saved = persister.load();
  if (!saved) return;
  session.token = saved.token;
  if (saved.conversationId !== undefined) {
    model.setConversation({ id: saved.conversationId, epoch: saved.epoch ?? '', status: 'active' });
    model.restore(saved.events, saved.lastSeq, saved.readSeq);
    session.readSent = saved.readSeq;
  }
  outbox.restore(saved.outbox);
  outbox.expire();
}

/**
 * Say hello on a new connection: the token and the conversation to resume, the identity, the page.
 *
 * @example
 * ```ts
 * createConnectionModel({ onOpen: () => sendHello(context), … });
 * ```
 */
export function sendHello({ model, session, options, connection }: CoreContext): void {
  const conversation = model.conversation.peek();
  const hello: ClientFrame = { type: 'session.hello', v: PROTOCOL_VERSION, locale: options.locale };
  if (session.token !== undefined) hello.token = session.token;
  if (conversation) {
    hello.resume = { conversationId: conversation.id, lastSeq: model.timeline.lastSeq };
    if (conversation.epoch) hello.resume.epoch = conversation.epoch;
  }
  const identity = session.identified ?? options.identity?.();
  if (identity !== undefined) hello.identity = identity;
  Object.assign(hello, pageContext(options.document));
  connection.send(hello);
}

/**
 * Tell the server how far the visitor has read.
 *
 * @example
 * ```ts
 * if (model.readSeq.peek() > session.readSent) sendRead(context);
 * ```
 */
export function sendRead({ model, connection, session }: CoreContext): void {
  const upToSeq = model.readSeq.peek();
  if (connection.send({ type: 'read', upToSeq })) session.readSent = upToSeq;
}

/**
 * Send a form, a rating or an end now, or when the connection is ready. Not stored (form values may be
 * sensitive): if the tab dies first, the visitor is asked again.
 *
 * @example
 * ```ts
 * control(context, { type: 'conversation.end', conversationId });
 * ```
 */
export function control({ connection, session }: CoreContext, frame: ClientFrame): void {
  if (!connection.isReady || !connection.send(frame)) session.controlQueue.push(frame);
}

/**
 * End (or erase) the server session and forget everything local. Offline, the frame cannot go, but the
 * session token is gone from this browser with the rest, so nobody here can resume that session.
 *
 * @example
 * ```ts
 * wipe(context, 'session.forget');
 * ```
 */
export function wipe(context: CoreContext, type: 'session.end' | 'session.forget'): void {
  const { connection, session, model, outbox } = context;
  if (connection.isReady) connection.send({ type });
  session.token = undefined;
  session.identified = undefined;
  session.controlQueue.length = 0;
  context.gapTimer.clear();
  batch(() => {
    outbox.clear();
    model.clear();
    model.setConversation(undefined);
    model.setAgent(undefined);
    model.setQueue(undefined);
  });
  context.persister.clear();
  context.emitter.emit('shutdown', { forgotten: type === 'session.forget' });
}
