import {
  type ChatErrorCode,
  type ClientFrameType,
  MAX_SHORT_LENGTH,
  MAX_TEXT_LENGTH,
  type ParseResult,
  parseClientFrame,
  parseServerFrame,
  type ServerFrameType,
} from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { clientExamples, messageExamples, serverExamples } from './examples.js';
import { formatPath, getAt, type Path, pathsOf, withAt, withoutAt, wrongTypeFor } from './paths.js';

type Parse = (input: unknown) => ParseResult<unknown>;

/** The fields each example cannot do without, as the parser names them. Everything else is optional. */
const requiredServer: Record<ServerFrameType, string[]> = {
  'session.welcome': [
    'v',
    'token',
    'resumed',
    'availability',
    'availability.online',
    'conversation.id',
    'conversation.epoch',
    'conversation.lastSeq',
    'conversation.status',
    'agent.id',
    'agent.firstName',
    'prechat.formId',
    'prechat.fields',
    'prechat.fields[0].name',
    'prechat.fields[0].type',
    'prechat.fields[0].label',
    'prechat.fields[0].options[0].value',
    'prechat.fields[0].options[0].label',
    'attachments.maxBytes',
    'attachments.perConversation',
  ],
  message: [
    'conversationId',
    'seq',
    'at',
    'id',
    'author',
    'author.role',
    'author.id',
    'author.firstName',
    'content',
    'content.kind',
    'content.text',
    'content.replies',
    'content.replies[0].id',
    'content.replies[0].label',
    'content.replies[1].id',
    'content.replies[1].label',
  ],
  'agent.joined': ['conversationId', 'seq', 'at', 'agent', 'agent.id', 'agent.firstName'],
  'agent.left': ['conversationId', 'seq', 'at', 'agent', 'agent.id', 'agent.firstName'],
  'agent.transferred': [
    'conversationId',
    'seq',
    'at',
    'agent',
    'agent.id',
    'agent.firstName',
    'from.id',
    'from.firstName',
  ],
  'form.request': [
    'conversationId',
    'seq',
    'at',
    'formId',
    'kind',
    'fields',
    'fields[0].name',
    'fields[0].type',
    'fields[0].label',
    'fields[1].name',
    'fields[1].type',
    'fields[1].label',
    'fields[1].options[0].value',
    'fields[1].options[0].label',
    'fields[1].options[1].value',
    'fields[1].options[1].label',
  ],
  'form.result': ['conversationId', 'seq', 'at', 'formId', 'status'],
  'prechat.result': ['formId', 'status'],
  'conversation.ended': ['conversationId', 'seq', 'at', 'by'],
  'message.ack': ['conversationId', 'clientId', 'id', 'seq', 'at'],
  typing: ['conversationId', 'by', 'by.role', 'by.id', 'by.firstName', 'active'],
  read: ['conversationId', 'upToSeq', 'by'],
  'queue.update': ['conversationId', 'position'],
  availability: ['online'],
  history: [
    'conversationId',
    'epoch',
    'afterSeq',
    'events',
    'hasMore',
    'events[0].type',
    'events[0].conversationId',
    'events[0].seq',
    'events[0].at',
    'events[0].id',
    'events[0].author',
    'events[0].author.role',
    'events[0].content',
    'events[0].content.kind',
    'events[0].content.text',
    'events[1].type',
    'events[1].conversationId',
    'events[1].seq',
    'events[1].at',
    'events[1].agent',
    'events[1].agent.id',
    'events[1].agent.firstName',
  ],
  discontinuity: ['conversationId', 'epoch', 'reason'],
  error: ['code', 'message', 'retryable'],
  ping: [],
  pong: [],
  'session.reconnect': ['reason'],
  'session.ended': ['reason'],
  'handoff.result': ['status'],
};

const requiredClient: Record<ClientFrameType, string[]> = {
  'session.hello': ['v', 'locale', 'resume.conversationId', 'resume.lastSeq', 'page.url'],
  'message.send': ['clientId', 'text', 'consent.at', 'consent.version'],
  typing: ['active'],
  read: ['upToSeq'],
  'history.since': ['conversationId', 'afterSeq'],
  'form.submit': ['formId', 'values'],
  'rating.submit': ['conversationId'],
  'conversation.end': ['conversationId'],
  'session.identify': ['identity'],
  'session.end': [],
  'session.forget': [],
  'handoff.open': ['token'],
  ping: [],
  pong: [],
};

