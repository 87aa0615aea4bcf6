import { ChatError } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { computed, signal } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { checkIdentityToken } from './message-text.js';
import { createLocalStorage } from './storage.js';
import { performAction, type TabAction } from './tab-actions.js';
import { createTabChannel } from './tab-channel.js';
import { createTabElection } from './tab-election.js';
import { replayEvent, TAB_EVENT_NAMES, toTabEvent, toWireError } from './tab-events.js';
import type { TabMessage } from './tab-messages.js';
import { createMirror, createStatePublisher, mirroredState, type StatePublisher } from './tab-mirror.js';
import { type ClientActions, createRemote, delegate } from './tab-remote.js';
import type { ClientCore, LockManagerLike, ResolvedTabs } from './tab-types.js';
import type { ChatClient, ChatClientOptions, ChatEvents } from './types.js';

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
    heartbeatMs: given.heartbeatMs ?? CLIENT_DEFAULTS.tabsHeartbeatMs,
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
  const namespace = options.namespace ?? CLIENT_DEFAULTS.namespace;
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const emitter = createEmitter<ChatEvents>();
  const reportError = (error: ChatError): void => emitter.emit('error', error);
  const core = signal<ClientCore | undefined>(undefined);
  const mirror = createMirror();
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

  const remote = createRemote({
    post: (action) => {
      const to = election.leaderId;
      if (to !== undefined && to !== channel.tabId) channel.post({ type: 'action', to, action });
    },
    mirror,
    reportError,
  });

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
    // Every event, here and in the other tabs.
    coreListeners = TAB_EVENT_NAMES.map((name) =>
      active.on(name, (payload: ChatEvents[typeof name]) => {
        emitter.emit(name, payload);
        channel.post({ type: 'event', event: toTabEvent(name, payload) });
      }),
    );
    core.value = active;
    publisher = createStatePublisher(active, channel);
    for (const item of remote.take()) {
      try {
        active.accept(item.clientId, item.text, item.quickReplyId);
      } catch (thrown) {
        if (!ChatError.isInstance(thrown))
          reportError(new ChatError('invalid-option', 'Refused', { cause: thrown }));
      }
    }
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
      remote.resend();
      if (wantConnected) remote.connect();
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
        if (message.to === channel.tabId) remote.settled(message.clientId);
        break;
      default:
        break;
    }
  });
  // Whoever leads already answers with its whole state.
  channel.post({ type: 'sync' });

  const pageHide = (): void => {
    // Without locks, a closing leader hands over at once instead of after three silent heartbeats.
    if (!tabs.locks && core.peek()) {
      stepDown();
      election.resign();
    }
  };
  win?.addEventListener('pagehide', pageHide);

  // Each action goes to this tab's core when it leads, else to the leader.
  const actions = delegate((): ClientActions => core.peek() ?? remote);
  const client: ChatClient = {
    ...mirroredState(core, mirror),
    messages: computed(() => {
      const active = core.value;
      return remote.messages(active ? active.messages.value : mirror.messages.value);
    }),
    isLeader: computed(() => core.value !== undefined),
    on: (name, listener) => emitter.on(name, listener),
    ...actions,
    identify(token) {
      checkIdentityToken(token);
      identified = token;
      actions.identify(token);
    },
    shutdown() {
      identified = undefined;
      actions.shutdown();
    },
    forget() {
      identified = undefined;
      actions.forget();
    },
    connect() {
      if (disposed) return;
      wantConnected = true;
      actions.connect();
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
      remote.dispose();
      // Stored first, then the lock is released: the next leader loads what this one had.
      stepDown();
      election.dispose();
      channel.close();
      emitter.clear();
    },
  };
  return client;
}
