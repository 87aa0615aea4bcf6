// The parts of a client that follow whichever implementation is current: a tab's own core while it is
// alone, then the tabbed client once another tab appears (solo-first.ts). The UI keeps the one object.
import type { Emitter } from '@clavard/protocol/internal';
import { computed, type ReadonlySignal, untracked } from '@preact/signals-core';
import { CHAT_EVENT_NAMES } from './chat-event-names.js';
import type { ChatEntry } from './conversation-model.js';
import { freshComputed } from './fresh-computed.js';
import type { ChatClient, ChatEvents } from './types.js';

/** The state signals of a client (every one but the message list). */
const STATE_KEYS = [
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
  'isLeader',
  'attachments',
  'uploads',
  'handoff',
] as const satisfies readonly (keyof ChatClient)[];

/**
 * A client's state: its state signals and its message list.
 *
 * @example
 * ```ts
 * const state: ClientState = followCurrent(current, rows);
 * ```
 */
export type ClientState = Pick<ChatClient, (typeof STATE_KEYS)[number] | 'messages'>;

/** The state before there is an implementation: idle, alone, nothing known. */
const BEFORE: { readonly [Key in (typeof STATE_KEYS)[number]]?: ChatClient[Key]['value'] } = {
  status: 'idle',
  typing: [],
  unread: 0,
  forms: [],
  isLeader: false,
  uploads: new Map(),
};

/**
 * Signals that read `current`'s (while there is none: {@link BEFORE}, and `before` for the messages).
 * Each is one computed over the current implementation's own signal: a change costs one step more,
 * whatever the list's length. The message list stays current when read between two announcements, as the
 * core's is (see fresh-computed.ts).
 *
 * @example
 * ```ts
 * const state = followCurrent(current, computed(() => []));
 * current.value = core; // state.status.value is now core.status.value
 * ```
 */
export function followCurrent(
  current: ReadonlySignal<ChatClient | undefined>,
  before: ReadonlySignal<readonly ChatEntry[]>,
): ClientState {
  const fields: Record<string, ReadonlySignal<unknown>> = {};
  for (const key of STATE_KEYS) {
    fields[key] = computed(() => {
      const active = current.value;
      return active ? active[key].value : BEFORE[key];
    });
  }
  const rows = (): ReadonlySignal<readonly ChatEntry[]> => current.value?.messages ?? before;
  const messages = freshComputed(
    () => void rows().value,
    () => untracked(() => rows().value),
  );
  return { ...(fields as unknown as Omit<ClientState, 'messages'>), messages };
}
/**
 * Repeats every event of `from` on `to`, until the returned function is called.
 *
 * @example
 * ```ts
 * const stop = forwardEvents(core, emitter); // listeners of `emitter` hear the core's events
 * ```
 */
export function forwardEvents(from: ChatClient, to: Emitter<ChatEvents>): () => void {
  const offs = CHAT_EVENT_NAMES.map((name) =>
    from.on(name, (payload: ChatEvents[typeof name]) => to.emit(name, payload)),
  );
  return () => {
    for (const off of offs) off();
  };
}
