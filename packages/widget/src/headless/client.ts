import { computed, type ReadonlySignal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import {
  acceptMessage,
  attachFile,
  cancelMessage,
  markAllRead,
  retryMessage,
  sendTyping,
} from './client-actions.js';
import { createCoreContext } from './client-context.js';
import { control, wipe } from './client-session.js';
import { openHandoff } from './handoff.js';
import { checkIdentityToken, requireConversation } from './message-text.js';
import { createSoloFirstClient } from './solo-first.js';
import type { ClientCore } from './tab-types.js';
import { resolveTabs } from './tabs-options.js';
import { importTabs } from './tabs-source.js';
import type { ChatClient, ChatClientOptions } from './types.js';

const readOnly = <T>(source: ReadonlySignal<T>): ReadonlySignal<T> => computed(() => source.value);

/**
 * Create the headless chat client. Nothing connects until `connect()`; nothing touches `window` when
 * there is none. When tabs coordinate (see {@link resolveTabs}), the multi-tab code is loaded only once
 * a second tab appears (see solo-first.ts).
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
  return tabs
    ? createSoloFirstClient(options, tabs, createClientCore, importTabs)
    : createClientCore(options);
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
  const context = createCoreContext(options);
  const { emitter, model, persister, connection, session } = context;
  const win = context.window;

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
  const isDisposed = (): boolean => disposed;
  context.releaseStartupErrors(isDisposed);

  const conversationId = (): string => requireConversation(model.conversation.peek(), context.reportError);

  const client: ClientCore = {
    status: readOnly(connection.status),
    disconnectedSince: readOnly(connection.disconnectedSince),
    conversation: readOnly(model.conversation),
    agent: readOnly(model.agent),
    availability: readOnly(model.availability),
    prechat: readOnly(model.prechat),
    handoff: readOnly(context.handoff),
    queue: readOnly(model.queue),
    // Already read-only, and current when read between two announcements (a wrapper would not be).
    messages: model.messages,
    typing: readOnly(model.typing),
    unread: readOnly(model.unread),
    forms: readOnly(model.forms),
    isLeader: computed(() => true),
    on: (name, listener) => emitter.on(name, listener),
    attachments: context.attachments.offered,
    uploads: context.attachments.progress,
    send: (text, sendOptions = {}) => client.accept(nanoid(), text, sendOptions.quickReplyId),
    accept: (clientId, text, quickReplyId, file) =>
      acceptMessage(context, clientId, text, quickReplyId, isDisposed, file),
    attach: (file, attachOptions = {}) =>
      attachFile(context, file, attachOptions.caption ?? '', (clientId, text, outboxFile) =>
        client.accept(clientId, text, undefined, outboxFile),
      ),
    cancel: (clientId) => cancelMessage(context, clientId),
    fetchFile: (id) => context.attachments.fetchFile(id),
    retry(clientId) {
      const item = context.outbox.get(clientId);
      return client.retryAs(clientId, item?.error === 'idempotency-conflict' ? nanoid() : clientId);
    },
    retryAs: (clientId, nextId) => retryMessage(context, clientId, nextId),
    setTyping: (active) => sendTyping(context, active),
    markRead: () => markAllRead(context),
    submitForm(formId, values) {
      control(context, { type: 'form.submit', formId, values: { ...values } });
    },
    rate(rating) {
      control(context, { type: 'rating.submit', conversationId: conversationId(), ...rating });
    },
    end() {
      control(context, { type: 'conversation.end', conversationId: conversationId() });
    },
    identify(identity) {
      checkIdentityToken(identity);
      session.identified = identity;
      // Not connected yet: the next hello carries it.
      if (connection.isReady) connection.send({ type: 'session.identify', identity });
    },
    openHandoff: (token) => openHandoff(context, token),
    shutdown: () => wipe(context, 'session.end'),
    forget: () => wipe(context, 'session.forget'),
    connect() {
      if (!disposed) connection.start();
    },
    start: () => client.connect(),
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
      context.delivery.dispose();
      context.attachments.dispose();
      context.gapTimer.clear();
      win?.removeEventListener('pagehide', pageHide);
      session.controlQueue.length = 0;
      emitter.clear();
    },
  };
  return client;
}
