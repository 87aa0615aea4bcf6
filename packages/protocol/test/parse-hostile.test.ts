import { parseClientFrame, parseServerFrame } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { clientExamples, serverExamples } from './examples.js';

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const keysBefore = prototypeKeys();

afterEach(() => {
  // A failing test below must not leave the prototype polluted for the next one.
  for (const key of prototypeKeys()) {
    if (!keysBefore.includes(key)) Reflect.deleteProperty(Object.prototype, key);
  }
});

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

describe('hostile input', () => {
  it('a __proto__ key in the JSON text does not pollute Object.prototype', () => {
    parseServerFrame('{"type":"ping","__proto__":{"polluted":true},"id":"x"}');
    expect(prototypeKeys()).toEqual(keysBefore);
  });

  it('a __proto__ key in the JSON text does not travel into the value', () => {
    const result = parseServerFrame('{"type":"ping","__proto__":{"polluted":true},"id":"x"}');
    expect(result.ok && Object.getOwnPropertyNames(result.value)).toEqual(['type', 'id']);
  });

  it('a __proto__ key inside form values is dropped and pollutes nothing', () => {
    const result = parseClientFrame('{"type":"form.submit","formId":"f","values":{"__proto__":"x","a":"1"}}');
    expect(result).toEqual({ ok: true, value: { type: 'form.submit', formId: 'f', values: { a: '1' } } });
    expect(prototypeKeys()).toEqual(keysBefore);
  });

  it('a constructor key inside attributes stays a plain own string', () => {
    const result = parseClientFrame({ ...clientExamples['session.hello'], attributes: { constructor: 'x' } });
    expect(result.ok && result.value.type === 'session.hello' && result.value.attributes).toEqual({
      constructor: 'x',
    });
    expect(prototypeKeys()).toEqual(keysBefore);
  });

  it('fields inherited through a prototype are not read', () => {
    const frame = Object.create({ active: true }) as object;
    Object.assign(frame, { type: 'typing' });
    expect(parseClientFrame(frame)).toMatchObject({
      ok: false,
      error: { message: 'typing: active is missing' },
    });
  });

  it('a polluted Object.prototype does not fill missing fields', () => {
    Object.defineProperty(Object.prototype, 'active', { value: true, configurable: true });
    expect(parseClientFrame({ type: 'typing' })).toMatchObject({ ok: false, ignored: false });
  });

  it('a getter that throws gives an invalid frame, not an exception', () => {
    const frame = {
      type: 'typing',
      get active(): boolean {
        throw new Error('boom');
      },
    };
    expect(parseClientFrame(frame)).toMatchObject({ ok: false, error: { code: 'invalid-frame' } });
  });

  it('a proxy whose traps throw gives an invalid frame, not an exception', () => {
    const trap = () => {
      throw new Error('trap');
    };
    const frame = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
    expect(parseServerFrame(frame)).toMatchObject({ ok: false, error: { code: 'invalid-frame' } });
  });

  it('a frozen input is read without being written to', () => {
    for (const frame of [...Object.values(serverExamples)]) {
      expect(parseServerFrame(deepFreeze(structuredClone(frame))).ok).toBe(true);
    }
  });

  it('the value is a fresh object, not the input', () => {
    const input = structuredClone(serverExamples['agent.joined']);
    const result = parseServerFrame(input);
    expect(
      result.ok &&
        result.value !== input &&
        result.value.type === 'agent.joined' &&
        result.value.agent !== input.agent,
    ).toBe(true);
  });

  it('a sparse array is refused, not walked', () => {
    const replies = new Array(1_000_000_000);
    const frame = { ...serverExamples.message, content: { kind: 'quick-replies', text: 'x', replies } };
    expect(parseServerFrame(frame)).toMatchObject({
      ok: false,
      error: { message: 'message: content.replies[0] must be an object' },
    });
  });
});
