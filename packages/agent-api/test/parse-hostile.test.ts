import { parseAgentFrame } from '@clavard/agent-api';
import type { ParseResult } from '@clavard/protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { allExamples, examples } from './examples.js';

const runs = { seed: 42, numRuns: 1000 };
const types = allExamples.map((frame) => frame.type);
const topics = ['Plans', 'Billing'];

/** A result of one of the three documented shapes: the parser neither threw nor made up another. */
const isWellFormed = (result: ParseResult<unknown>): boolean =>
  result.ok
    ? typeof result.value === 'object' && result.value !== null
    : result.ignored
      ? typeof result.type === 'string'
      : typeof result.error.code === 'string' && result.error.retryable === false;

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const keysBefore = prototypeKeys();

afterEach(() => {
  for (const key of prototypeKeys()) {
    if (!keysBefore.includes(key)) Reflect.deleteProperty(Object.prototype, key);
  }
});

describe('parseAgentFrame on hostile input', () => {
  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withNullPrototype: true }), (value) =>
        isWellFormed(parseAgentFrame(value, { topics })),
      ),
      runs,
    );
  });

  it('never throws on any fields under a known type, in a value or as JSON text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
        const frame = { ...fields, type };
        return (
          isWellFormed(parseAgentFrame(frame, { topics })) &&
          isWellFormed(parseAgentFrame(JSON.stringify(frame), { topics }))
        );
      }),
      runs,
    );
  });

  it('never throws when a valid frame has one field changed to any JSON value', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...allExamples)
          .chain((frame) =>
            fc.tuple(fc.constant(frame), fc.constantFrom(...Object.keys(frame)), fc.jsonValue()),
          ),
        ([frame, key, value]) => isWellFormed(parseAgentFrame({ ...frame, [key]: value }, { topics })),
      ),
      runs,
    );
  });

  it('turns a getter that throws, or a pattern check that throws, into invalid-frame', () => {
    const frame = { type: 'agent.take' };
    Object.defineProperty(frame, 'conversationId', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(parseAgentFrame(frame)).toMatchObject({
      ok: false,
      error: { code: 'invalid-frame', message: 'agent.take: a field cannot be read' },
    });
    const form = {
      ...examples['agent.form'],
      fields: [{ name: 'a', type: 'text', label: 'A', pattern: 'a' }],
    };
    const isLinearPattern = () => {
      throw new Error('boom');
    };
    expect(parseAgentFrame(form, { isLinearPattern })).toMatchObject({
      ok: false,
      error: { code: 'invalid-frame' },
    });
  });

  it('does not read inherited fields, nor let __proto__ pollute or travel', () => {
    const inherited = Object.assign(Object.create({ conversationId: 'c1' }) as object, {
      type: 'agent.take',
    });
    expect(parseAgentFrame(inherited)).toMatchObject({ ok: false, ignored: false });
    const result = parseAgentFrame(
      '{"type":"agent.take","conversationId":"c1","__proto__":{"polluted":true}}',
    );
    expect(result.ok && Object.getOwnPropertyNames(result.value)).toEqual(['type', 'conversationId']);
    expect(prototypeKeys()).toEqual(keysBefore);
  });
});
