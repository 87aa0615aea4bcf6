import { ChatError } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import type { ChatEntry, PendingEntry } from './conversation-model.js';
import { checkIdentityToken, textError } from './message-text.js';
import { createLocalStorage } from './storage.js';
import { performAction, replayEvent } from './tab-actions.js';
import { createTabChannel } from './tab-channel.js';
import { createTabElection } from './tab-election.js';
import {
  type MirrorState,
  type TabAction,
  type TabEvent,
  type TabMessage,
  toWireError,
} from './tab-messages.js';
import { createMirror, createStatePublisher, type StatePublisher } from './tab-mirror.js';
import type { ClientCore, LockManagerLike, ResolvedTabs } from './tab-types.js';
import type { ChatClient, ChatClientOptions, ChatEvents } from './types.js';

/** A message composed in this tab and not yet accepted by a leader's (stored) outbox. */
interface Forward {
  clientId: string;
  text: string;
  quickReplyId: string | undefined;
}

const FORWARDED_EVENTS = [
  'message',
  'agent.joined',
  'agent.left',
  'agent.transferred',
  'form.request',
  'conversation.ended',
  'discontinuity',
  'status',
  'error',
  'shutdown',
] as const satisfies readonly TabEvent['name'][];

const globalLocks = (): LockManagerLike | undefined => {
  const nav: { locks?: LockManagerLike } | undefined =
    typeof navigator === 'undefined' ? undefined : navigator;
  return nav?.locks;
};

/**
 * Whether and how the tabs coordinate: off with `tabs: false` or without `BroadcastChannel`; on by
 * default only when the storage is the shared localStorage; on whenever `tabs` is `true` or an object.
 *
 * @example
 * ```ts
 * const tabs = resolveTabs(options); // undefined: this tab works alone
 * ```
 */
export function resolveTabs(options: ChatClientOptions): ResolvedTabs | undefined {
  const tabs = options.tabs;
  if (tabs === false) return undefined;
  const given = typeof tabs === 'object' ? tabs : {};
  const Channel =
    given.BroadcastChannel ?? (typeof BroadcastChannel === 'undefined' ? undefined : BroadcastChannel);
  if (!Channel) return undefined;
  if (tabs === undefined) {
    const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
    if (options.storage !== undefined || !createLocalStorage(win)) return undefined;
  }
  return {
    BroadcastChannel: Channel,
    locks: given.locks === false ? undefined : (given.locks ?? globalLocks()),
    heartbeatMs: given.heartbeatMs ?? 250,
  };
}

/**
 * The client of a tab among several: the leader runs a {@link ClientCore} (transport, outbox, storage)
 * and posts its state; the others mirror it and forward their actions. A message composed in a follower
 * keeps its clientId and stays here until a leader says it is in its stored outbox (or it shows in the
 * mirrored list); a new leader gets it again, and dedups on the clientId.
 *
 * @example
 * ```ts
 * const client = createTabbedClient(options, resolveTabs(options), createClientCore);
 * ```
 */
