import {
  type AgentInfo,
  type AttachmentLimits,
  type Author,
  type Availability,
  type HandoffStatus,
  parseServerFrame,
} from '@clavard/protocol';
import {
  arrayOf,
  isBoolean,
  isFiniteNumber,
  isRecord,
  isShape,
  isString,
  oneOfValues,
  optional,
  type Predicate,
} from '@clavard/protocol/internal';
import type { ConnectionStatus } from './connection-model.js';
import type {
  ChatEntry,
  ConversationState,
  PendingForm,
  PendingPrechat,
  QueueState,
} from './conversation-model.js';
import { isTabAction, type TabAction } from './tab-actions.js';
import { isTabEvent, isWireError, STATUSES, type TabEvent, type WireError } from './tab-events.js';

/** The leader's state, as the followers mirror it (messages travel apart, as a patch). */
export interface MirrorState {
  status: ConnectionStatus;
  disconnectedSince?: number;
  conversation?: ConversationState;
  agent?: AgentInfo;
  availability?: Availability;
  prechat?: PendingPrechat;
  queue?: QueueState;
  typing: readonly Author[];
  unread: number;
  forms: readonly PendingForm[];
  attachments?: AttachmentLimits;
  handoff?: HandoffStatus;
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
const isEntry = (value: unknown): value is ChatEntry =>
  isRecord(value) &&
  (value.kind === 'pending'
    ? isShape({ key: isString, clientId: isString, text: isString, delivery: isString })(value)
    : value.kind === 'event' &&
      isShape({ key: isString, seq: isFiniteNumber, event: (event) => parseServerFrame(event).ok })(value));

const isMirrorState = isShape({
  status: oneOfValues(STATUSES),
  disconnectedSince: optional(isFiniteNumber),
  conversation: optional(isShape({ id: isString, epoch: isString })),
  agent: optional(isShape({ id: isString, firstName: isString })),
  availability: optional(isShape({ online: isBoolean })),
  prechat: optional(isShape({ form: isShape({ formId: isString, fields: arrayOf(isRecord) }) })),
  queue: optional(isShape({ position: isFiniteNumber })),
  typing: arrayOf(isRecord),
  unread: isFiniteNumber,
  forms: arrayOf(isShape({ request: isRecord })),
  attachments: optional(isShape({ maxBytes: isFiniteNumber, perConversation: isFiniteNumber })),
  handoff: optional(oneOfValues(['opened', 'resumed', 'used', 'expired', 'invalid'])),
});

const always = (): boolean => true;

const BODY_CHECKS: Record<TabMessageBody['type'], Predicate> = {
  presence: isShape({ leader: isBoolean }),
  leader: always,
  resign: always,
  sync: always,
  state: isShape({
    rev: isFiniteNumber,
    base: isFiniteNumber,
    keep: isFiniteNumber,
    state: isMirrorState,
    tail: arrayOf(isEntry),
  }),
  event: isShape({ event: isTabEvent }),
  action: isShape({ to: isString, action: isTabAction }),
  reply: isShape({ to: isString, clientId: isString, error: optional(isWireError) }),
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
