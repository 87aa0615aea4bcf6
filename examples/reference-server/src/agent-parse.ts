/** Validation of the frames an agent console sends (`parseAgentFrame`), and of topic lists. */

import { type AgentClientFrame, isVerificationCheck, VERIFICATION_CHECKS } from '@clavard/agent-api';
import {
  ChatError,
  type FormField,
  type FormKind,
  MAX_FRAME_BYTES,
  MAX_SHORT_LENGTH,
  MAX_TEXT_LENGTH,
  type MessageContent,
  type ParseResult,
  parseServerFrame,
} from '@clavard/protocol';
import { isLinearPattern } from './chat/patterns.js';

type Fields = Record<string, unknown>;

class Invalid extends Error {}

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (value: Fields, key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);

const str = (value: Fields, key: string, max = MAX_SHORT_LENGTH): string => {
  const field = own(value, key);
  if (typeof field !== 'string' || field.length === 0) throw new Invalid(`${key} must be a non-empty string`);
  if (field.length > max) throw new Invalid(`${key} is too long`);
  return field;
};

const optStr = (value: Fields, key: string, max = MAX_SHORT_LENGTH): string | undefined =>
  own(value, key) === undefined || own(value, key) === null ? undefined : str(value, key, max);

const seqOf = (value: Fields, key: string): number => {
  const field = own(value, key);
  if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < 0) {
    throw new Invalid(`${key} must be an integer ≥ 0`);
  }
  return field;
};

const EPOCH_AT = '1970-01-01T00:00:00.000Z';

/** Checks a message content or a form with the visitor protocol's own parser, as a server frame. */
const viaServerParser = (frame: Fields): Fields => {
  const result = parseServerFrame({ ...frame, conversationId: 'check', seq: 1, at: EPOCH_AT });
  if (!result.ok) {
    throw result.ignored ? new Invalid('unknown content') : result.error;
  }
  return result.value as unknown as Fields;
};

const contentOf = (value: Fields): MessageContent => {
  const text = own(value, 'text');
  const content = own(value, 'content') ?? (typeof text === 'string' ? { kind: 'text', text } : undefined);
  if (!isRecord(content)) throw new Invalid('content is missing');
  const checked = viaServerParser({ type: 'message', id: 'check', author: { role: 'system' }, content });
  return checked.content as MessageContent;
};

/** Longest transfer note. */
const MAX_NOTE_LENGTH = 2000;

/** Most topics in one list: far more than a pre-chat form offers. */
const MAX_TOPICS = 100;

/**
 * Checks a list of topics (an agent's, at sign-in or in `agent.topics`): strings, each one of `known` when
 * given; duplicates dropped, in `known`'s order. The error names the first unknown topic.
 *
 * @example
 * ```ts
 * parseTopics(['Billing'], ['Plans', 'Billing']); // { ok: true, value: ['Billing'] }
 * parseTopics(['Refunds'], ['Plans', 'Billing']); // { ok: false, error: 'unknown topic Refunds' }
 * ```
 */
export function parseTopics(
  value: unknown,
  known?: readonly string[],
): { ok: true; value: string[] } | { ok: false; error: string } {
  if (!Array.isArray(value) || value.length > MAX_TOPICS) {
    return { ok: false, error: `topics must be a list of at most ${MAX_TOPICS} topics` };
  }
  for (const topic of value) {
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_SHORT_LENGTH) {
      return { ok: false, error: 'each topic must be a non-empty string' };
    }
    if (known !== undefined && !known.includes(topic)) return { ok: false, error: `unknown topic ${topic}` };
  }
  const given = new Set(value as string[]);
  return { ok: true, value: known === undefined ? [...given] : known.filter((topic) => given.has(topic)) };
}

/**
 * Options of {@link parseAgentFrame}.
 *
 * @example
 * ```ts
 * parseAgentFrame(text, { topics: ['Billing', 'Technical support'] });
 * ```
 */
export interface AgentFrameOptions {
  /** The organisation's topics: `agent.topics` may name only these. @default any topic */
  topics?: readonly string[];
}

