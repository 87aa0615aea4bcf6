import {
  ChatError,
  type ChatErrorCode,
  CLIENT_ERROR_CODES,
  parseServerFrame,
  SERVER_ERROR_CODES,
} from '@clavard/protocol';
import {
  type Emitter,
  isBoolean,
  isRecord,
  isShape,
  isString,
  oneOfValues,
  optional,
} from '@clavard/protocol/internal';
import type { ConnectionStatus } from './connection-model.js';
import type { ChatEvents } from './types.js';

/** A {@link ChatError} as it crosses the channel (class instances do not survive structured clone). */
export interface WireError {
  code: ChatErrorCode;
  message: string;
  retryable: boolean;
  clientId?: string;
}

/** What an event's payload is on the channel: the same, except an error. */
type Wire<K extends keyof ChatEvents> = K extends 'error' ? WireError : ChatEvents[K];

/** A client event the leader repeats to the followers. */
export type TabEvent = { [K in keyof ChatEvents]: { name: K; payload: Wire<K> } }[keyof ChatEvents];

/** How one event crosses the channel: its check on arrival, and its payload there and back. */
interface EventCodec<K extends keyof ChatEvents> {
  check(payload: unknown): boolean;
  toWire(payload: ChatEvents[K]): Wire<K>;
  fromWire(payload: Wire<K>): ChatEvents[K];
}

export const STATUSES: readonly ConnectionStatus[] = [
  'idle',
  'connecting',
  'online',
  'reconnecting',
  'offline',
];
const ERROR_CODES: readonly ChatErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];

/**
 * Whether `value` is a {@link WireError}.
 *
 * @example
 * ```ts
 * if (isWireError(message.error)) emitter.emit('error', fromWireError(message.error));
 * ```
 */
export const isWireError = isShape({
  code: oneOfValues(ERROR_CODES),
  message: isString,
  retryable: isBoolean,
  clientId: optional(isString),
}) as (value: unknown) => value is WireError;

/**
 * A {@link ChatError} for the channel.
 *
 * @example
 * ```ts
 * channel.post({ type: 'reply', to, clientId, error: toWireError(error) });
 * ```
 */
export function toWireError(error: ChatError): WireError {
  const wire: WireError = { code: error.code, message: error.message, retryable: error.retryable };
  if (error.clientId !== undefined) wire.clientId = error.clientId;
  return wire;
}

/**
 * A {@link WireError} back into a {@link ChatError}.
 *
 * @example
 * ```ts
 * emitter.emit('error', fromWireError(message.error));
 * ```
 */
export function fromWireError(wire: WireError): ChatError {
  return new ChatError(wire.code, wire.message, wire);
}

const same = <T>(payload: T): T => payload;

/** An event that is a server frame of the same type: checked by the protocol's parser. */
const frameEvent = <K extends keyof ChatEvents>(name: K): EventCodec<K> => ({
  check: (payload) => {
    const parsed = parseServerFrame(payload);
    return parsed.ok && parsed.value.type === name;
  },
  toWire: same as EventCodec<K>['toWire'],
  fromWire: same as EventCodec<K>['fromWire'],
});

/**
 * Every client event, and how it reaches the other tabs. The one list: a tab's client emits each of these
 * in every tab (the leader's as they happen, the followers' as the leader repeats them); an event added to
 * {@link ChatEvents} without an entry here fails to compile.
 */
export const TAB_EVENTS: { [K in keyof ChatEvents]: EventCodec<K> } = {
  message: frameEvent('message'),
  'agent.joined': frameEvent('agent.joined'),
  'agent.left': frameEvent('agent.left'),
  'agent.transferred': frameEvent('agent.transferred'),
  'form.request': frameEvent('form.request'),
  'form.result': frameEvent('form.result'),
  'conversation.ended': frameEvent('conversation.ended'),
  discontinuity: {
    check: isShape({ conversationId: isString, epoch: isString }),
    toWire: same,
    fromWire: same,
  },
  status: { check: oneOfValues(STATUSES), toWire: same, fromWire: same },
  error: { check: isWireError, toWire: toWireError, fromWire: fromWireError },
  shutdown: { check: isShape({ forgotten: isBoolean }), toWire: same, fromWire: same },
};

/** The names of {@link TAB_EVENTS}, typed. */
export const TAB_EVENT_NAMES = Object.keys(TAB_EVENTS) as (keyof ChatEvents)[];

/**
 * Whether `value` is a {@link TabEvent} (a known name, a payload that passes its check).
 *
 * @example
 * ```ts
 * isTabEvent({ name: 'status', payload: 'online' }); // true
 * ```
 */
export const isTabEvent = (value: unknown): value is TabEvent =>
  isRecord(value) &&
  isString(value.name) &&
  Object.hasOwn(TAB_EVENTS, value.name) &&
  TAB_EVENTS[value.name as keyof ChatEvents].check(value.payload);

/**
 * The {@link TabEvent} for an event emitted in the leader.
 *
 * @example
 * ```ts
 * core.on('error', (error) => channel.post({ type: 'event', event: toTabEvent('error', error) }));
 * ```
 */
export function toTabEvent<K extends keyof ChatEvents>(name: K, payload: ChatEvents[K]): TabEvent {
  return { name, payload: TAB_EVENTS[name].toWire(payload) } as TabEvent;
}

/**
 * Emit, in a follower, an event the leader repeated.
 *
 * @example
 * ```ts
 * if (message.type === 'event') replayEvent(emitter, message.event);
 * ```
 */
export function replayEvent(emitter: Emitter<ChatEvents>, event: TabEvent): void {
  // `name` and `payload` come from one checked event, which TypeScript cannot correlate.
  const codec = TAB_EVENTS[event.name] as EventCodec<typeof event.name>;
  emitter.emit(event.name, codec.fromWire(event.payload as never));
}