export function createTabbedClient(
  options: ChatClientOptions,
  tabs: ResolvedTabs,
  createCore: (options: ChatClientOptions) => ClientCore,
): ChatClient {
  const namespace = options.namespace ?? 'default';
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const emitter = createEmitter<ChatEvents>();
  const reportError = (error: ChatError): void => emitter.emit('error', error);
  const core = signal<ClientCore | undefined>(undefined);
  const mirror = createMirror();
  const forwards = signal<readonly Forward[]>([]);
  let publisher: StatePublisher | undefined;
  let coreListeners: Array<() => void> = [];
  let wantConnected = false;
  let disposed = false;
  /** The token given to `identify()` in this tab: memory only. */
  let identified: string | undefined;

  const channel = createTabChannel({
    namespace,
    tabId: nanoid(),
    BroadcastChannel: tabs.BroadcastChannel,
    onListenerError: (error) =>
      reportError(
        ChatError.isInstance(error)
          ? error
          : new ChatError('invalid-option', 'A tab message failed', { cause: error }),
      ),
  });

  //#region follower
  const forget = (clientId: string): void => {
    if (forwards.peek().some((item) => item.clientId === clientId))
      forwards.value = forwards.peek().filter((item) => item.clientId !== clientId);
  };

  const forward = (action: TabAction): void => {
    const to = election.leaderId;
    if (to !== undefined && to !== channel.tabId) channel.post({ type: 'action', to, action });
  };

  const forwardSends = (): void => {
    for (const item of forwards.peek()) {
      const action: TabAction = { kind: 'send', clientId: item.clientId, text: item.text };
      if (item.quickReplyId !== undefined) action.quickReplyId = item.quickReplyId;
      forward(action);
    }
  };

  // A forwarded message in the leader's list is in its stored outbox (or already confirmed).
  const stopForgetting = effect(() => {
    const rows = mirror.messages.value;
    // Nothing forwarded (the usual case): no need to look through the whole list on each change.
    if (forwards.peek().length === 0) return;
    const keys = new Set(rows.map((row) => row.key));
    for (const item of forwards.peek()) if (keys.has(item.clientId)) forget(item.clientId);
  });

  //#endregion

  //#region leader
  const act = (active: ClientCore, from: string, action: TabAction): void => {
    try {
      performAction(active, action);
      if (action.kind === 'send') channel.post({ type: 'reply', to: from, clientId: action.clientId });
    } catch (thrown) {
      // The core reported its own ChatError (to every tab); the sender only learns the send is settled.
      const error = ChatError.isInstance(thrown)
        ? thrown
        : new ChatError('invalid-option', 'A forwarded action failed', { cause: thrown });
      if (!ChatError.isInstance(thrown)) reportError(error);
      if (action.kind === 'send')
        channel.post({ type: 'reply', to: from, clientId: action.clientId, error: toWireError(error) });
    }
  };

  const lead = (): void => {
    const previous = mirror.state.peek().status;
    // Loaded from storage now: the token, the conversation and the outbox the previous leader stored.
    // The token given to identify() in this tab (memory only) goes with the hellos of this tab's lead.
    const active = createCore({
      ...options,
      tabs: false,
      identity: () => identified ?? options.identity?.(),
    });
    coreListeners = FORWARDED_EVENTS.map((name) =>
      active.on(name, (payload: ChatEvents[typeof name]) => {
        emitter.emit(name, payload);
        // `name` and `payload` come from the same subscription, which TypeScript cannot correlate.
        const event = (
          name === 'error' && ChatError.isInstance(payload)
            ? { name, payload: toWireError(payload) }
            : { name, payload }
        ) as TabEvent;
        channel.post({ type: 'event', event });
      }),
    );
    core.value = active;
    publisher = createStatePublisher(active, channel);
    for (const item of forwards.peek()) {
      try {
        active.accept(item.clientId, item.text, item.quickReplyId);
      } catch (thrown) {
        if (!ChatError.isInstance(thrown))
          reportError(new ChatError('invalid-option', 'Refused', { cause: thrown }));
      }
    }
    forwards.value = [];
    if (wantConnected || previous !== 'idle') active.connect();
  };

  const stepDown = (): void => {
    const active = core.peek();
    if (!active) return;
    publisher?.dispose();
    publisher = undefined;
    for (const off of coreListeners) off();
    coreListeners = [];
    mirror.copy(active);
    core.value = undefined;
    active.dispose();
  };
  //#endregion

  const election = createTabElection({
    namespace,
    channel,
    locks: tabs.locks,
    heartbeatMs: tabs.heartbeatMs,
    onLead: lead,
    onDemote: stepDown,
    onLeaderChange: () => {
      mirror.resync();
      forwardSends();
      if (wantConnected) forward({ kind: 'connect' });
    },
    onError: reportError,
  });

  const stopListening = channel.on((message: TabMessage) => {
    const active = core.peek();
    switch (message.type) {
      case 'sync':
        publisher?.publishFull();
        break;
      case 'state':
        if (!active && message.from === election.leaderId && !mirror.apply(message))
          channel.post({ type: 'sync' });
        break;
      case 'event':
        if (!active && message.from === election.leaderId) replayEvent(emitter, message.event);
        break;
      case 'action':
        if (active && message.to === channel.tabId) act(active, message.from, message.action);
        break;
      case 'reply':
        if (message.to === channel.tabId) forget(message.clientId);
        break;
      default:
        break;
    }
  });
  // Whoever leads already answers with its whole state.
  channel.post({ type: 'sync' });

  const pick = <T>(
    read: (client: ChatClient) => T,
    fromMirror: (state: MirrorState) => T,
  ): ReadonlySignal<T> =>
    computed(() => {
      const active = core.value;
      return active ? read(active) : fromMirror(mirror.state.value);
    });

  // One row per forwarded message, made once: rows keep their identity while unchanged.
  const forwardRows = new WeakMap<Forward, PendingEntry>();
  const pendingRow = (item: Forward): PendingEntry => {
    let row = forwardRows.get(item);
    if (!row) {
      row = {
        kind: 'pending',
        key: item.clientId,
        clientId: item.clientId,
        text: item.text,
        quickReplyId: item.quickReplyId,
        delivery: 'sending',
        error: undefined,
      };
      forwardRows.set(item, row);
    }
    return row;
  };

  const messages = computed((): readonly ChatEntry[] => {
    const active = core.value;
    const rows = active ? active.messages.value : mirror.messages.value;
    const extra = forwards.value;
    if (extra.length === 0) return rows;
    const keys = new Set(rows.map((row) => row.key));
    const pending: ChatEntry[] = extra.filter((item) => !keys.has(item.clientId)).map(pendingRow);
    return pending.length === 0 ? rows : rows.concat(pending);
  });

  const requireConversation = (): void => {
    if (mirror.state.peek().conversation) return;
    const error = new ChatError('invalid-option', 'There is no conversation yet', { retryable: false });
    reportError(error);
    throw error;
  };

  const pageHide = (): void => {
    // Without locks, a closing leader hands over at once instead of after three silent heartbeats.
    if (!tabs.locks && core.peek()) {
      stepDown();
      election.resign();
    }
  };
  win?.addEventListener('pagehide', pageHide);

  const client: ChatClient = {
    status: pick(
      (c) => c.status.value,
      (s) => s.status,
    ),
    disconnectedSince: pick(
      (c) => c.disconnectedSince.value,
      (s) => s.disconnectedSince,
    ),
    conversation: pick(
      (c) => c.conversation.value,
      (s) => s.conversation,
    ),
    agent: pick(
      (c) => c.agent.value,
      (s) => s.agent,
    ),
    availability: pick(
      (c) => c.availability.value,
      (s) => s.availability,
    ),
    queue: pick(
      (c) => c.queue.value,
      (s) => s.queue,
    ),
    messages,
    typing: pick(
      (c) => c.typing.value,
      (s) => s.typing,
    ),
    unread: pick(
      (c) => c.unread.value,
      (s) => s.unread,
    ),
    forms: pick(
      (c) => c.forms.value,
      (s) => s.forms,
    ),
    isLeader: computed(() => core.value !== undefined),
    on: (name, listener) => emitter.on(name, listener),
    send(text, sendOptions = {}) {
      const active = core.peek();
      if (active) return active.send(text, sendOptions);
      const error = textError(text);
      if (error) {
        reportError(error);
        throw error;
      }
      const item: Forward = { clientId: nanoid(), text, quickReplyId: sendOptions.quickReplyId };
      forwards.value = [...forwards.peek(), item];
      const action: TabAction = { kind: 'send', clientId: item.clientId, text };
      if (item.quickReplyId !== undefined) action.quickReplyId = item.quickReplyId;
      forward(action);
      return item.clientId;
    },
    retry(clientId) {
      const active = core.peek();
      if (active) return active.retry(clientId);
      const row = mirror.messages.peek().find((entry) => entry.key === clientId);
      if (row?.kind !== 'pending' || row.delivery !== 'failed') return undefined;
      const nextId = row.error === 'idempotency-conflict' ? nanoid() : clientId;
      forward({ kind: 'retry', clientId, nextId });
      return nextId;
    },
    setTyping(active) {
      const leader = core.peek();
      if (leader) leader.setTyping(active);
      else forward({ kind: 'typing', active });
    },
    markRead() {
      const leader = core.peek();
      if (leader) leader.markRead();
      else forward({ kind: 'read' });
    },
    submitForm(formId, values) {
      const leader = core.peek();
      if (leader) leader.submitForm(formId, values);
      else forward({ kind: 'form', formId, values: { ...values } });
    },
    rate(rating) {
      const leader = core.peek();
      if (leader) return leader.rate(rating);
      requireConversation();
      forward({ kind: 'rate', rating: { ...rating } });
    },
    end() {
      const leader = core.peek();
      if (leader) return leader.end();
      requireConversation();
      forward({ kind: 'end' });
    },
    identify(token) {
      checkIdentityToken(token);
      identified = token;
      const leader = core.peek();
      if (leader) leader.identify(token);
      else forward({ kind: 'identify', token });
    },
    shutdown() {
      identified = undefined;
      const leader = core.peek();
      if (leader) leader.shutdown();
      else forward({ kind: 'shutdown' });
    },
    forget() {
      identified = undefined;
      const leader = core.peek();
      if (leader) leader.forget();
      else forward({ kind: 'forget' });
    },
    connect() {
      if (disposed) return;
      wantConnected = true;
      const leader = core.peek();
      if (leader) leader.connect();
      else forward({ kind: 'connect' });
    },
    start() {
      client.connect();
    },
    disconnect() {
      // Only the leader's connection exists; a follower's disconnect does not cut the other tabs.
      wantConnected = false;
      core.peek()?.disconnect();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      win?.removeEventListener('pagehide', pageHide);
      stopListening();
      stopForgetting();
      // Stored first, then the lock is released: the next leader loads what this one had.
      stepDown();
      election.dispose();
      channel.close();
      emitter.clear();
    },
  };
  return client;
}