const parsers: {
  [T in AgentClientFrame['type']]: (
    value: Fields,
    options: AgentFrameOptions,
  ) => AgentClientFrame & { type: T };
} = {
  'agent.hello': (v) => ({ type: 'agent.hello', token: str(v, 'token', 8192) }),
  'agent.take': (v) => ({ type: 'agent.take', conversationId: str(v, 'conversationId') }),
  'agent.message': (v) => ({
    type: 'agent.message',
    conversationId: str(v, 'conversationId'),
    clientId: str(v, 'clientId'),
    content: contentOf(v),
  }),
  'agent.typing': (v) => {
    const active = own(v, 'active');
    if (typeof active !== 'boolean') throw new Invalid('active must be a boolean');
    return { type: 'agent.typing', conversationId: str(v, 'conversationId'), active };
  },
  'agent.read': (v) => ({
    type: 'agent.read',
    conversationId: str(v, 'conversationId'),
    upToSeq: seqOf(v, 'upToSeq'),
  }),
  'agent.transfer': (v) => {
    const note = own(v, 'note');
    if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH)) {
      throw new Invalid(`note must be text of at most ${MAX_NOTE_LENGTH} characters`);
    }
    return {
      type: 'agent.transfer',
      conversationId: str(v, 'conversationId'),
      toAgentId: str(v, 'toAgentId'),
      ...(typeof note === 'string' && note.trim() !== '' ? { note: note.trim() } : {}),
    };
  },
  'agent.form': (v) => {
    const formId = optStr(v, 'formId');
    const checked = viaServerParser({
      type: 'form.request',
      formId: formId ?? 'check',
      kind: own(v, 'kind'),
      fields: own(v, 'fields'),
      title: own(v, 'title'),
      reason: own(v, 'reason'),
    });
    const fields = checked.fields as FormField[];
    const unsafe = fields.findIndex(
      (field) => field.pattern !== undefined && !isLinearPattern(field.pattern),
    );
    if (unsafe >= 0) {
      throw new Invalid(
        `fields[${unsafe}].pattern must run in linear time (RE2: no backreferences or lookaround)`,
      );
    }
    const title = checked.title;
    const reason = checked.reason;
    return {
      type: 'agent.form',
      conversationId: str(v, 'conversationId'),
      ...(formId === undefined ? {} : { formId }),
      kind: checked.kind as FormKind,
      fields,
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  },
  'agent.verify': (v) => {
    const checks = own(v, 'checks');
    if (!Array.isArray(checks) || checks.length === 0 || !checks.every(isVerificationCheck)) {
      throw new Invalid(`checks must list one or more of ${VERIFICATION_CHECKS.join(', ')}`);
    }
    return { type: 'agent.verify', conversationId: str(v, 'conversationId'), checks: [...new Set(checks)] };
  },
  'agent.end': (v) => {
    const closing = own(v, 'closing');
    if (closing !== undefined && (typeof closing !== 'string' || closing.length > MAX_TEXT_LENGTH)) {
      throw new Invalid(`closing must be text of at most ${MAX_TEXT_LENGTH} characters`);
    }
    return {
      type: 'agent.end',
      conversationId: str(v, 'conversationId'),
      ...(typeof closing === 'string' ? { closing } : {}),
    };
  },
  'agent.history': (v) => {
    const limit = own(v, 'limit');
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1)) {
      throw new Invalid('limit must be an integer ≥ 1');
    }
    const before = own(v, 'beforeSeq') === undefined ? undefined : seqOf(v, 'beforeSeq');
    return {
      type: 'agent.history',
      conversationId: str(v, 'conversationId'),
      ...(before === undefined ? { afterSeq: seqOf(v, 'afterSeq') } : { beforeSeq: before }),
      ...(limit === undefined ? {} : { limit }),
    };
  },
  'agent.signout': () => ({ type: 'agent.signout' }),
  'agent.search': (v) => {
    const query = own(v, 'query') ?? '';
    if (typeof query !== 'string' || query.length > MAX_SHORT_LENGTH)
      throw new Invalid('query must be short text');
    return { type: 'agent.search', query };
  },
  'agent.accounts': (v) => {
    const create = own(v, 'create');
    if (create === undefined) return { type: 'agent.accounts' };
    if (!isRecord(create)) throw new Invalid('create must be an object');
    const role = own(create, 'role') ?? 'agent';
    if (role !== 'agent' && role !== 'admin') throw new Invalid('role must be agent or admin');
    const title = optStr(create, 'title', 120);
    return {
      type: 'agent.accounts',
      create: {
        login: str(create, 'login', 64),
        firstName: str(create, 'firstName', 64),
        ...(title === undefined ? {} : { title }),
        role,
        password: str(create, 'password', 256),
      },
    };
  },
  'agent.open': (v) => ({ type: 'agent.open', conversationId: str(v, 'conversationId') }),
  'agent.report': (v) => {
    const days = own(v, 'days') ?? 7;
    if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > 366) {
      throw new Invalid('days must be an integer from 1 to 366');
    }
    return { type: 'agent.report', days };
  },
  'agent.reply': (v) => {
    const text = str(v, 'text', MAX_TEXT_LENGTH);
    if (text.trim() === '') throw new Invalid('text must not be blank');
    return {
      type: 'agent.reply',
      conversationId: str(v, 'conversationId'),
      clientId: str(v, 'clientId'),
      text: text.trim(),
    };
  },
  'agent.topics': (v, options) => {
    const topics = parseTopics(own(v, 'topics'), options.topics);
    if (!topics.ok) throw new Invalid(topics.error);
    return { type: 'agent.topics', topics: topics.value };
  },
  ping: (v) => {
    const id = optStr(v, 'id');
    return id === undefined ? { type: 'ping' } : { type: 'ping', id };
  },
  pong: (v) => {
    const id = optStr(v, 'id');
    return id === undefined ? { type: 'pong' } : { type: 'pong', id };
  },
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
 * const result = parseAgentFrame(text, { topics: ['Billing'] });
 * if (result.ok) handle(result.value);
 * ```
 */
export function parseAgentFrame(
  input: unknown,
  options: AgentFrameOptions = {},
): ParseResult<AgentClientFrame> {
  let type = 'frame';
  try {
    let value = input;
    if (typeof value === 'string') {
      if (Buffer.byteLength(value, 'utf8') > MAX_FRAME_BYTES) {
        return {
          ok: false,
          ignored: false,
          error: new ChatError('frame-too-large', 'frame is over 256 KiB'),
        };
      }
      value = JSON.parse(value);
    }
    if (!isRecord(value) || typeof own(value, 'type') !== 'string') throw new Invalid('type is missing');
    type = String(own(value, 'type'));
    if (!Object.hasOwn(parsers, type)) return { ok: false, ignored: true, type };
    const parse = parsers[type as AgentClientFrame['type']] as (
      v: Fields,
      options: AgentFrameOptions,
    ) => AgentClientFrame;
    return { ok: true, value: parse(value, options) };
  } catch (thrown) {
    const error = ChatError.isInstance(thrown)
      ? new ChatError(thrown.code, `${type}: ${thrown.message}`, { retryable: false })
      : new ChatError(
          'invalid-frame',
          `${type}: ${thrown instanceof Error ? thrown.message : 'is invalid'}`,
          {
            retryable: false,
          },
        );
    return { ok: false, ignored: false, error };
  }
}
