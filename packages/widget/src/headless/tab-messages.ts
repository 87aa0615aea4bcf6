import {
  type AgentInfo,
  type AgentJoined,
  type AgentLeft,
  type AgentTransferred,
  type Author,
  type Availability,
  ChatError,
  type ChatErrorCode,
  CLIENT_ERROR_CODES,
  type ConversationEnded,
  type FormRequest,
  parseServerFrame,
  SERVER_ERROR_CODES,
  type ServerMessage,
} from '@clavard/protocol';
import type { ConnectionStatus } from './connection-model.js';
import type { ChatEntry, ConversationState, PendingForm, QueueState } from './conversation-model.js';
import type { DiscontinuityInfo, RatingInput } from './types.js';

/** A {@link ChatError} as it crosses the channel (class instances do not survive structured clone). */
export interface WireError {
  code: ChatErrorCode;
  message: string;
  retryable: boolean;
  clientId?: string;
}

/** What a follower asks the leader to do for it. */
export type TabAction =
  | { kind: 'send'; clientId: string; text: string; quickReplyId?: string }
  | { kind: 'retry'; clientId: string; nextId: string }
  | { kind: 'typing'; active: boolean }
  | { kind: 'read' }
  /** Form values may be sensitive: they cross the channel in memory only and are never stored. */
  | { kind: 'form'; formId: string; values: Record<string, string> }
  | { kind: 'rate'; rating: RatingInput }
  | { kind: 'end' }
  | { kind: 'connect' }
  /** An identity token: in memory only, like form values. */
  | { kind: 'identify'; token: string }
  | { kind: 'shutdown' }
  | { kind: 'forget' };

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

/** A client event the leader repeats to the followers. */
export type TabEvent =
  | { name: 'message'; payload: ServerMessage }
  | { name: 'agent.joined'; payload: AgentJoined }
  | { name: 'agent.left'; payload: AgentLeft }
  | { name: 'agent.transferred'; payload: AgentTransferred }
  | { name: 'form.request'; payload: FormRequest }
  | { name: 'conversation.ended'; payload: ConversationEnded }
  | { name: 'discontinuity'; payload: DiscontinuityInfo }
  | { name: 'status'; payload: ConnectionStatus }
  | { name: 'error'; payload: WireError }
  | { name: 'shutdown'; payload: { forgotten: boolean } };

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
type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStr = (value: unknown): value is string => typeof value === 'string';
const isNum = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isOpt = (value: unknown, check: (v: unknown) => boolean): boolean =>
  value === undefined || check(value);
const STATUSES: readonly unknown[] = ['idle', 'connecting', 'online', 'reconnecting', 'offline'];
const FRAME_EVENTS: readonly unknown[] = [
  'message',
  'agent.joined',
  'agent.left',
  'agent.transferred',
  'form.request',
  'conversation.ended',
];

const isStringRecord = (value: unknown): value is Record<string, string> =>
  isRec(value) && Object.values(value).every(isStr);

const ERROR_CODES: readonly unknown[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];
const isWireError = (value: unknown): value is WireError =>
  isRec(value) &&
  ERROR_CODES.includes(value.code) &&
  isStr(value.message) &&
  typeof value.retryable === 'boolean' &&
  isOpt(value.clientId, isStr);

const isEntry = (value: unknown): value is ChatEntry => {
  if (!isRec(value) || !isStr(value.key)) return false;
  if (value.kind === 'pending') return isStr(value.clientId) && isStr(value.text) && isStr(value.delivery);
  return value.kind === 'event' && isNum(value.seq) && parseServerFrame(value.event).ok;
};

const isMirrorState = (value: unknown): value is MirrorState =>
  isRec(value) &&
  STATUSES.includes(value.status) &&
  isOpt(value.disconnectedSince, isNum) &&
  isOpt(value.conversation, (c) => isRec(c) && isStr(c.id) && isStr(c.epoch)) &&
  isOpt(value.agent, (a) => isRec(a) && isStr(a.id) && isStr(a.firstName)) &&
  isOpt(value.availability, (a) => isRec(a) && typeof a.online === 'boolean') &&
  isOpt(value.queue, (q) => isRec(q) && isNum(q.position)) &&
  Array.isArray(value.typing) &&
  value.typing.every(isRec) &&
  isNum(value.unread) &&
  Array.isArray(value.forms) &&
  value.forms.every((form) => isRec(form) && isRec(form.request));

const isEvent = (value: unknown): value is TabEvent => {
  if (!isRec(value)) return false;
  const { name, payload } = value;
  if (FRAME_EVENTS.includes(name)) {
    const parsed = parseServerFrame(payload);
    return parsed.ok && parsed.value.type === name;
  }
  if (name === 'status') return STATUSES.includes(payload);
  if (name === 'error') return isWireError(payload);
  if (name === 'shutdown') return isRec(payload) && typeof payload.forgotten === 'boolean';
  return name === 'discontinuity' && isRec(payload) && isStr(payload.conversationId) && isStr(payload.epoch);
};

const isAction = (value: unknown): value is TabAction => {
  if (!isRec(value)) return false;
  switch (value.kind) {
    case 'send':
      return isStr(value.clientId) && isStr(value.text) && isOpt(value.quickReplyId, isStr);
    case 'retry':
      return isStr(value.clientId) && isStr(value.nextId);
    case 'typing':
      return typeof value.active === 'boolean';
    case 'form':
      return isStr(value.formId) && isStringRecord(value.values);
    case 'rate':
      return isRec(value.rating);
    case 'identify':
      return isStr(value.token);
    case 'shutdown':
    case 'forget':
    case 'read':
    case 'end':
    case 'connect':
      return true;
    default:
      return false;
  }
};

const BODY_CHECKS: Record<TabMessageBody['type'], (m: Rec) => boolean> = {
  presence: (m) => typeof m.leader === 'boolean',
  leader: () => true,
  resign: () => true,
  sync: () => true,
  state: (m) =>
    isNum(m.rev) &&
    isNum(m.base) &&
    isNum(m.keep) &&
    isMirrorState(m.state) &&
    Array.isArray(m.tail) &&
    m.tail.every(isEntry),
  event: (m) => isEvent(m.event),
  action: (m) => isStr(m.to) && isAction(m.action),
  reply: (m) => isStr(m.to) && isStr(m.clientId) && isOpt(m.error, isWireError),
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
  if (!isRec(data) || data.ns !== namespace || !isStr(data.from) || !isStr(data.type)) return undefined;
  const check = Object.hasOwn(BODY_CHECKS, data.type)
    ? BODY_CHECKS[data.type as TabMessageBody['type']]
    : undefined;
  return check?.(data) ? (data as TabMessage) : undefined;
}
//#endregion

/**
 * A {@link ChatError} for the channel.
 *
 * @example
 * ```ts
 * channel.post({ type: 'event', event: { name: 'error', payload: toWireError(error) } });
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
  return new ChatError(wire.code, wire.message, {
    retryable: wire.retryable,
    ...(wire.clientId === undefined ? {} : { clientId: wire.clientId }),
  });
}
