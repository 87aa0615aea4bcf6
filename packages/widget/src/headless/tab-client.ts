import { ChatError } from '@clavard/protocol';
import { createEmitter, type Emitter } from '@clavard/protocol/internal';
import { computed, effect } from '@preact/signals-core';
import { nanoid } from 'nanoid';
import { CLIENT_DEFAULTS } from './client-defaults.js';
import { isHandoffToken } from './handoff.js';
import { checkIdentityToken } from './message-text.js';
import { createTabChannel, type TabChannel } from './tab-channel.js';
import { createTabElection, type TabElection } from './tab-election.js';
import { replayEvent } from './tab-events.js';
import { tabFiles } from './tab-files.js';
import { createLeadership, type Leadership } from './tab-leader.js';
import type { TabMessage } from './tab-messages.js';
import { createMirror, type Mirror, mirroredState } from './tab-mirror.js';
import { type ClientActions, createRemote, delegate, type Remote } from './tab-remote.js';
import type { ClientCore, ResolvedTabs, TabbedStart } from './tab-types.js';
import type { ChatClient, ChatClientOptions, ChatEvents } from './types.js';

/** The parts of a tabbed client a message from another tab may concern. */
interface TabParts {
  leader: Leadership;
  election: TabElection;
  mirror: Mirror;
  emitter: Emitter<ChatEvents>;
  remote: Remote;
  channel: TabChannel;
}

/** Hand a message from another tab to the part it concerns (the leader's state only from the leader). */
function route(message: TabMessage, { leader, election, mirror, emitter, remote, channel }: TabParts): void {
  const active = leader.core.peek();
  switch (message.type) {
    case 'sync':
      leader.publishFull();
      break;
    case 'state':
      if (!active && message.from === election.leaderId && !mirror.apply(message))
        channel.post({ type: 'sync' });
      break;
    case 'event':
      if (!active && message.from === election.leaderId) replayEvent(emitter, message.event);
      break;
    case 'action':
      if (active && message.to === channel.tabId) leader.act(active, message.from, message.action);
      break;
    case 'reply':
      if (message.to === channel.tabId) remote.settled(message.clientId);
      break;
    default:
      break;
  }
}

/**
 * The client of a tab among several: the leader runs a {@link ClientCore} (transport, outbox, storage)
 * and posts its state; the others mirror it and forward their actions. A message composed in a follower
 * keeps its clientId and stays here until a leader says it is in its stored outbox (or it shows in the
 * mirrored list); a new leader gets it again, and dedups on the clientId. A tab that worked alone until
 * now (solo-first.ts) passes `start`: with `start.adopt`, it holds the leader lock and leads at once with
 * the core it ran, untouched (no reconnect, nothing reloaded from storage).
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
  start: TabbedStart = {},
): ChatClient {
  const namespace = options.namespace ?? CLIENT_DEFAULTS.namespace;
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const emitter = createEmitter<ChatEvents>();
  const reportError = (error: ChatError): void => emitter.emit('error', error);
  const mirror = createMirror();
  const intent: TabIntent = {
    identified: start.identified,
    handoff: start.handoff,
    wantConnected: start.wantConnected ?? false,
    disposed: false,
  };

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
    forwards: start.forwards,
  });

  const leader = createLeadership({
    options,
    createCore,
    adopted: start.adopt?.core,
    channel,
    mirror,
    remote,
    emitter,
    reportError,
    identified: () => intent.identified,
    handoff: () => intent.handoff,
    wantConnected: () => intent.wantConnected,
  });
  const { core, lead, stepDown } = leader;

  const election = createTabElection({
    namespace,
    channel,
    locks: tabs.locks,
    held: start.adopt?.release,
    heartbeatMs: tabs.heartbeatMs,
    onLead: lead,
    onDemote: stepDown,
    onLeaderChange: () => {
      mirror.resync();
      remote.resend();
      if (intent.wantConnected) remote.connect();
      // Posted before any leader was known, or to one that left before answering: asked again.
      if (intent.handoff !== undefined && mirror.state.peek().handoff === undefined)
        remote.openHandoff(intent.handoff);
    },
    onError: reportError,
  });

  const parts: TabParts = { leader, election, mirror, emitter, remote, channel };
  const stopListening = channel.on((message) => route(message, parts));
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

  const files = tabFiles(options, leader.core, mirror, remote, reportError);
  const client = tabbedApi({ leader, mirror, remote, emitter, files }, intent, () => {
    stopAnswered();
    win?.removeEventListener('pagehide', pageHide);
    stopListening();
    remote.dispose();
    // Stored first, then the lock is released: the next leader loads what this one had.
    stepDown();
    election.dispose();
    channel.close();
    emitter.clear();
  });
  // Answered: no later leader is asked again.
  const stopAnswered = effect(() => {
    if (client.handoff.value !== undefined) intent.handoff = undefined;
  });
  return client;
}

/** What this tab asked for, which outlives its leadership. */
interface TabIntent {
  /** The token given to `identify()` in this tab: memory only. */
  identified: string | undefined;
  /** The token given to `openHandoff()` in this tab (memory only), asked of each new leader until answered. */
  handoff: string | undefined;
  wantConnected: boolean;
  disposed: boolean;
}

/**
 * The tabbed client's API: state from the core while this tab leads, else from the mirror; each action
 * to the core, else to the leader through the remote.
 */
function tabbedApi(
  {
    leader,
    mirror,
    remote,
    emitter,
    files,
  }: Pick<TabParts, 'leader' | 'mirror' | 'remote' | 'emitter'> & { files: ReturnType<typeof tabFiles> },
  intent: TabIntent,
  teardown: () => void,
): ChatClient {
  const { core } = leader;
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
    ...files,
    identify(token) {
      checkIdentityToken(token);
      intent.identified = token;
      actions.identify(token);
    },
    openHandoff(token) {
      // Checked here: a follower's mistake is reported in its own tab, not the leader's.
      if (!isHandoffToken(token)) {
        emitter.emit('error', new ChatError('invalid-option', 'openHandoff: not a handoff token'));
        return;
      }
      intent.handoff = token;
      actions.openHandoff(token);
    },
    shutdown() {
      intent.identified = undefined;
      actions.shutdown();
    },
    forget() {
      intent.identified = undefined;
      actions.forget();
    },
    connect() {
      if (intent.disposed) return;
      intent.wantConnected = true;
      actions.connect();
    },
    start: () => client.connect(),
    disconnect() {
      // Only the leader's connection exists; a follower's disconnect does not cut the other tabs.
      intent.wantConnected = false;
      core.peek()?.disconnect();
    },
    dispose() {
      if (intent.disposed) return;
      intent.disposed = true;
      teardown();
    },
  };
  return client;
}
