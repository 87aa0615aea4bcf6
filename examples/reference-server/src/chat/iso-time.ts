/**
 * A time in ms since the Unix epoch as the protocol writes it (ISO 8601, UTC).
 *
 * @example
 * ```ts
 * iso(0); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export const iso = (ms: number): string => new Date(ms).toISOString();
