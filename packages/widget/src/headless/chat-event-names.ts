import type { ChatEvents } from './types.js';

/** Every event name, once: the compiler fails below when {@link ChatEvents} gains a name not listed. */
const NAMES = [
  'message',
  'agent.joined',
  'agent.left',
  'agent.transferred',
  'form.request',
  'form.result',
  'conversation.ended',
  'discontinuity',
  'status',
  'error',
  'shutdown',
] as const satisfies readonly (keyof ChatEvents)[];

type Missing = Exclude<keyof ChatEvents, (typeof NAMES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;

/**
 * The names of the {@link ChatEvents}, for a client that repeats every event of another.
 *
 * @example
 * ```ts
 * const offs = CHAT_EVENT_NAMES.map((name) => inner.on(name, (payload) => emitter.emit(name, payload)));
 * ```
 */
export const CHAT_EVENT_NAMES: readonly (keyof ChatEvents)[] = complete ? NAMES : [];