/** Picture URLs are left out when bad instead of failing the frame. */
const isPicture = (path: Path) => path.at(-1) === 'avatarUrl' || path.at(-1) === 'imageUrl';

/** Entries of string maps (`values`, `attributes`, `errors`): any key, a string value, never null. */
const maps = ['values', 'attributes', 'errors'];
const isMapEntry = (path: Path) => path.length === 2 && maps.includes(String(path[0]));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectError(result: ParseResult<unknown>, code: ChatErrorCode, message?: RegExp | string) {
  if (result.ok || result.ignored) throw new Error(`expected ${code}, got ${JSON.stringify(result)}`);
  expect(result.error.code).toBe(code);
  if (message !== undefined) expect(result.error.message).toMatch(message);
}

const directions: [string, Parse, Record<string, unknown>, Record<string, string[]>][] = [
  ['server', parseServerFrame, serverExamples, requiredServer],
  ['client', parseClientFrame, clientExamples, requiredClient],
];

describe.each(directions)('%s frames', (_direction, parse, examples, required) => {
  const frames = Object.entries(examples);

  it.each(frames)('%s: the example parses to an equal value', (_type, frame) => {
    expect(parse(frame)).toEqual({ ok: true, value: frame });
  });

  it.each(frames)('%s: the example parses from its JSON text', (_type, frame) => {
    expect(parse(JSON.stringify(frame))).toEqual({ ok: true, value: frame });
  });

  const removals = frames.flatMap(([type, frame]) =>
    pathsOf(frame)
      .filter((path) => path.length > 1 || path[0] !== 'type')
      .filter((path) => typeof path.at(-1) === 'string')
      .map((path) => [type, formatPath(path), frame, path] as const),
  );

  it.each(removals)('%s without %s', (type, name, frame, path) => {
    const result = parse(withoutAt(frame, path));
    if (required[type]?.includes(name)) {
      expectError(
        result,
        'invalid-frame',
        new RegExp(`^${escapeRegExp(type)}: ${escapeRegExp(name)} is missing$`),
      );
    } else {
      expect(result).toEqual({ ok: true, value: withoutAt(frame, path) });
    }
  });

  it.each(removals)('%s with null in %s', (type, name, frame, path) => {
    const result = parse(withAt(frame, path, null));
    if (required[type]?.includes(name)) expectError(result, 'invalid-frame', `${name} is missing`);
    else if (isMapEntry(path)) expectError(result, 'invalid-frame', `${name} must be a string`);
    else expect(result).toEqual({ ok: true, value: withoutAt(frame, path) });
  });

  const retypings = frames.flatMap(([type, frame]) =>
    pathsOf(frame)
      .filter((path) => path.length > 1 || path[0] !== 'type')
      .map((path) => [type, formatPath(path), frame, path] as const),
  );

  it.each(retypings)('%s with a wrong type in %s', (type, name, frame, path) => {
    const result = parse(withAt(frame, path, wrongTypeFor(getAt(frame, path))));
    if (isPicture(path)) expect(result).toEqual({ ok: true, value: withoutAt(frame, path) });
    else
      expectError(
        result,
        'invalid-frame',
        new RegExp(`^${escapeRegExp(type)}: ${escapeRegExp(name)} must be `),
      );
  });

  it.each(frames)('%s: unknown fields are dropped, at the top and below', (_type, frame) => {
    const extra = {
      ...(frame as object),
      extra: '<img src=x onerror=alert(1)>',
      constructor: { prototype: 1 },
    };
    const withNested = pathsOf(frame)
      .filter((path) => {
        const node = getAt(frame, path);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      })
      .filter((path) => !maps.includes(String(path.at(-1))))
      .reduce<unknown>((value, path) => withAt(value, [...path, 'extra'], 'x'), extra);
    expect(parse(withNested)).toEqual({ ok: true, value: frame });
  });

  it('an unknown type is ignored, with its name', () => {
    expect(parse({ type: 'poll.created', seq: 1 })).toEqual({
      ok: false,
      ignored: true,
      type: 'poll.created',
    });
  });

  it('a type named like an Object.prototype key is ignored', () => {
    expect(parse({ type: 'constructor' })).toEqual({ ok: false, ignored: true, type: 'constructor' });
  });

  it.each([
    [{}, 'frame: type is missing'],
    [{ type: 42 }, 'frame: type must be a string'],
    [{ type: '' }, 'frame: type is empty'],
    [[], 'frame: must be an object'],
    [null, 'frame: must be an object'],
    [7, 'frame: must be an object'],
    ['[1,2]', 'frame: must be an object'],
    ['{"type":', 'frame: text is not JSON'],
    ['', 'frame: text is not JSON'],
  ])('%j is an invalid frame', (input, message) => {
    expectError(parse(input), 'invalid-frame', new RegExp(`^${escapeRegExp(message)}$`));
  });

  it('a JSON text over 256 KiB is too large', () => {
    expectError(parse(`{"type":"ping","pad":"${'x'.repeat(300_000)}"}`), 'frame-too-large');
  });

  it('a JSON text of fewer characters but over 256 KiB in UTF-8 is too large', () => {
    expectError(parse(`{"type":"ping","pad":"${'é'.repeat(140_000)}"}`), 'frame-too-large');
  });

  it('a JSON text under 256 KiB in UTF-8 passes the size check', () => {
    expect(parse(`{"type":"ping","pad":"${'é'.repeat(100_000)}"}`)).toEqual({
      ok: true,
      value: { type: 'ping' },
    });
  });
});

