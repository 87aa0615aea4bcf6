import { type AgentInfo, type Author, type Availability, parseServerFrame } from '@clavard/protocol';
import {
  isArrayOf,
  isBoolean,
  isFiniteNumber,
  isOneOf,
  isOptional,
  isRecord,
  isString,
} from '@clavard/protocol/internal';
import type { ConnectionStatus } from './connection-model.js';
import type { ChatEntry, ConversationState, PendingForm, QueueState } from './conversation-model.js';
import { isTabAction, type TabAction } from './tab-actions.js';
import { isTabEvent, isWireError, STATUSES, type TabEvent, type WireError } from './tab-events.js';

/** The leader's state, as the followers mirror it (messages travel apart, as a patch). */
export interface MirrorState {
  status: ConnectionStatus;
  disconnectedSince?: number;
  conversation?: ConversationState;
  agent?: AgentInfo;
  availability?: Availability;
  queue?: QueueState;
  typing: readonly Author[];
  unread: number;
  forms: readonly PendingForm[];
}

/** The body of a message between the tabs of one namespace, discriminated on `type`. */
export type TabMessageBody =
  /** Heartbeat of the election without locks. */
  | { type: 'presence'; leader: boolean }
  /** The sender leads now: followers re-forward what is not accepted yet. */
  | { type: 'leader' }
  /** The sender stops leading (tab closing): elect at once. */
  | { type: 'resign' }
  /** A follower asks for the full state. */
  | { type: 'sync' }
  /** The leader's state; `messages = previous.slice(0, keep).concat(tail)` when `base` is the last `rev`. */
  | { type: 'state'; rev: number; base: number; state: MirrorState; keep: number; tail: ChatEntry[] }
  | { type: 'event'; event: TabEvent }
  | { type: 'action'; to: string; action: TabAction }
  /** The leader's answer to a forwarded send: accepted into its (stored) outbox, or refused with `error`. */
  | { type: 'reply'; to: string; clientId: string; error?: WireError };

/** A message between tabs: its body, the namespace and the sending tab. */
export type TabMessage = TabMessageBody & { ns: string; from: string };

//#region validation
const isEntry = (value: unknown): value is ChatEntry => {
  if (!isRecord(value) || !isString(value.key)) return false;
  if (value.kind === 'pending')
    return isString(value.clientId) && isString(value.text) && isString(value.delivery);
  return value.kind === 'event' && isFiniteNumber(value.seq) && parseServerFrame(value.event).ok;
};

const isMirrorState = (value: unknown): value is MirrorState =>
  isRecord(value) &&
  isOneOf(STATUSES, value.status) &&
  isOptional(value.disconnectedSince, isFiniteNumber) &&
  isOptional(value.conversation, (c) => isRecord(c) && isString(c.id) && isString(c.epoch)) &&
  isOptional(value.agent, (a) => isRecord(a) && isString(a.id) && isString(a.firstName)) &&
  isOptional(value.availability, (a) => isRecord(a) && isBoolean(a.online)) &&
  isOptional(value.queue, (q) => isRecord(q) && isFiniteNumber(q.position)) &&
  isArrayOf(value.typing, isRecord) &&
  isFiniteNumber(value.unread) &&
  isArrayOf(value.forms, (form): form is PendingForm => isRecord(form) && isRecord(form.request));

const BODY_CHECKS: Record<TabMessageBody['type'], (m: Record<string, unknown>) => boolean> = {
  presence: (m) => isBoolean(m.leader),
  leader: () => true,
  resign: () => true,
  sync: () => true,
  state: (m) =>
    isFiniteNumber(m.rev) &&
    isFiniteNumber(m.base) &&
    isFiniteNumber(m.keep) &&
    isMirrorState(m.state) &&
    isArrayOf(m.tail, isEntry),
  event: (m) => isTabEvent(m.event),
  action: (m) => isString(m.to) && isTabAction(m.action),
  reply: (m) => isString(m.to) && isString(m.clientId) && isOptional(m.error, isWireError),
};

/**
 * `data` as a {@link TabMessage} of `namespace`, or `undefined` when it is not one (another namespace,
 * another version of the widget, or garbage): such messages are ignored.
 *
 * @example
 * ```ts
 * const message = parseTabMessage(event.data, 'default');
 * if (message?.type === 'sync') publish();
 * ```
 */
export function parseTabMessage(data: unknown, namespace: string): TabMessage | undefined {
  if (!isRecord(data) || data.ns !== namespace || !isString(data.from) || !isString(data.type))
    return undefined;
  const check = Object.hasOwn(BODY_CHECKS, data.type)
    ? BODY_CHECKS[data.type as TabMessageBody['type']]
    : undefined;
  return check?.(data) ? (data as TabMessage) : undefined;
}
//#endregion
