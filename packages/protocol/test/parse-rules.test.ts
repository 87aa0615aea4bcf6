import { type ParseResult, parseClientFrame, parseServerFrame } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { clientExamples, messageExamples, serverExamples } from './examples.js';
import { type Path, withAt, withoutAt } from './paths.js';

type Parse = (input: unknown) => ParseResult<unknown>;

const codeOf = (result: ParseResult<unknown>) =>
  result.ok || result.ignored ? undefined : result.error.code;

const hello = clientExamples['session.hello'];
const send = clientExamples['message.send'];
const message = serverExamples.message;
const link = messageExamples[0];
const product = messageExamples[1];
const attachment = messageExamples[3];
const withFile = { ...send, text: '', attachmentId: 'f_3kq' };
const form = serverExamples['form.request'];

const refused: [string, Parse, unknown, Path, unknown][] = [
  ['seq 0', parseServerFrame, message, ['seq'], 0],
  ['a negative seq', parseServerFrame, message, ['seq'], -1],
  ['a fractional seq', parseServerFrame, message, ['seq'], 1.5],
  ['a seq over 2^53', parseServerFrame, message, ['seq'], 2 ** 53],
  ['a NaN seq', parseServerFrame, message, ['seq'], Number.NaN],
  ['a negative lastSeq', parseClientFrame, hello, ['resume', 'lastSeq'], -1],
  ['a time Date.parse refuses', parseServerFrame, message, ['at'], 'yesterday-ish'],
  ['a javascript: link', parseServerFrame, link, ['content', 'url'], 'javascript:alert(1)'],
  ['a data: link', parseServerFrame, link, ['content', 'url'], 'data:text/html,<script>x</script>'],
  ['an ftp: product link', parseServerFrame, product, ['content', 'url'], 'ftp://shop.example/x'],
  ['a relative link', parseServerFrame, link, ['content', 'url'], '/invoices'],
  ['a page url that is not one', parseClientFrame, hello, ['page', 'url'], 'not a url'],
  ['a javascript: policy url', parseClientFrame, send, ['consent', 'policyUrl'], 'javascript:void 0'],
  ['an unknown link target', parseServerFrame, link, ['content', 'target'], '_top'],
  ['a lower-case currency', parseServerFrame, product, ['content', 'price', 'currency'], 'cad'],
  ['a fractional price', parseServerFrame, product, ['content', 'price', 'amount'], 19.99],
  ['a pattern that does not compile', parseServerFrame, form, ['fields', 0, 'pattern'], '(['],
  ['an unknown field type', parseServerFrame, form, ['fields', 0, 'type'], 'password'],
  ['a maxLength of 0', parseServerFrame, form, ['fields', 0, 'maxLength'], 0],
  ['a maxLength over the text limit', parseServerFrame, form, ['fields', 0, 'maxLength'], 10_001],
  ['an unknown form kind', parseServerFrame, form, ['kind'], 'survey'],
  ['a score of 0', parseClientFrame, clientExamples['rating.submit'], ['score'], 0],
  ['a score of 6', parseClientFrame, clientExamples['rating.submit'], ['score'], 6],
  ['a score of 4.5', parseClientFrame, clientExamples['rating.submit'], ['score'], 4.5],
  ['queue position 0', parseServerFrame, serverExamples['queue.update'], ['position'], 0],
  ['an unknown author role', parseServerFrame, message, ['author', 'role'], 'admin'],
  ['an author role named like a prototype key', parseServerFrame, message, ['author', 'role'], 'toString'],
  ['an unknown reconnect reason', parseServerFrame, serverExamples['session.reconnect'], ['reason'], 'bored'],
  [
    'an unknown conversation status',
    parseServerFrame,
    serverExamples['session.welcome'],
    ['conversation', 'status'],
    'x',
  ],
  ['an empty message text', parseClientFrame, send, ['text'], ''],
  ['an empty clientId', parseClientFrame, send, ['clientId'], ''],
  ['an empty agent first name', parseServerFrame, serverExamples['agent.joined'], ['agent', 'firstName'], ''],
  ['a negative retryAfterMs', parseServerFrame, serverExamples.error, ['retryAfterMs'], -5],
  ['an empty attachmentId', parseClientFrame, withFile, ['attachmentId'], ''],
  ['a negative attachment size', parseServerFrame, attachment, ['content', 'size'], -1],
  ['an attachment width of 0', parseServerFrame, attachment, ['content', 'width'], 0],
  ['an attachment without a name', parseServerFrame, attachment, ['content', 'name'], ''],
  ['an attachment without a media type', parseServerFrame, attachment, ['content', 'mediaType'], ''],
  [
    'welcome attachments of 0 bytes',
    parseServerFrame,
    serverExamples['session.welcome'],
    ['attachments', 'maxBytes'],
    0,
  ],
];

