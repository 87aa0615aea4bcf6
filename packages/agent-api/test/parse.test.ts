import { parseAgentFrame } from '@clavard/agent-api';
import { MAX_FRAME_BYTES, MAX_TEXT_LENGTH } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { allExamples, examples } from './examples.js';

/** The error a refused frame gets, or undefined when it was not refused. */
const errorOf = (input: unknown, options?: Parameters<typeof parseAgentFrame>[1]) => {
  const result = parseAgentFrame(input, options);
  return result.ok || result.ignored
    ? undefined
    : { code: result.error.code, message: result.error.message, retryable: result.error.retryable };
};

const refused = (message: string, code = 'invalid-frame') => ({ code, message, retryable: false });

describe('parseAgentFrame: valid frames', () => {
  it.each(allExamples.map((frame) => [frame.type, frame] as const))(
    'gives %s back as it was',
    (_type, frame) => {
      expect(parseAgentFrame(frame)).toEqual({ ok: true, value: frame });
      expect(parseAgentFrame(JSON.stringify(frame))).toEqual({ ok: true, value: frame });
    },
  );

  it('gives a fresh object of the known fields only', () => {
    const sent = { ...examples['agent.take'], extra: 1, nested: { deep: true } };
    const result = parseAgentFrame(sent);
    expect(result).toEqual({ ok: true, value: examples['agent.take'] });
    expect(result.ok && result.value).not.toBe(sent);
  });

  it('ignores a frame type it does not know', () => {
    expect(parseAgentFrame({ type: 'agent.future', x: 1 })).toEqual({
      ok: false,
      ignored: true,
      type: 'agent.future',
    });
  });

  it('takes `text` for a text content, and a `content` over it', () => {
    const base = { type: 'agent.message', conversationId: 'c1', clientId: 'k1' };
    expect(parseAgentFrame({ ...base, text: 'Hi' })).toEqual({
      ok: true,
      value: { ...base, content: { kind: 'text', text: 'Hi' } },
    });
    expect(
      parseAgentFrame({ ...base, content: { kind: 'text', text: 'A' }, text: 'B'.repeat(20_000) }),
    ).toEqual({
      ok: true,
      value: { ...base, content: { kind: 'text', text: 'A' } },
    });
  });

  it('pages history after afterSeq, or before beforeSeq (which wins)', () => {
    const base = { type: 'agent.history', conversationId: 'c1' };
    expect(parseAgentFrame({ ...base, afterSeq: 0 })).toEqual({ ok: true, value: { ...base, afterSeq: 0 } });
    expect(parseAgentFrame({ ...base, afterSeq: 'x', beforeSeq: 9 })).toEqual({
      ok: true,
      value: { ...base, beforeSeq: 9 },
    });
  });

  it('fills the defaults: an empty search, a report of 7 days, an agent account', () => {
    expect(parseAgentFrame({ type: 'agent.search' })).toEqual({
      ok: true,
      value: { type: 'agent.search', query: '' },
    });
    expect(parseAgentFrame({ type: 'agent.report' })).toEqual({
      ok: true,
      value: { type: 'agent.report', days: 7 },
    });
    const create = { login: 'zoe', firstName: 'Zoé', password: 'a long passphrase' };
    expect(parseAgentFrame({ type: 'agent.accounts', create })).toEqual({
      ok: true,
      value: { type: 'agent.accounts', create: { ...create, role: 'agent' } },
    });
    expect(parseAgentFrame({ type: 'agent.accounts' })).toEqual({
      ok: true,
      value: { type: 'agent.accounts' },
    });
    expect(parseAgentFrame({ type: 'agent.accounts', create: { ...create, role: 'community' } })).toEqual({
      ok: true,
      value: { type: 'agent.accounts', create: { ...create, role: 'community' } },
    });
    expect(parseAgentFrame({ type: 'agent.handoffs' })).toEqual({
      ok: true,
      value: { type: 'agent.handoffs' },
    });
  });

  it('trims a transfer note and leaves a blank one out; trims a reply', () => {
    const transfer = { type: 'agent.transfer', conversationId: 'c1', toAgentId: 'a2' };
    expect(parseAgentFrame({ ...transfer, note: '  Refund.  ' })).toEqual({
      ok: true,
      value: { ...transfer, note: 'Refund.' },
    });
    expect(parseAgentFrame({ ...transfer, note: '   ' })).toEqual({ ok: true, value: transfer });
    const reply = { type: 'agent.reply', conversationId: 'c1', clientId: 'k1' };
    expect(parseAgentFrame({ ...reply, text: ' Done. ' })).toEqual({
      ok: true,
      value: { ...reply, text: 'Done.' },
    });
  });

  it('keeps each verification check once, and topics in the organisation order', () => {
    expect(
      parseAgentFrame({ type: 'agent.verify', conversationId: 'c1', checks: ['dob', 'dob', 'last4'] }),
    ).toEqual({ ok: true, value: { type: 'agent.verify', conversationId: 'c1', checks: ['dob', 'last4'] } });
    const topics = ['Plans', 'Billing', 'Technical support'];
    expect(
      parseAgentFrame({ type: 'agent.topics', topics: ['Billing', 'Plans', 'Billing'] }, { topics }),
    ).toEqual({
      ok: true,
      value: { type: 'agent.topics', topics: ['Plans', 'Billing'] },
    });
  });
});

