import {
  arrayOf,
  isArrayOf,
  isFiniteNumber,
  isOneOf,
  isOptional,
  isRecord,
  isSeq,
  isShape,
  isString,
  isStringRecord,
  oneOfValues,
  optional,
} from '@clavard/protocol/internal';
import { describe, expect, it } from 'vitest';

describe('the predicates of the validation vocabulary', () => {
  it('answer yes or no for the plain values', () => {
    expect([isRecord({}), isRecord([]), isRecord(null)]).toEqual([true, false, false]);
    expect([isFiniteNumber(1), isFiniteNumber(Number.NaN), isFiniteNumber(Infinity)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isSeq(0), isSeq(-1), isSeq(1.5), isSeq(2 ** 53)]).toEqual([true, false, false, false]);
    expect([isStringRecord({ a: 'x' }), isStringRecord({ a: 1 })]).toEqual([true, false]);
    expect([isOneOf(['a', 'b'], 'b'), isOneOf(['a', 'b'], 'c')]).toEqual([true, false]);
    expect([isOptional(undefined, isString), isOptional(1, isString)]).toEqual([true, false]);
    expect([isArrayOf(['a'], isString), isArrayOf(['a', 1], isString)]).toEqual([true, false]);
  });

  it('check a shape field by field, own fields only, optional ones absent or right', () => {
    const isReply = isShape({ to: isString, count: isFiniteNumber, note: optional(isString) });
    expect(isReply({ to: 'tab', count: 1 })).toBe(true);
    expect(isReply({ to: 'tab', count: 1, note: 'x', extra: true })).toBe(true);
    expect(isReply({ to: 'tab', count: 1, note: 2 })).toBe(false);
    expect(isReply({ to: 'tab' })).toBe(false);
    expect(isReply(Object.create({ to: 'tab', count: 1 }))).toBe(false);
    expect(isReply('tab')).toBe(false);
  });

  it('compose: arrays of shapes, one of a list', () => {
    const isList = arrayOf(isShape({ status: oneOfValues(['online', 'offline']) }));
    expect(isList([{ status: 'online' }, { status: 'offline' }])).toBe(true);
    expect(isList([{ status: 'online' }, { status: 'away' }])).toBe(false);
    expect(isList({ 0: { status: 'online' } })).toBe(false);
  });
});
