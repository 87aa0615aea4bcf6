import { ChatError } from '@clavard/protocol';
import {
  canonicalLocale,
  createTimeFormatter,
  formatRelativeWait,
  formatTime,
  isRtl,
} from '@clavard/widget/ui-core';
import { afterEach, describe, expect, it, vi } from 'vitest';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return ChatError.isInstance(error) ? error.code : `not a ChatError: ${String(error)}`;
  }
  return undefined;
}

const RTL = ['ar', 'ar-EG', 'he', 'he-IL', 'fa-IR', 'ur-PK', 'ps', 'yi', 'ckb', 'dv', 'az-Arab', 'pa-Arab'];
const LTR = ['en', 'en-US', 'fr-CA', 'de', 'ja', 'zh-Hant', 'az', 'az-Latn', 'tr'];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isRtl', () => {
  it.each(RTL)('says %s is right to left', (locale) => {
    expect(isRtl(locale)).toBe(true);
  });

  it.each(LTR)('says %s is left to right', (locale) => {
    expect(isRtl(locale)).toBe(false);
  });

  it('accepts an underscore', () => {
    expect(isRtl('ar_EG')).toBe(true);
  });

  it('says false for something that is not a language tag', () => {
    expect(isRtl('not a locale!')).toBe(false);
  });

  it('uses the script when the engine has no text direction data', () => {
    class LocaleWithoutTextInfo extends Intl.Locale {
      readonly getTextInfo = undefined;
      get textInfo() {
        return undefined;
      }
    }
    vi.stubGlobal('Intl', Object.create(Intl, { Locale: { value: LocaleWithoutTextInfo } }));
    expect([...RTL, ...LTR].map(isRtl)).toEqual([...RTL.map(() => true), ...LTR.map(() => false)]);
  });

  it('uses its list of languages and scripts when the engine has no Intl.Locale', () => {
    vi.stubGlobal('Intl', Object.create(Intl, { Locale: { value: undefined } }));
    expect([...RTL, ...LTR].map(isRtl)).toEqual([...RTL.map(() => true), ...LTR.map(() => false)]);
  });
});

describe('canonicalLocale', () => {
  it('canonicalises case and accepts an underscore', () => {
    expect(canonicalLocale('FR_ca')).toBe('fr-CA');
  });

  it('throws a ChatError invalid-option for something that is not a language tag', () => {
    expect(codeOf(() => canonicalLocale('en US'))).toBe('invalid-option');
  });
});

describe('formatTime', () => {
  const at = '2026-11-23T14:05:00.000Z';

  it('formats the time of day in Quebec French', () => {
    expect(formatTime(at, 'fr-CA', { timeZone: 'UTC' })).toBe('14 h 05');
  });

  it('formats the time of day in English', () => {
    expect(formatTime(new Date(at), 'en-US', { timeZone: 'UTC' })).toMatch(/^2:05\sPM$/u);
  });

  it('takes milliseconds since the epoch', () => {
    expect(formatTime(Date.parse(at), 'fr-CA', { timeZone: 'UTC' })).toBe('14 h 05');
  });

  it('shows the time in the given time zone', () => {
    expect(formatTime(at, 'fr-CA', { timeZone: 'America/Toronto' })).toBe('9 h 05');
  });

  it('throws a ChatError invalid-option for an invalid date', () => {
    expect(codeOf(() => formatTime('yesterday-ish', 'en'))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for an invalid time zone', () => {
    expect(codeOf(() => formatTime(at, 'en', { timeZone: 'Mars/Olympus' }))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for an invalid locale', () => {
    expect(codeOf(() => formatTime(at, '??'))).toBe('invalid-option');
  });

  it('formats many times with one formatter', () => {
    const time = createTimeFormatter('fr-CA', { timeZone: 'UTC' });
    expect([at, '2026-11-23T00:00:00Z'].map(time)).toEqual(['14 h 05', '0 h 00']);
  });
});

describe('formatRelativeWait', () => {
  it.each([
    [0, 'in 1 minute'],
    [30, 'in 1 minute'],
    [61, 'in 2 minutes'],
    [150, 'in 3 minutes'],
    [89 * 60, 'in 89 minutes'],
    [90 * 60, 'in 2 hours'],
    [3 * 3600, 'in 3 hours'],
  ])('says %d seconds in English as %j', (seconds, expected) => {
    expect(formatRelativeWait(seconds, 'en')).toBe(expected);
  });

  it('says it in Quebec French', () => {
    expect(formatRelativeWait(150, 'fr-CA')).toBe('dans 3 minutes');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws a ChatError invalid-option for %s seconds',
    (seconds) => {
      expect(codeOf(() => formatRelativeWait(seconds, 'en'))).toBe('invalid-option');
    },
  );
});
