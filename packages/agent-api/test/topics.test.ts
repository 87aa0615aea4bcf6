import { MAX_TOPICS, parseTopics } from '@clavard/agent-api';
import { describe, expect, it } from 'vitest';

describe('parseTopics', () => {
  it('keeps known topics once, in the organisation order', () => {
    expect(parseTopics(['Billing', 'Plans', 'Billing'], ['Plans', 'Billing'])).toEqual({
      ok: true,
      value: ['Plans', 'Billing'],
    });
    expect(parseTopics(['B', 'A', 'B'])).toEqual({ ok: true, value: ['B', 'A'] });
    expect(parseTopics([], ['Plans'])).toEqual({ ok: true, value: [] });
  });

  it('says what is wrong, naming the first unknown topic', () => {
    expect(parseTopics(['Refunds', 'Other'], ['Plans'])).toEqual({
      ok: false,
      error: 'unknown topic Refunds',
    });
    expect(parseTopics('Billing')).toEqual({
      ok: false,
      error: 'topics must be a list of at most 100 topics',
    });
    expect(parseTopics(Array(MAX_TOPICS + 1).fill('A')).ok).toBe(false);
    expect(parseTopics([''])).toEqual({ ok: false, error: 'each topic must be a non-empty string' });
    expect(parseTopics([1])).toEqual({ ok: false, error: 'each topic must be a non-empty string' });
  });
});
