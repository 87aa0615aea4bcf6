import { ChatError } from '@clavard/protocol';
import { canonicalLocale } from './locale.js';

/**
 * Options of {@link formatTime} and {@link createTimeFormatter}.
 *
 * @example
 * ```ts
 * const options: TimeFormatOptions = { timeZone: 'America/Toronto' };
 * ```
 */
export interface TimeFormatOptions {
  /** IANA time zone to show the time in. @default the browser's time zone */
  timeZone?: string;
}

/**
 * A moment: a `Date`, milliseconds since the epoch, or an ISO 8601 string as the server sends.
 *
 * @example
 * ```ts
 * const at: DateInput = '2026-11-23T14:05:00.000Z';
 * ```
 */
export type DateInput = Date | number | string;

/**
 * Makes a function that formats the time of day of a moment for a locale (hours and minutes), reusing one
 * `Intl.DateTimeFormat`: use it to stamp many messages.
 *
 * @throws ChatError `invalid-option` for an invalid locale or time zone; the returned function throws it
 * for an invalid date.
 * @example
 * ```ts
 * const time = createTimeFormatter('fr-CA', { timeZone: 'UTC' });
 * time('2026-11-23T14:05:00Z'); // '14 h 05'
 * ```
 */
export function createTimeFormatter(
  locale: string,
  options: TimeFormatOptions = {},
): (date: DateInput) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(canonicalLocale(locale), {
      hour: 'numeric',
      minute: '2-digit',
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
  } catch (cause) {
    if (ChatError.isInstance(cause)) throw cause;
    throw new ChatError('invalid-option', `not a time zone: ${String(options.timeZone)}`, { cause });
  }
  return (date) => format.format(toDate(date));
}

/**
 * Formats the time of day of a moment for a locale: `2:05 PM` in English, `14 h 05` in Quebec French.
 *
 * @throws ChatError `invalid-option` for an invalid date, locale or time zone.
 * @example
 * ```ts
 * formatTime(new Date(), 'en');
 * ```
 */
export function formatTime(date: DateInput, locale: string, options: TimeFormatOptions = {}): string {
  return createTimeFormatter(locale, options)(date);
}

/**
 * Formats an expected wait as a relative time with `Intl.RelativeTimeFormat`: whole minutes rounded up
 * (at least one), hours from 90 minutes on. `in 3 minutes`, `dans 3 minutes`.
 *
 * @throws ChatError `invalid-option` for a negative or non-finite number, or an invalid locale.
 * @example
 * ```ts
 * formatRelativeWait(150, 'en'); // 'in 3 minutes'
 * formatRelativeWait(2 * 3600, 'fr-CA'); // 'dans 2 heures'
 * ```
 */
export function formatRelativeWait(seconds: number, locale: string): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new ChatError('invalid-option', `a wait is a number of seconds >= 0, got ${String(seconds)}`, {
      cause: seconds,
    });
  }
  const format = new Intl.RelativeTimeFormat(canonicalLocale(locale), { numeric: 'always' });
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes < 90 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}

function toDate(input: DateInput): Date {
  const date = input instanceof Date ? input : new Date(input);
  if (Number.isNaN(date.getTime())) {
    throw new ChatError('invalid-option', `not a date: ${String(input).slice(0, 64)}`, { cause: input });
  }
  return date;
}
