/**
 * A moment as the console shows it: a date and a time in the agent's language.
 *
 * @example
 * ```ts
 * formatWhen('2026-12-05T14:05:00.000Z', 'fr-CA'); // '5 déc. 2026, 9 h 05' (in Montréal)
 * ```
 */
export function formatWhen(at: string, locale: string, dateStyle: 'medium' | 'long' = 'medium'): string {
  return new Date(at).toLocaleString(locale, { dateStyle, timeStyle: 'short' });
}
