/**
 * Validation of the frames an agent console sends (`parseAgentFrame`). Each frame's shape is a table for
 * the protocol's `parseTagged`, written in its validation vocabulary (`@clavard/protocol/internal`);
 * then the few rules that span fields: a default, a field that stands in for another.
 */
import {
  type FormField,
  MAX_SHORT_LENGTH,
  MAX_TEXT_LENGTH,
  type ParseResult,
  parseServerFrame,
} from '@clavard/protocol';
import {
  bool,
  type Check,
  fail,
  int,
  isArrayOf,
  isRecord,
  isString,
  obj,
  oneOf,
  parseTagged,
  type Schema,
  str,
  withRule,
} from '@clavard/protocol/internal';
import type { AgentClientFrame } from './frames-in.js';
import { parseTopics } from './topics.js';
import { isVerificationCheck, VERIFICATION_CHECKS } from './verification.js';

/**
 * Options of {@link parseAgentFrame}: what it needs to know of the organisation.
 *
 * @example
 * ```ts
 * parseAgentFrame(text, { topics: ['Billing', 'Technical support'], isLinearPattern });
 * ```
 */
export interface AgentFrameOptions {
  /** The organisation's topics: `agent.topics` may name only these. @default any topic */
  topics?: readonly string[];
  /**
   * Whether the server can match a form field's `pattern` in linear time (RE2 syntax: no backreferences,
   * no lookaround); an `agent.form` with a pattern it cannot is refused. The reference server passes its
   * re2js check. @default any pattern the visitor protocol accepts (a valid regular expression)
   */
  isLinearPattern?: (pattern: string) => boolean;
}

/** Longest transfer note. */
const MAX_NOTE_LENGTH = 2000;

const id = str(MAX_SHORT_LENGTH, 1);
const seq = int(0);
/** Taken as it is, for a rule across fields to look at; checked for good in the frame's final shape. */
const raw: Check = (value) => value;

const EPOCH_AT = '1970-01-01T00:00:00.000Z';

/**
 * Checks `frame` as a visitor protocol server frame (a message, a form request): an agent cannot send
 * what a widget would refuse. Fails with that parser's code and message.
 */
const asServerFrame = (frame: Record<string, unknown>): Record<string, unknown> => {
  const result = parseServerFrame({ ...frame, conversationId: 'check', seq: 1, at: EPOCH_AT });
  if (result.ok) return result.value as unknown as Record<string, unknown>;
  return result.ignored ? fail('', 'unknown content') : fail('', result.error.message, result.error.code);
};

/** A message content, as the visitor protocol checks it. */
const content: Check = (value) =>
  asServerFrame({ type: 'message', id: 'check', author: { role: 'system' }, content: value }).content;

/** A part of `agent.form`, checked as the same part of the visitor protocol's `form.request`. */
const formPart =
  (key: 'kind' | 'fields' | 'title' | 'reason'): Check =>
  (value) =>
    asServerFrame({ type: 'form.request', formId: 'check', kind: 'custom', fields: [], [key]: value })[key];

/** A form's fields; with `isLinearPattern`, each pattern must pass it. */
const formFields =
  (isLinearPattern: ((pattern: string) => boolean) | undefined): Check =>
  (value, path) => {
    const fields = formPart('fields')(value, path) as FormField[];
    const unsafe = fields.findIndex(
      (field) => field.pattern !== undefined && isLinearPattern?.(field.pattern) === false,
    );
    return unsafe < 0
      ? fields
      : fail(`${path}[${unsafe}].pattern`, 'must run in linear time (RE2: no backreferences or lookaround)');
  };

/** A transfer note, trimmed; a blank one is left out. */
const note: Check = (value, path) => str(MAX_NOTE_LENGTH)(value, path).trim() || undefined;

/** The text of an answer to a left message, trimmed; it may not be blank. */
const replyText: Check = (value, path) =>
  str(MAX_TEXT_LENGTH, 1)(value, path).trim() || fail(path, 'must not be blank');

/** One or more verification checks, each once. */
const checks: Check = (value, path) =>
  isArrayOf(value, isVerificationCheck) && value.length > 0
    ? [...new Set(value)]
    : fail(path, `must list one or more of ${VERIFICATION_CHECKS.join(', ')}`);

/** A topic list (see `parseTopics`); the error names the first unknown topic. */
const topicList =
  (known: readonly string[] | undefined): Check =>
  (value) => {
    const topics = parseTopics(value, known);
    return topics.ok ? topics.value : fail('', topics.error);
  };

/** A new account: the role is `agent` unless told otherwise. */
const account: Check = (value, path) => {
  const checked = obj({
    login: str(64, 1),
    firstName: str(64, 1),
    'title?': str(120, 1),
    'role?': oneOf(['agent', 'admin', 'community']),
    password: str(256, 1),
  })(value, path);
  return { ...checked, role: checked.role ?? 'agent' };
};

/**
 * A handoff draft: an object, its fields checked by the server exactly as the body of its
 * `POST /api/handoffs` (one set of rules for the console and for any other tool).
 */
const handoffDraft: Check = (value, path) => (isRecord(value) ? value : fail(path, 'must be an object'));

