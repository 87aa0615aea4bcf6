/**
 * Business hours: when agents can answer, in the organisation's time zone. Outside them the server says
 * `availability.online: false` with the next opening time, and asks visitors who write for an email.
 *
 * @example
 * ```ts
 * const schedule = parseSchedule('mon-fri 09:00-17:00; sat 10:00-14:00', 'America/Toronto');
 * ```
 */
export interface Schedule {
  timeZone: string;
  /** Opening intervals per weekday (0 = Sunday), in minutes after local midnight, [start, end). */
  days: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

const minutesOf = (text: string, what: string): number => {
  const match = TIME.exec(text);
  if (!match) throw new Error(`schedule: "${what}": "${text}" is not a time like 09:00`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new Error(`schedule: "${what}": "${text}" is after 24:00`);
  return minutes;
};

/**
 * Reads business hours written as `days hh:mm-hh:mm` entries separated by `;` (days: `mon`, `mon-fri`,
 * `sat,sun`), in the IANA `timeZone`. Throws an `Error` naming the first mistake.
 *
 * @example
 * ```ts
 * parseSchedule('mon-fri 09:00-17:00', 'America/Toronto').days[1]; // [[540, 1020]]
 * ```
 */
export function parseSchedule(text: string, timeZone: string): Schedule {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`schedule: "${timeZone}" is not a time zone`);
  }
  const days: Array<Array<[number, number]>> = DAYS.map(() => []);
  for (const entry of text
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const [dayPart, timePart, extra] = entry.split(/\s+/);
    if (!dayPart || !timePart || extra !== undefined)
      throw new Error(`schedule: "${entry}" is not "days hh:mm-hh:mm"`);
    const [from, to] = timePart.split('-');
    const start = minutesOf(from ?? '', entry);
    const end = minutesOf(to ?? '', entry);
    if (end <= start) throw new Error(`schedule: "${entry}" ends before it starts`);
    for (const range of dayPart.split(',')) {
      const [first, last = first] = range.split('-');
      const a = DAYS.indexOf(first as (typeof DAYS)[number]);
      const b = DAYS.indexOf(last as (typeof DAYS)[number]);
      if (a < 0 || b < 0) throw new Error(`schedule: "${range}" is not a day like mon or mon-fri`);
      for (let day = a; ; day = (day + 1) % 7) {
        days[day]?.push([start, end]);
        if (day === b) break;
      }
    }
  }
  return { timeZone, days };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and the minute of the day of `ms` in the schedule's time zone. */
function localMinute(schedule: Schedule, ms: number): { day: number; minute: number } {
  let format = formatters.get(schedule.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: schedule.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(schedule.timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = DAYS.indexOf(get('weekday').toLowerCase() as (typeof DAYS)[number]);
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * Whether the schedule is open at `ms`.
 *
 * @example
 * ```ts
 * isOpen(schedule, Date.parse('2026-11-23T15:00:00Z')); // true on a Monday at 10:00 in Toronto
 * ```
 */
export function isOpen(schedule: Schedule, ms: number): boolean {
  const { day, minute } = localMinute(schedule, ms);
  return (schedule.days[day] ?? []).some(([start, end]) => minute >= start && minute < end);
}

/**
 * The next moment (ms, on a whole minute) at or after `ms` when the schedule is open, within 8 days;
 * `undefined` for a schedule that never opens. Jumps from one local opening time (or midnight) to the
 * next, checking each landing, so a daylight-saving change costs at most an extra jump.
 *
 * @example
 * ```ts
 * new Date(nextOpening(schedule, Date.now()) ?? 0).toISOString();
 * ```
 */
export function nextOpening(schedule: Schedule, ms: number): number | undefined {
  if (schedule.days.every((intervals) => intervals.length === 0)) return undefined;
  if (isOpen(schedule, ms)) return ms;
  const limit = ms + 8 * 24 * 3_600_000;
  let at = Math.ceil(ms / 60_000) * 60_000;
  while (at < limit) {
    if (isOpen(schedule, at)) return at;
    const { day, minute } = localMinute(schedule, at);
    const later = (schedule.days[day] ?? []).map(([start]) => start).filter((start) => start > minute);
    const target = later.length > 0 ? Math.min(...later) : 24 * 60;
    at += Math.max(1, target - minute) * 60_000;
  }
  return undefined;
}
