import { ChatError } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../src/headless/index.js';
import { checkProactive } from '../src/proactive-options.js';
import { createShownRecord, dayOf, matchesPath, rulesFor } from '../src/ui/proactive-rules.js';

const resolve = (proactive: unknown, locale = 'en') => checkProactive(proactive, locale);
const refusal = (proactive: unknown): string => {
  try {
    resolve(proactive);
  } catch (error) {
    if (ChatError.isInstance(error) && error.code === 'invalid-option') return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('proactive rules: the option', () => {
  it('is empty by default and resolved with its text in the visitor locale', () => {
    expect(resolve(undefined)).toEqual([]);
    const text = { en: 'Questions about our plans?', fr: 'Une question sur nos forfaits?' };
    expect(resolve([{ id: 'plans', text, afterSeconds: 30, path: '/plans/*' }], 'fr-CA')).toEqual([
      {
        id: 'plans',
        text: 'Une question sur nos forfaits?',
        afterSeconds: 30,
        path: '/plans/*',
        whenOffline: false,
      },
    ]);
    expect(resolve([{ id: 'any', text, afterSeconds: 0, whenOffline: true }], 'de')[0]).toMatchObject({
      text: 'Questions about our plans?',
      path: undefined,
      whenOffline: true,
    });
  });

  it('refuses a wrong rule with a message naming the field', () => {
    const rule = { id: 'plans', text: 'Hi', afterSeconds: 30 };
    expect(refusal({})).toMatch('"proactive" must be an array');
    expect(refusal([null])).toMatch('"proactive[0]" must be an object');
    expect(refusal([{ ...rule, id: '' }])).toMatch('"proactive[0].id"');
    expect(refusal([rule, rule])).toMatch('"proactive[1].id" must be unique');
    expect(refusal([{ ...rule, text: '  ' }])).toMatch('"proactive[0].text"');
    expect(refusal([{ ...rule, text: { en: 'Hi', fr: 3 } }])).toMatch('"proactive[0].text"');
    expect(refusal([{ ...rule, text: {} }])).toMatch('"proactive[0].text"');
    expect(refusal([{ ...rule, text: 'x'.repeat(201) }])).toMatch('"proactive[0].text"');
    expect(refusal([{ ...rule, afterSeconds: '30' }])).toMatch(
      '"proactive[0].afterSeconds" must be a number',
    );
    expect(refusal([{ ...rule, afterSeconds: -1 }])).toMatch('"proactive[0].afterSeconds"');
    expect(refusal([{ ...rule, afterSeconds: Number.NaN }])).toMatch('"proactive[0].afterSeconds"');
    expect(refusal([{ ...rule, path: 'plans/*' }])).toMatch('"proactive[0].path" must be a path such as');
    expect(refusal([{ ...rule, whenOffline: 'yes' }])).toMatch('"proactive[0].whenOffline"');
    expect(refusal([{ ...rule, delay: 3 }])).toMatch('"proactive[0].delay" is not a rule field');
  });
});

describe('proactive rules: the page', () => {
  it('matches a path glob: * within a segment, ** across, a trailing slash ignored', () => {
    expect(matchesPath(undefined, '/anything')).toBe(true);
    expect(matchesPath('/plans/*', '/plans/fibre')).toBe(true);
    expect(matchesPath('/plans/*', '/plans/fibre/')).toBe(true);
    expect(matchesPath('/plans/*', '/plans')).toBe(false);
    expect(matchesPath('/plans/*', '/plans/fibre/1g')).toBe(false);
    expect(matchesPath('/plans/**', '/plans/fibre/1g')).toBe(true);
    expect(matchesPath('/plans', '/plans/')).toBe(true);
    expect(matchesPath('/plans', '/plansx')).toBe(false);
    expect(matchesPath('/a.b/(x)', '/a.b/(x)')).toBe(true);
    expect(matchesPath('/a.b', '/aXb')).toBe(false);
    expect(matchesPath('/', '/')).toBe(true);
  });
});

describe('proactive rules: once a day', () => {
  const noon = new Date(2026, 11, 5, 12).getTime();
  const nextMorning = new Date(2026, 11, 6, 8).getTime();
  const rule = { id: 'plans', text: 'Hi', afterSeconds: 1, path: '/plans/*', whenOffline: false };

  it('keeps the day a rule was shown, so that the next page view of the day skips it and the next day does not', () => {
    const storage = createMemoryStorage();
    const first = createShownRecord(storage, 'shop');
    expect(rulesFor([rule], '/plans/fibre', first, noon)).toEqual([rule]);
    first.remember('plans', noon);
    expect(storage.get('clavard:shop:proactive')).toBe(JSON.stringify({ plans: dayOf(noon) }));
    const later = createShownRecord(storage, 'shop');
    expect(rulesFor([rule], '/plans/fibre', later, noon + 3_600_000)).toEqual([]);
    expect(rulesFor([rule], '/plans/fibre', later, nextMorning)).toEqual([rule]);
    expect(createShownRecord(storage, 'other').shownToday('plans', noon)).toBe(false);
  });

  it('drops older days when it writes, and forgets everything on clear', () => {
    const storage = createMemoryStorage();
    storage.set('clavard:default:proactive', JSON.stringify({ old: '2020-01-01', plans: dayOf(noon) }));
    const record = createShownRecord(storage, 'default');
    record.remember('help', noon);
    expect(JSON.parse(storage.get('clavard:default:proactive') ?? '')).toEqual({
      plans: dayOf(noon),
      help: dayOf(noon),
    });
    record.clear();
    expect(storage.get('clavard:default:proactive')).toBeNull();
    expect(record.shownToday('help', noon)).toBe(false);
  });

  it('shows at most once per page view when storage throws or holds garbage', () => {
    const broken = {
      get: () => {
        throw new Error('SecurityError');
      },
      set: () => {
        throw new Error('QuotaExceededError');
      },
      remove: () => {
        throw new Error('SecurityError');
      },
    };
    const record = createShownRecord(broken, 'default');
    expect(record.shownToday('plans', noon)).toBe(false);
    record.remember('plans', noon);
    expect(record.shownToday('plans', noon)).toBe(true);
    expect(() => record.clear()).not.toThrow();
    const garbage = createMemoryStorage();
    garbage.set('clavard:default:proactive', '{not json');
    expect(createShownRecord(garbage, 'default').shownToday('plans', noon)).toBe(false);
    expect(dayOf(new Date(2026, 0, 2, 23, 59).getTime())).toBe('2026-01-02');
  });
});