const texts: [string, Parse, unknown, Path][] = [
  ['message.send text', parseClientFrame, clientExamples['message.send'], ['text']],
  ['form.submit value', parseClientFrame, clientExamples['form.submit'], ['values', 'dob']],
  ['rating.submit note', parseClientFrame, clientExamples['rating.submit'], ['note']],
  ['message content text', parseServerFrame, serverExamples.message, ['content', 'text']],
  ['link description', parseServerFrame, messageExamples[0], ['content', 'description']],
  ['form.request reason', parseServerFrame, serverExamples['form.request'], ['reason']],
  ['conversation.ended closing', parseServerFrame, serverExamples['conversation.ended'], ['closing']],
  ['error message', parseServerFrame, serverExamples.error, ['message']],
];

describe.each(texts)('%s', (_name, parse, frame, path) => {
  it(`is refused with text-too-long over ${MAX_TEXT_LENGTH} characters`, () => {
    expectError(
      parse(withAt(frame, path, 'x'.repeat(MAX_TEXT_LENGTH + 1))),
      'text-too-long',
      formatPath(path),
    );
  });

  it(`is accepted at ${MAX_TEXT_LENGTH} characters`, () => {
    expect(parse(withAt(frame, path, 'x'.repeat(MAX_TEXT_LENGTH))).ok).toBe(true);
  });
});

const shorts: [string, Parse, unknown, Path][] = [
  ['agent first name', parseServerFrame, serverExamples['agent.joined'], ['agent', 'firstName']],
  ['agent title', parseServerFrame, serverExamples['agent.joined'], ['agent', 'title']],
  ['quick reply label', parseServerFrame, serverExamples.message, ['content', 'replies', 0, 'label']],
  ['attribute', parseClientFrame, clientExamples['session.hello'], ['attributes', 'plan']],
  ['clientId', parseClientFrame, clientExamples['message.send'], ['clientId']],
];

describe.each(shorts)('%s', (_name, parse, frame, path) => {
  it(`is an invalid frame over ${MAX_SHORT_LENGTH} characters`, () => {
    expectError(
      parse(withAt(frame, path, 'x'.repeat(MAX_SHORT_LENGTH + 1))),
      'invalid-frame',
      'is longer than',
    );
  });

  it(`is accepted at ${MAX_SHORT_LENGTH} characters`, () => {
    expect(parse(withAt(frame, path, 'x'.repeat(MAX_SHORT_LENGTH))).ok).toBe(true);
  });
});
