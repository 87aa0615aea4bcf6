import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening, parseSchedule } from '../src/schedule.js';

const toronto = parseSchedule('mon-fri 09:00-17:00; sat 10:00-14:00', 'America/Toronto');

describe('business hours', () => {
  it('reads days, ranges and lists of days', () => {
    expect(toronto.days[1]).toEqual([[540, 1020]]);
    expect(toronto.days[6]).toEqual([[600, 840]]);
    expect(toronto.days[0]).toEqual([]);
    expect(parseSchedule('sat,sun 10:00-12:00; fri-mon 20:00-24:00', 'UTC').days[0]).toEqual([
      [600, 720],
      [1200, 1440],
    ]);
  });

  it.each([
    ['a missing time', 'mon'],
    ['an unknown day', 'mo 09:00-17:00'],
    ['a time out of range', 'mon 09:00-25:00'],
    ['an end before the start', 'mon 17:00-09:00'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseSchedule(text, 'UTC')).toThrow(/schedule/);
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseSchedule('mon 09:00-17:00', 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('is open on a Monday at 10:00 in Toronto (15:00 UTC) and closed at 17:00 local', () => {
    expect(isOpen(toronto, Date.parse('2026-11-23T15:00:00Z'))).toBe(true);
    expect(isOpen(toronto, Date.parse('2026-11-23T22:00:00Z'))).toBe(false);
  });

  it('finds the next opening: Friday evening → Saturday 10:00, Saturday afternoon → Monday 09:00', () => {
    expect(new Date(nextOpening(toronto, Date.parse('2026-11-27T23:30:00Z')) ?? 0).toISOString()).toBe(
      '2026-11-28T15:00:00.000Z',
    );
    expect(new Date(nextOpening(toronto, Date.parse('2026-11-28T19:00:00Z')) ?? 0).toISOString()).toBe(
      '2026-11-30T14:00:00.000Z',
    );
  });

  it('crosses a daylight-saving change (Toronto, 2026-03-08)', () => {
    // Saturday 2026-03-07 15:00 local (EST, UTC-5) → Monday 2026-03-09 09:00 local (EDT, UTC-4).
    expect(new Date(nextOpening(toronto, Date.parse('2026-03-07T20:00:00Z')) ?? 0).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('gives no opening for a schedule that never opens, and now when open', () => {
    expect(nextOpening({ timeZone: 'UTC', days: [[], [], [], [], [], [], []] }, 0)).toBeUndefined();
    const now = Date.parse('2026-11-23T15:00:00Z');
    expect(nextOpening(toronto, now)).toBe(now);
  });
});
