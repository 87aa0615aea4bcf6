// The leader's side of the tabbed client: the core it runs while it leads, the events it repeats to the
// other tabs, and the actions it does for them.
import { ChatError } from '@clavard/protocol';
import type { Emitter } from '@clavard/protocol/internal';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import { performAction, type TabAction } from './tab-actions.js';
import type { TabChannel } from './tab-channel.js';
import { TAB_EVENT_NAMES, toTabEvent, toWireError } from './tab-events.js';
import { createStatePublisher, type Mirror, type StatePublisher } from './tab-mirror.js';
import type { Remote } from './tab-remote.js';
import type { ClientCore } from './tab-types.js';
import type { ChatClientOptions, ChatEvents } from './types.js';

/** What {@link createLeadership} needs from the tabbed client. */
export interface LeadershipOptions {
  options: ChatClientOptions;
  createCore: (options: ChatClientOptions) => ClientCore;
  /** The core this tab ran alone: the first lead takes it as it is instead of making one. */
  adopted?: ClientCore | undefined;
  channel: TabChannel;
  mirror: Mirror;
  remote: Remote;
  /** This tab's emitter: the core's events are emitted here too. */
  emitter: Emitter<ChatEvents>;
  reportError: (error: ChatError) => void;
  /** The token given to `identify()` in this tab (memory only). */
  identified: () => string | undefined;
  /** The token given to `openHandoff()` in this tab (memory only): a core this tab leads with sends it. */
  handoff: () => string | undefined;
  /** Whether this tab asked to be connected. */
  wantConnected: () => boolean;
}

/** A tab's leadership: its core while it leads. */
export interface Leadership {
  /** The core, while this tab leads. */
  readonly core: ReadonlySignal<ClientCore | undefined>;
  /** Take the lead: load the core from storage, take this tab's pending messages, repeat its events. */
  lead(): void;
  /** Stop leading: store, keep showing what the core had, release it. */
  stepDown(): void;
  /** Do what a follower asked; a send is answered with a `reply`. */
  act(active: ClientCore, from: string, action: TabAction): void;
  /** Post the whole state (a follower asked for it). */
  publishFull(): void;
}

/**
 * The leader's side of the tabbed client.
 *
 * @example
 * ```ts
 * const leader = createLeadership({ options, createCore, channel, mirror, remote, emitter, reportError, identified, wantConnected });
 * createTabElection({ onLead: leader.lead, onDemote: leader.stepDown, … });
 * ```
 */
export function createLeadership(given: LeadershipOptions): Leadership {
  const { channel, mirror, remote, emitter, reportError } = given;
  const core = signal<ClientCore | undefined>(undefined);
  let publisher: StatePublisher | undefined;
  let coreListeners: Array<() => void> = [];
  let toAdopt = given.adopted;

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
    const { options } = given;
    const adopted = toAdopt;
    toAdopt = undefined;
    const active =
      adopted ??
      given.createCore({
        ...options,
        tabs: false,
        identity: () => given.identified() ?? options.identity?.(),
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
        active.accept(item.clientId, item.text, item.quickReplyId, item.file);
      } catch (thrown) {
        if (!ChatError.isInstance(thrown))
          reportError(new ChatError('invalid-option', 'Refused', { cause: thrown }));
      }
    }
    // An adopted core is connected, or not, as this tab asked already.
    if (!adopted && (given.wantConnected() || previous !== 'idle')) active.connect();
    const handoff = given.handoff();
    if (handoff !== undefined) active.openHandoff(handoff); // a core that has its answer ignores it
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

  return { core, lead, stepDown, act, publishFull: () => publisher?.publishFull() };
}
