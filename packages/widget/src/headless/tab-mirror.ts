import { batch, computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals-core';
import type { ChatEntry } from './conversation-model.js';
import type { TabChannel } from './tab-channel.js';
import type { MirrorState, TabMessageBody } from './tab-messages.js';
import type { ChatClient } from './types.js';

type StateMessage = Extract<TabMessageBody, { type: 'state' }>;

const sameRow = (a: ChatEntry, b: ChatEntry): boolean =>
  a === b ||
  (a.key === b.key &&
    a.kind === b.kind &&
    a.delivery === b.delivery &&
    (a.kind === 'event' || b.kind === 'event' || a.error === b.error));

/** Whether a row from the leader says the same as the row this tab shows (so that one is kept). */
const equalRow = (shown: ChatEntry, received: ChatEntry): boolean => {
  if (shown.key !== received.key || shown.delivery !== received.delivery) return false;
  if (shown.kind === 'event') return received.kind === 'event' && shown.seq === received.seq;
  return (
    received.kind === 'pending' &&
    shown.error === received.error &&
    shown.text === received.text &&
    shown.quickReplyId === received.quickReplyId
  );
};

/** The state fields a follower reads from the mirror and the leader from its core. */
const MIRRORED = [
  'status',
  'disconnectedSince',
  'conversation',
  'agent',
  'availability',
  'prechat',
  'queue',
  'typing',
  'unread',
  'forms',
  'attachments',
  'handoff',
] as const satisfies readonly (keyof MirrorState & keyof ChatClient)[];

const readState = (client: ChatClient): MirrorState => {
  const state: Record<string, unknown> = {};
  for (const key of MIRRORED) {
    const value = client[key].value;
    if (value !== undefined) state[key] = value;
  }
  return state as unknown as MirrorState;
};

/** The leader's side: posts its state to the followers after each change. */
export interface StatePublisher {
  /** Post the whole state now (a follower asked, or this tab just took the lead). */
  publishFull(): void;
  dispose(): void;
}

/**
 * Publish `client`'s state on `channel`: the small fields whole, the message list as a patch (the rows
 * kept from the previous post, then the new tail), coalesced to one post per microtask.
 *
 * @example
 * ```ts
 * const publisher = createStatePublisher(core, channel);
 * publisher.publishFull();
 * ```
 */
export function createStatePublisher(client: ChatClient, channel: TabChannel): StatePublisher {
  let rev = 0;
  let posted: readonly ChatEntry[] = [];
  let scheduled = false;
  let disposed = false;

  const publish = (full: boolean): void => {
    scheduled = false;
    if (disposed) return;
    const messages = client.messages.peek();
    let keep = 0;
    if (!full) {
      const max = Math.min(posted.length, messages.length);
      while (keep < max) {
        const before = posted[keep];
        const now = messages[keep];
        if (!before || !now || !sameRow(before, now)) break;
        keep += 1;
      }
    }
    const base = rev;
    rev += 1;
    posted = messages;
    const state = readState(client);
    channel.post({ type: 'state', rev, base, state, keep, tail: messages.slice(keep) });
  };

  const stop = effect(() => {
    readState(client);
    void client.messages.value;
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => publish(false));
  });

  return {
    publishFull: () => publish(true),
    dispose() {
      disposed = true;
      stop();
    },
  };
}

/** The followers' copy of the leader's state. */
export interface Mirror {
  readonly state: Signal<MirrorState>;
  readonly messages: Signal<readonly ChatEntry[]>;
  /** Apply a state message; false when a patch does not follow what this tab has (ask for the whole). */
  apply(message: StateMessage): boolean;
  /** Copy a client's state (this tab stops leading: keep showing what it had). */
  copy(client: ChatClient): void;
  /** The next state message must be a whole one (the leader changed). */
  resync(): void;
}

/**
 * Create a {@link Mirror}, empty and `idle` until the leader's first post.
 *
 * @example
 * ```ts
 * const mirror = createMirror();
 * channel.on((m) => m.type === 'state' && !mirror.apply(m) && channel.post({ type: 'sync' }));
 * ```
 */
export function createMirror(): Mirror {
  const state = signal<MirrorState>({ status: 'idle', typing: [], unread: 0, forms: [] });
  const messages = signal<readonly ChatEntry[]>([]);
  let rev: number | undefined;
  return {
    state,
    messages,
    apply(message) {
      if (message.keep > 0 && message.base !== rev) return false;
      rev = message.rev;
      const shown = messages.peek();
      // The rows that did not change keep their identity, even when they come again in the tail.
      const tail = message.tail.map((row, offset) => {
        const before = shown[message.keep + offset];
        return before && equalRow(before, row) ? before : row;
      });
      batch(() => {
        state.value = message.state;
        messages.value = message.keep === 0 ? tail : shown.slice(0, message.keep).concat(tail);
      });
      return true;
    },
    copy(client) {
      rev = undefined;
      batch(() => {
        state.value = readState(client);
        messages.value = client.messages.peek();
      });
    },
    resync() {
      rev = undefined;
    },
  };
}

/** The state signals of a tabbed client, each read from the core while this tab leads, else the mirror. */
export type MirroredState = Pick<ChatClient, (typeof MIRRORED)[number]>;

/**
 * The state signals of a tabbed client.
 *
 * @example
 * ```ts
 * const client = { ...mirroredState(core, mirror), send, … };
 * ```
 */
export function mirroredState(core: ReadonlySignal<ChatClient | undefined>, mirror: Mirror): MirroredState {
  const fields: Record<string, ReadonlySignal<unknown>> = {};
  for (const key of MIRRORED) {
    fields[key] = computed(() => {
      const active = core.value;
      return active ? active[key].value : mirror.state.value[key];
    });
  }
  return fields as unknown as MirroredState;
}
