import {
  ChatError,
  type ClientFrame,
  type ConversationEvent,
  isCompatibleVersion,
  type MessageAck,
  PROTOCOL_VERSION,
  parseServerFrame,
  type ServerFrame,
  type SessionWelcome,
} from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { batch, computed, type ReadonlySignal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { createConnectionModel, type DocumentLike, type WindowLike } from './connection-model.js';
import { createConversationModel } from './conversation-model.js';
import { createDelivery } from './delivery.js';
import { checkIdentityToken, textError } from './message-text.js';
import { createOutbox } from './outbox.js';
import { pageContext } from './page-context.js';
import { createPersister, type SavedState } from './persistence.js';
import { type ChatStorage, createLocalStorage, createMemoryStorage } from './storage.js';
import { createTabbedClient, resolveTabs } from './tab-client.js';
import type { ClientCore } from './tab-types.js';
import { createTimerSlot } from './timers.js';
import type { ChatClient, ChatClientOptions, ChatEvents } from './types.js';

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
const TYPING_THROTTLE_MS = 3000;
/** How many times an unanswered history request is sent before `history-unavailable` is reported. */
const HISTORY_ATTEMPTS = 3;

const readOnly = <T>(source: ReadonlySignal<T>): ReadonlySignal<T> => computed(() => source.value);

/**
 * Create the headless chat client. Nothing connects until `connect()`; nothing touches `window` when
 * there is none.
 *
 * @example
 * ```ts
 * const client = createChatClient({ transport: createWebSocketTransport({ url }) });
 * client.on('error', (error) => log(error.code));
 * client.connect();
 * const clientId = client.send('Hello!');
 * ```
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const tabs = resolveTabs(options);
  return tabs ? createTabbedClient(options, tabs, createClientCore) : createClientCore(options);
}

/**
 * The client of one tab, which owns the transport: what {@link createChatClient} returns without
 * multi-tab, and what the leader tab runs with it.
 *
 * @example
 * ```ts
 * const core = createClientCore({ transport, storage });
 * core.accept(clientIdFromAnotherTab, 'Hello', undefined);
 * ```
 */
export function createClientCore(options: ChatClientOptions): ClientCore {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const win: (WindowLike & { readonly localStorage?: Storage }) | undefined =
    options.window ?? (typeof window === 'undefined' ? undefined : window);
  const doc: DocumentLike | undefined =
    options.document ?? (typeof document === 'undefined' ? undefined : document);
  const cacheLimit = options.messageCacheLimit ?? 200;
  const emitter = createEmitter<ChatEvents>();
  // Errors found while creating the client wait for a microtask, so the caller can listen first.
  let startupErrors: ChatError[] | undefined = [];
  const reportError = (error: ChatError): void => {
    if (startupErrors) startupErrors.push(error);
    else emitter.emit('error', error);
  };

  let storage: ChatStorage;
  if (options.storage === false) storage = createMemoryStorage();
  else if (options.storage) storage = options.storage;
  else {
    const local = createLocalStorage(win);
    storage = local ?? createMemoryStorage();
    if (!local && win) reportError(new ChatError('storage-unavailable', 'localStorage is not usable'));
  }

  const outbox = createOutbox({
    limit: options.outboxLimit ?? 200,
    maxAgeMs: options.outboxMaxAgeMs ?? 86_400_000,
    now,
  });
  const model = createConversationModel({ outbox });
  let token: string | undefined;
  let reloading = false;
  let typingSentAt: number | undefined;
  let readSent = 0;
  const controlQueue: ClientFrame[] = [];
  /** The server ended the session: the next message connects again, with a new session. */
  let sessionOver = false;
  /** The identity token given to `identify()`: memory only. */
  let identified: string | undefined;
  const gapTimer = createTimerSlot();
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;

  const snapshot = (): SavedState => {
    const state: SavedState = {
      v: 1,
      lastSeq: model.timeline.lastSeq,
      readSeq: model.readSeq.peek(),
      outbox: outbox.saved(),
      events: model.confirmed.peek().slice(-cacheLimit),
    };
    const conversation = model.conversation.peek();
    if (token !== undefined) state.token = token;
    if (conversation) {
      state.conversationId = conversation.id;
      state.epoch = conversation.epoch;
    }
    return state;
  };
  const persister = createPersister({
    storage,
    key: `clavard:${options.namespace ?? 'default'}`,
    snapshot,
    onError: reportError,
  });

  const connection = createConnectionModel({
    transport: options.transport,
    window: win,
    document: doc,
    random,
    now,
    backoff: options.backoff ?? {},
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 35_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    onOpen: sendHello,
    onFrame: receive,
    onLost: () => {
      delivery.lost();
      gapTimer.clear();
      model.clearTyping();
      typingSentAt = undefined;
    },
    onError: reportError,
  });
  const delivery = createDelivery({
    outbox,
    send: connection.send,
    ackTimeoutMs,
    onError: reportError,
    // The visitor's consent goes with the message that starts a conversation.
    consent: () => (model.conversation.peek() === undefined ? options.consent?.() : undefined),
  });

  //#region restore
  const saved = persister.load();
  if (saved) {
    token = saved.token;
    if (saved.conversationId !== undefined) {
      model.setConversation({ id: saved.conversationId, epoch: saved.epoch ?? '', status: 'active' });
      model.restore(saved.events, saved.lastSeq, saved.readSeq);
      readSent = saved.readSeq;
    }
    outbox.restore(saved.outbox);
    outbox.expire();
  }
  //#endregion

  //#region incoming
  function sendHello(): void {
    const conversation = model.conversation.peek();
    const hello: ClientFrame = { type: 'session.hello', v: PROTOCOL_VERSION, locale: options.locale ?? 'en' };
    if (token !== undefined) hello.token = token;
    if (conversation) {
      hello.resume = { conversationId: conversation.id, lastSeq: model.timeline.lastSeq };
      if (conversation.epoch) hello.resume.epoch = conversation.epoch;
    }
    const identity = identified ?? options.identity?.();
    if (identity !== undefined) hello.identity = identity;
    Object.assign(hello, pageContext(options.document));
    connection.send(hello);
  }

  function requestHistory(afterSeq: number, attempt = 1): void {
    const conversation = model.conversation.peek();
    if (!conversation || !connection.isReady) return;
    connection.send({ type: 'history.since', conversationId: conversation.id, afterSeq });
    // A lost request or answer must not leave the timeline short for good (after a discontinuity it is
    // empty, with no gap to notice): the same request again, then one `history-unavailable`.
    gapTimer.set(ackTimeoutMs, () => {
      model.timeline.forgetRequest();
      if (attempt < HISTORY_ATTEMPTS) return requestHistory(afterSeq, attempt + 1);
      reportError(
        new ChatError('history-unavailable', `no answer to history.since after ${attempt} requests`, {
          retryable: true,
        }),
      );
      checkGap();
    });
  }

  function checkGap(): void {
    const afterSeq = model.timeline.takeGapRequest();
    if (afterSeq !== undefined) requestHistory(afterSeq);
  }

  function discontinuity(
    conversationId: string,
    epoch: string,
    reason: 'epoch-changed' | 'history-unavailable',
  ) {
    // Already reloading this conversation: one event. Another conversation's events must not stay shown.
    const sameConversation = model.conversation.peek()?.id === conversationId;
    model.setConversation({
      id: conversationId,
      epoch,
      status: model.conversation.peek()?.status ?? 'active',
    });
    if (reloading && sameConversation) return;
    reloading = true;
    model.clear();
    outbox.requeueSent();
    persister.schedule();
    emitter.emit('discontinuity', { conversationId, epoch, reason });
    requestHistory(0);
  }

  function adoptConversation(conversationId: string, epoch?: string): boolean {
    const current = model.conversation.peek();
    if (current && current.id === conversationId) {
      if (epoch !== undefined && current.epoch !== epoch) {
        if (current.epoch === '') model.setConversation({ ...current, epoch });
        else {
          discontinuity(conversationId, epoch, 'epoch-changed');
          return false;
        }
      }
      return true;
    }
    // A new conversation (the first one, or one after the previous ended): start its timeline afresh.
    model.clear();
    model.setConversation({ id: conversationId, epoch: epoch ?? '', status: 'active' });
    // Learn the epoch now (a `history` frame carries it), or a later epoch change would go unnoticed.
    if (epoch === undefined) requestHistory(0);
    return true;
  }

  function applyEvents(events: readonly ConversationEvent[]): void {
    const applied = model.offer(events);
    for (const event of applied) {
      if (event.type === 'message' && event.clientId !== undefined) delivery.settled(event.clientId);
      emitter.emit(event.type, event);
    }
    if (applied.length > 0) persister.schedule();
    checkGap();
  }

  function onWelcome(frame: SessionWelcome): void {
    if (!isCompatibleVersion(frame.v)) {
      connection.halt(new ChatError('unsupported-version', `Server speaks ${frame.v}`, { retryable: false }));
      return;
    }
    token = frame.token;
    model.setAvailability(frame.availability);
    if (frame.agent) model.setAgent(frame.agent);
    connection.ready(frame.heartbeatMs);
    model.timeline.forgetRequest();
    const info = frame.conversation;
    if (info) {
      const previous = model.conversation.peek();
      if (previous && previous.id === info.id && previous.epoch !== '' && previous.epoch !== info.epoch) {
        discontinuity(info.id, info.epoch, 'epoch-changed');
      } else {
        adoptConversation(info.id, info.epoch);
        model.setConversation({ id: info.id, epoch: info.epoch, status: info.status });
        if (info.lastSeq > model.timeline.lastSeq) {
          // Missed events: ask once; what the server also replays is dropped as duplicate.
          model.timeline.forgetRequest();
          requestHistory(model.timeline.lastSeq);
        } else checkGap();
      }
    }
    persister.flush();
    delivery.ready();
    if (model.readSeq.peek() > readSent) sendRead();
    for (const frame of controlQueue.splice(0)) connection.send(frame);
  }

  function onAck(frame: MessageAck): void {
    const item = outbox.get(frame.clientId);
    if (!item || item.state === 'failed' || !adoptConversation(frame.conversationId)) {
      delivery.settled(frame.clientId);
      return;
    }
    if (frame.seq <= model.timeline.lastSeq) {
      // Already in the timeline under another path; nothing pending stays behind.
      if (model.confirmed.peek().some((event) => event.seq === frame.seq)) outbox.remove(frame.clientId);
      else outbox.markSent(frame.clientId, frame.seq);
    } else {
      outbox.markSent(frame.clientId, frame.seq);
      const content = { kind: 'text' as const, text: item.text };
      const echo: ConversationEvent = {
        type: 'message',
        conversationId: frame.conversationId,
        seq: frame.seq,
        at: frame.at,
        id: frame.id,
        author: { role: 'visitor' },
        content,
        clientId: frame.clientId,
      };
      applyEvents([echo]);
    }
    // Only now, with the item no longer queued, may the next one go.
    delivery.settled(frame.clientId);
    persister.flush();
  }

  function handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'session.welcome':
        onWelcome(frame);
        break;
      case 'message':
      case 'agent.joined':
      case 'agent.left':
      case 'agent.transferred':
      case 'form.request':
      case 'form.result':
      case 'conversation.ended':
        if (adoptConversation(frame.conversationId)) applyEvents([frame]);
        break;
      case 'history': {
        if (!adoptConversation(frame.conversationId, frame.epoch)) break;
        reloading = false;
        gapTimer.clear();
        // An event of another conversation inside the page would be shown (or held) in this one.
        const events = frame.events.filter((event) => event.conversationId === frame.conversationId);
        if (events.length < frame.events.length) {
          reportError(new ChatError('invalid-frame', 'history carried events of another conversation'));
        }
        applyEvents(events);
        if (frame.hasMore) requestHistory(model.timeline.lastSeq);
        break;
      }
      case 'message.ack':
        onAck(frame);
        break;
      case 'typing':
        if (frame.by.role !== 'visitor') model.setTyping(frame.by, frame.active);
        break;
      case 'read':
        model.markRead(frame.by, frame.upToSeq);
        break;
      case 'queue.update':
        model.setQueue({ position: frame.position, etaSeconds: frame.etaSeconds });
        break;
      case 'availability': {
        const { type: _type, ...availability } = frame;
        model.setAvailability(availability);
        break;
      }
      case 'discontinuity':
        discontinuity(frame.conversationId, frame.epoch, frame.reason);
        break;
      case 'error':
        onServerError(frame);
        break;
      case 'ping':
        connection.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
        break;
      case 'pong':
        break;
      case 'session.reconnect':
        connection.reconnectAfter(frame.retryAfterMs ?? 0);
        break;
      case 'session.ended':
        // Ended on purpose (shutdown, forget, or another tab's): write nothing more and stay closed
        // until the visitor writes again, so that no new session is made for nobody.
        token = undefined;
        sessionOver = true;
        persister.clear();
        connection.stop();
        break;
    }
  }

  function onServerError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const error = new ChatError(frame.code, frame.message, {
      retryable: frame.retryable,
      ...(frame.retryAfterMs === undefined ? {} : { retryAfterMs: frame.retryAfterMs }),
      ...(frame.clientId === undefined ? {} : { clientId: frame.clientId }),
    });
    if (frame.code === 'unauthorized' || frame.code === 'unsupported-version') {
      connection.halt(error);
      return;
    }
    if (frame.code === 'token-expired') {
      token = undefined;
      persister.flush();
      reportError(error);
      connection.reconnectAfter(0);
      return;
    }
    if (frame.clientId !== undefined && MESSAGE_FAILURES.has(frame.code)) {
      outbox.fail(frame.clientId, frame.code);
      persister.flush();
      delivery.settled(frame.clientId);
    } else if (frame.retryAfterMs !== undefined) {
      connection.pause(frame.retryAfterMs);
      delivery.pause(frame.retryAfterMs);
    }
    reportError(error);
  }

  function receive(data: unknown): void {
    const parsed = parseServerFrame(data);
    if (parsed.ok) handle(parsed.value);
    else if (!parsed.ignored) reportError(parsed.error);
  }
  //#endregion

  //#region actions
  function sendRead(): void {
    const upToSeq = model.readSeq.peek();
    if (connection.send({ type: 'read', upToSeq })) readSent = upToSeq;
  }

  /**
   * Ends (or erases) the server session and forgets everything local. Offline, the frame cannot go, but
   * the session token is gone from this browser with the rest, so nobody here can resume that session.
   */
  function wipe(type: 'session.end' | 'session.forget'): void {
    if (connection.isReady) connection.send({ type });
    token = undefined;
    identified = undefined;
    controlQueue.length = 0;
    gapTimer.clear();
    batch(() => {
      outbox.clear();
      model.clear();
      model.setConversation(undefined);
      model.setAgent(undefined);
      model.setQueue(undefined);
    });
    persister.clear();
    emitter.emit('shutdown', { forgotten: type === 'session.forget' });
  }

  function control(frame: ClientFrame): void {
    // Not persisted (form values may be sensitive): if the tab dies first, the visitor is asked again.
    if (!connection.isReady || !connection.send(frame)) controlQueue.push(frame);
  }

  function requireConversation(): string {
    const conversation = model.conversation.peek();
    if (!conversation) {
      const error = new ChatError('invalid-option', 'There is no conversation yet', { retryable: false });
      reportError(error);
      throw error;
    }
    return conversation.id;
  }

  // The `status` event mirrors the status signal for hosts that do not use signals.
  let statusReported = connection.status.peek();
  const stopStatusEvents = connection.status.subscribe((status) => {
    if (status === statusReported) return;
    statusReported = status;
    emitter.emit('status', status);
  });

  const pageHide = (): void => persister.flush();
  win?.addEventListener('pagehide', pageHide);
  let disposed = false;
  const pendingErrors = startupErrors;
  startupErrors = undefined;
  if (pendingErrors.length > 0) {
    queueMicrotask(() => {
      if (!disposed) for (const error of pendingErrors) reportError(error);
    });
  }

  const client: ClientCore = {
    status: readOnly(connection.status),
    disconnectedSince: readOnly(connection.disconnectedSince),
    conversation: readOnly(model.conversation),
    agent: readOnly(model.agent),
    availability: readOnly(model.availability),
    queue: readOnly(model.queue),
    messages: readOnly(model.messages),
    typing: readOnly(model.typing),
    unread: readOnly(model.unread),
    forms: readOnly(model.forms),
    isLeader: computed(() => true),
    on: (name, listener) => emitter.on(name, listener),
    send(text, sendOptions = {}) {
      return client.accept(nanoid(), text, sendOptions.quickReplyId);
    },
    accept(clientId, text, quickReplyId) {
      // Another tab forwards again what a previous leader may already have stored or sent: once only.
      const known = (event: ConversationEvent): boolean =>
        event.type === 'message' && event.clientId === clientId;
      if (outbox.get(clientId) || model.confirmed.peek().some(known)) return clientId;
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
        reportError(error);
        throw error;
      }
      // Stored before it touches the network.
      persister.flush();
      if (sessionOver && !disposed) {
        sessionOver = false;
        connection.start();
      }
      delivery.pump();
      return clientId;
    },
    retry(clientId) {
      const item = outbox.get(clientId);
      return client.retryAs(clientId, item?.error === 'idempotency-conflict' ? nanoid() : clientId);
    },
    retryAs(clientId, nextId) {
      if (outbox.get(clientId)?.state !== 'failed') return undefined;
      outbox.retry(clientId, nextId);
      persister.flush();
      delivery.pump();
      return nextId;
    },
    setTyping(active) {
      if (!connection.isReady) return;
      if (active) {
        const at = now();
        if (typingSentAt !== undefined && at - typingSentAt < TYPING_THROTTLE_MS) return;
        if (connection.send({ type: 'typing', active: true })) typingSentAt = at;
      } else if (typingSentAt !== undefined) {
        typingSentAt = undefined;
        connection.send({ type: 'typing', active: false });
      }
    },
    markRead() {
      model.markRead('visitor', model.timeline.lastSeq);
      persister.schedule();
      if (model.readSeq.peek() > readSent && connection.isReady) sendRead();
    },
    submitForm(formId, values) {
      control({ type: 'form.submit', formId, values: { ...values } });
    },
    rate(rating) {
      control({ type: 'rating.submit', conversationId: requireConversation(), ...rating });
    },
    end() {
      control({ type: 'conversation.end', conversationId: requireConversation() });
    },
    identify(identity) {
      checkIdentityToken(identity);
      identified = identity;
      // Not connected yet: the next hello carries it.
      if (connection.isReady) connection.send({ type: 'session.identify', identity });
    },
    shutdown() {
      wipe('session.end');
    },
    forget() {
      wipe('session.forget');
    },
    connect() {
      if (!disposed) connection.start();
    },
    start() {
      client.connect();
    },
    disconnect() {
      connection.stop();
      persister.flush();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      persister.flush();
      stopStatusEvents();
      connection.dispose();
      delivery.dispose();
      gapTimer.clear();
      win?.removeEventListener('pagehide', pageHide);
      controlQueue.length = 0;
      emitter.clear();
    },
  };
  return client;
}