describe('values of the right type but out of bounds', () => {
  it.each(refused)('%s is an invalid frame', (_name, parse, frame, path, value) => {
    expect(codeOf(parse(withAt(frame, path, value)))).toBe('invalid-frame');
  });
});

const accepted: [string, Parse, unknown, Path, unknown][] = [
  ['lastSeq 0 (nothing yet)', parseClientFrame, hello, ['resume', 'lastSeq'], 0],
  ['afterSeq 0', parseClientFrame, clientExamples['history.since'], ['afterSeq'], 0],
  ['upToSeq 0', parseClientFrame, clientExamples.read, ['upToSeq'], 0],
  ['welcome lastSeq 0', parseServerFrame, serverExamples['session.welcome'], ['conversation', 'lastSeq'], 0],
  ['a tel: link', parseServerFrame, link, ['content', 'url'], 'tel:+15145550100'],
  ['an http: link', parseServerFrame, link, ['content', 'url'], 'http://shop.example/'],
  ['a time with an offset', parseServerFrame, message, ['at'], '2026-11-23T04:41:00-05:00'],
  ['the largest safe seq', parseServerFrame, message, ['seq'], Number.MAX_SAFE_INTEGER],
  ['an empty caption beside a file', parseClientFrame, withFile, ['text'], ''],
  ['a caption beside a file', parseClientFrame, withFile, ['text'], 'The error on screen'],
  [
    'a media type this version does not list',
    parseServerFrame,
    attachment,
    ['content', 'mediaType'],
    'image/avif',
  ],
];

describe('values at the edge of their bounds', () => {
  it.each(accepted)('%s is accepted as given', (_name, parse, frame, path, value) => {
    const edited = withAt(frame, path, value);
    expect(parse(edited)).toEqual({ ok: true, value: edited });
  });
});

describe('pictures', () => {
  it.each([
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'mailto:a@b.example',
    'nope',
    42,
  ])('an avatar %j is left out and the agent still shown', (avatarUrl) => {
    const frame = withAt(serverExamples['agent.joined'], ['agent', 'avatarUrl'], avatarUrl);
    expect(parseServerFrame(frame)).toEqual({
      ok: true,
      value: withoutAt(serverExamples['agent.joined'], ['agent', 'avatarUrl']),
    });
  });

  it('a card image that is not http(s) is left out and the card kept', () => {
    const frame = withAt(product, ['content', 'imageUrl'], 'file:///etc/passwd');
    expect(parseServerFrame(frame)).toEqual({ ok: true, value: withoutAt(product, ['content', 'imageUrl']) });
  });
});

describe('forward compatibility', () => {
  it('a content kind from a newer server becomes its text fallback', () => {
    const frame = withAt(message, ['content'], {
      kind: 'poll',
      question: 'Happy?',
      text: 'Are you happy? (yes/no)',
    });
    expect(parseServerFrame(frame)).toEqual({
      ok: true,
      value: withAt(message, ['content'], { kind: 'text', text: 'Are you happy? (yes/no)' }),
    });
  });

  it('a content kind from a newer server without a fallback becomes an empty text', () => {
    const frame = withAt(message, ['content'], { kind: 'poll' });
    expect(parseServerFrame(frame)).toEqual({
      ok: true,
      value: withAt(message, ['content'], { kind: 'text', text: '' }),
    });
  });

  it('an unknown content kind with an oversized fallback is refused with text-too-long', () => {
    const frame = withAt(message, ['content'], { kind: 'poll', text: 'x'.repeat(10_001) });
    expect(codeOf(parseServerFrame(frame))).toBe('text-too-long');
  });

  it('an unknown error code reads as server-error', () => {
    const frame = withAt(serverExamples.error, ['code'], 'teapot');
    expect(parseServerFrame(frame)).toEqual({ ok: true, value: withAt(frame, ['code'], 'server-error') });
  });

  it('an error code named like a prototype key reads as server-error', () => {
    const result = parseServerFrame(withAt(serverExamples.error, ['code'], '__proto__'));
    expect(result.ok && result.value.type === 'error' && result.value.code).toBe('server-error');
  });

  it('an event type from a newer server is left out of history', () => {
    const history = serverExamples.history;
    const poll = { type: 'poll.created', conversationId: 'c_8Jd2', seq: 7, at: '2026-11-23T09:41:00.000Z' };
    const frame = withAt(history, ['events'], [...history.events, poll]);
    expect(parseServerFrame(frame)).toEqual({ ok: true, value: history });
  });

  it('a frame that is not an event is left out of history, like an unknown one', () => {
    const frame = withAt(serverExamples.history, ['events', 0], serverExamples['message.ack']);
    const events = serverExamples.history.events.slice(1);
    expect(parseServerFrame(frame)).toEqual({
      ok: true,
      value: withAt(serverExamples.history, ['events'], events),
    });
  });
});