describe('parseAgentFrame: refused frames', () => {
  it('refuses what is not a frame', () => {
    expect(errorOf('not json')).toEqual(refused('frame: text is not JSON'));
    expect(errorOf('[1]')).toEqual(refused('frame: must be an object'));
    expect(errorOf({ conversationId: 'c1' })).toEqual(refused('frame: type is missing'));
    expect(errorOf(JSON.stringify({ type: 'agent.hello', token: 'x'.repeat(MAX_FRAME_BYTES) }))).toEqual(
      refused(`frame: text is over ${MAX_FRAME_BYTES} bytes`, 'frame-too-large'),
    );
  });

  it('names the frame and the field', () => {
    expect(errorOf({ type: 'agent.take' })).toEqual(refused('agent.take: conversationId is missing'));
    expect(errorOf({ type: 'agent.take', conversationId: '' })).toEqual(
      refused('agent.take: conversationId is empty'),
    );
    expect(errorOf({ type: 'agent.typing', conversationId: 'c1', active: 'yes' })).toEqual(
      refused('agent.typing: active must be a boolean'),
    );
    expect(errorOf({ type: 'agent.read', conversationId: 'c1', upToSeq: -1 })).toEqual(
      refused('agent.read: upToSeq must be an integer from 0'),
    );
    expect(errorOf({ type: 'agent.report', days: 400 })).toEqual(
      refused('agent.report: days must be an integer from 1 to 366'),
    );
    expect(errorOf({ type: 'agent.accounts', create: 'ana' })).toEqual(
      refused('agent.accounts: create must be an object'),
    );
    expect(errorOf({ type: 'agent.handoffs', create: ['x'] })).toEqual(
      refused('agent.handoffs: create must be an object'),
    );
  });

  it('refuses a message without content, and one a widget would refuse, with the visitor protocol’s code', () => {
    const base = { type: 'agent.message', conversationId: 'c1', clientId: 'k1' };
    expect(errorOf(base)).toEqual(refused('agent.message: content is missing'));
    expect(errorOf({ ...base, text: 42 })).toEqual(refused('agent.message: content is missing'));
    expect(errorOf({ ...base, text: 'a'.repeat(MAX_TEXT_LENGTH + 1) })).toMatchObject({
      code: 'text-too-long',
      message: expect.stringContaining('content.text'),
    });
    expect(
      errorOf({ ...base, content: { kind: 'link', url: 'javascript:alert(1)', title: 'x' } }),
    ).toMatchObject({
      code: 'invalid-frame',
      message: expect.stringContaining('content.url'),
    });
  });

  it('refuses history with neither afterSeq nor beforeSeq', () => {
    expect(errorOf({ type: 'agent.history', conversationId: 'c1' })).toEqual(
      refused('agent.history: afterSeq is missing'),
    );
    expect(errorOf({ type: 'agent.history', conversationId: 'c1', afterSeq: 0, limit: 0 })).toEqual(
      refused('agent.history: limit must be an integer from 1'),
    );
  });

  it('refuses a form the visitor protocol would refuse, and a pattern the server cannot run', () => {
    const form = { type: 'agent.form', conversationId: 'c1', kind: 'custom' };
    expect(errorOf({ ...form, fields: [{ type: 'text', label: 'Name' }] })).toEqual(
      refused('agent.form: form.request: fields[0].name is missing'),
    );
    expect(errorOf({ ...form, kind: 'survey', fields: [] })).toMatchObject(
      refused('agent.form: form.request: kind must be one of prechat,verification,offline,custom'),
    );
    const twice = { ...form, fields: [{ name: 'twice', type: 'text', label: 'Twice', pattern: '(a)\\1' }] };
    expect(parseAgentFrame(twice).ok).toBe(true);
    expect(errorOf(twice, { isLinearPattern: (pattern) => !pattern.includes('\\1') })).toEqual(
      refused('agent.form: fields[0].pattern must run in linear time (RE2: no backreferences or lookaround)'),
    );
  });

  it('refuses an unknown verification check, a blank reply, an unknown topic', () => {
    expect(errorOf({ type: 'agent.verify', conversationId: 'c1', checks: ['ssn'] })).toEqual(
      refused('agent.verify: checks must list one or more of dob, postal, last4'),
    );
    expect(errorOf({ type: 'agent.reply', conversationId: 'c1', clientId: 'k1', text: '  ' })).toEqual(
      refused('agent.reply: text must not be blank'),
    );
    expect(
      errorOf({ type: 'agent.topics', topics: ['Billing', 'Refunds'] }, { topics: ['Billing'] }),
    ).toEqual(refused('agent.topics: unknown topic Refunds'));
  });
});
