import { encodeFrame, type ParseResult, parseClientFrame, parseServerFrame } from '@clavard/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allClientExamples, allServerExamples } from './examples.js';
import { getAt, pathsOf, withAt, withoutAt, wrongTypeFor } from './paths.js';

const runs = { seed: 42, numRuns: 2000 };

/** A result of one of the three documented shapes: the parser neither threw nor made up another. */
const isWellFormed = (result: ParseResult<unknown>): boolean =>
  result.ok
    ? typeof result.value === 'object' && result.value !== null
    : result.ignored
      ? typeof result.type === 'string'
      : typeof result.error.code === 'string';

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** A valid frame with one key dropped or one value changed to another type, anywhere in it. */
const mutated = (examples: readonly unknown[]) =>
  fc
    .constantFrom(...examples)
    .chain((frame) =>
      fc.tuple(fc.constant(frame), fc.constantFrom(...pathsOf(frame)), fc.boolean(), fc.jsonValue()),
    )
    .map(([frame, path, drop, other]) =>
      drop
        ? withoutAt(frame, path)
        : withAt(frame, path, other === getAt(frame, path) ? wrongTypeFor(other) : other),
    );

describe.each([
  ['parseServerFrame', parseServerFrame, allServerExamples],
  ['parseClientFrame', parseClientFrame, allClientExamples],
] as const)('%s', (_name, parse, examples) => {
  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => isWellFormed(parse(value))),
      runs,
    );
  });

  it('never throws on any JSON value under a known type', () => {
    const types = examples.map((frame) => frame.type);
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) =>
        isWellFormed(parse({ ...fields, type })),
      ),
      runs,
    );
  });

  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (value) => isWellFormed(parse(value)),
      ),
      runs,
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => isWellFormed(parse(text))),
      runs,
    );
  });

  it('never throws on the JSON text of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => isWellFormed(parse(JSON.stringify(value)))),
      runs,
    );
  });

  it('never throws on a mutated valid frame, and still answers with a result', () => {
    fc.assert(
      fc.property(mutated(examples), (frame) => isWellFormed(parse(frame))),
      runs,
    );
  });

  it('a value it accepts parses again to itself', () => {
    fc.assert(
      fc.property(mutated(examples), (frame) => {
        const first = parse(frame);
        if (!first.ok) return true;
        expect(parse(JSON.parse(JSON.stringify(first.value)))).toEqual(first);
        return true;
      }),
      runs,
    );
  });

  it('round-trips every example through encodeFrame', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), (frame) => {
        expect(parse(encodeFrame(frame as Parameters<typeof encodeFrame>[0]))).toEqual({
          ok: true,
          value: frame,
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('leaves Object.prototype intact after fuzzing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        parse(`{"__proto__":${json},"constructor":{"prototype":${json}},"type":"ping"}`);
        parse(`{"type":"form.submit","formId":"f","values":{"__proto__":${json}}}`);
      }),
      runs,
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });
});