/** `agent.message`'s final shape, once a `text` has stood in for a missing `content`. */
const MESSAGE: Schema = /* @__PURE__ */ withRule(
  { conversationId: id, clientId: id, content, 'attachmentId?': id },
  // A file is sent by its upload's id, the content its caption: the server says what the file is.
  (frame) =>
    (frame.content as { kind: string }).kind === 'attachment'
      ? fail('content.kind', 'is a file: send its upload as attachmentId, with a text content as caption')
      : frame.attachmentId === undefined ||
        (frame.content as { kind: string }).kind === 'text' ||
        fail('content.kind', 'must be text (the caption) beside attachmentId'),
);

/** `agent.history`'s final shapes: a page after `afterSeq`, or the page before `beforeSeq`. */
const HISTORY_AFTER: Schema = { conversationId: id, afterSeq: seq, 'limit?': int(1) };
const HISTORY_BEFORE: Schema = { conversationId: id, beforeSeq: seq, 'limit?': int(1) };

const ping: Schema = { 'id?': id };

/**
 * The shape of each frame: its fields and their checks. `agent.message` and `agent.history` take the
 * fields their rules look at as they are (see `MESSAGE` and `HISTORY_*` for their final shape).
 */
const shapes = (options: AgentFrameOptions): Record<AgentClientFrame['type'], Schema> => ({
  'agent.hello': { token: str(8 * 1024, 1) },
  'agent.take': { conversationId: id },
  'agent.message': {
    conversationId: id,
    clientId: id,
    'content?': raw,
    'attachmentId?': id,
    // `text` is short for a text content; a `content` wins over it.
    'text?': (value) => (isString(value) ? { kind: 'text', text: value } : undefined),
  },
  'agent.typing': { conversationId: id, active: bool },
  'agent.read': { conversationId: id, upToSeq: seq },
  'agent.transfer': { conversationId: id, toAgentId: id, 'note?': note },
  'agent.form': {
    conversationId: id,
    'formId?': id,
    kind: formPart('kind'),
    fields: formFields(options.isLinearPattern),
    'title?': formPart('title'),
    'reason?': formPart('reason'),
  },
  'agent.verify': { conversationId: id, checks },
  'agent.end': { conversationId: id, 'closing?': str(MAX_TEXT_LENGTH) },
  'agent.history': { conversationId: id, 'afterSeq?': raw, 'beforeSeq?': raw, 'limit?': int(1) },
  'agent.topics': { topics: topicList(options.topics) },
  'agent.signout': {},
  'agent.reply': { conversationId: id, clientId: id, text: replyText },
  'agent.search': { 'query?': str(MAX_SHORT_LENGTH) },
  'agent.open': { conversationId: id },
  'agent.report': { 'days?': int(1, 366) },
  'agent.accounts': { 'create?': account },
  'agent.handoffs': { 'create?': handoffDraft },
  ping,
  pong: ping,
});

/** A frame once each field is checked, before the rules across fields. */
type Picked = { type: AgentClientFrame['type'] } & Record<string, unknown>;

/** Checks `frame` again, against its final `schema`: a rule across fields fails as any check does. */
const reshape = (frame: Picked, schema: Schema): ParseResult<AgentClientFrame> =>
  parseTagged({ [frame.type]: schema }, frame);

/** The rules across fields, by frame type; the other frames are done once each field is checked. */
const finish: { [T in AgentClientFrame['type']]?: (frame: Picked) => ParseResult<AgentClientFrame> } = {
  'agent.message': ({ content, text, ...frame }) => reshape({ ...frame, content: content ?? text }, MESSAGE),
  'agent.history': (frame) => reshape(frame, frame.beforeSeq === undefined ? HISTORY_AFTER : HISTORY_BEFORE),
  'agent.search': (frame) => ({
    ok: true,
    value: { ...frame, query: frame.query ?? '' } as AgentClientFrame,
  }),
  'agent.report': (frame) => ({ ok: true, value: { ...frame, days: frame.days ?? 7 } as AgentClientFrame }),
};

/**
 * Validates a frame from an agent console: JSON text or a decoded value. Never throws. Same contract as
 * `parseClientFrame`: a fresh object of known fields, `ignored` for an unknown type, `invalid-frame`,
 * `frame-too-large` or `text-too-long` otherwise. Message contents and forms are checked by the visitor
 * protocol's own parser, so an agent cannot send what a widget would refuse; `agent.topics` may name
 * only `options.topics` when given.
 *
 * @example
 * ```ts
 * const result = parseAgentFrame('{"type":"agent.take","conversationId":"c1"}', { topics: ['Billing'] });
 * if (result.ok) handle(result.value); // { type: 'agent.take', conversationId: 'c1' }
 * else if (!result.ignored) reply(result.error.code, result.error.message); // e.g. invalid-frame
 * ```
 */
export function parseAgentFrame(
  input: unknown,
  options: AgentFrameOptions = {},
): ParseResult<AgentClientFrame> {
  const picked = parseTagged<Picked>(shapes(options), input);
  if (!picked.ok) return picked;
  return finish[picked.value.type]?.(picked.value) ?? (picked as ParseResult<AgentClientFrame>);
}
