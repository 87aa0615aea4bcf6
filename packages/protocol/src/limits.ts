/**
 * The largest frame either side may send, in bytes of its UTF-8 JSON text (256 KiB). A larger frame is
 * invalid: the parser refuses it with `frame-too-large` and the connection stays open.
 *
 * @example
 * ```ts
 * if (new TextEncoder().encode(json).length > MAX_FRAME_BYTES) reject();
 * ```
 */
export const MAX_FRAME_BYTES = 256 * 1024;

/**
 * The longest text a message, a form value or a rating note may have, in UTF-16 code units (10,000).
 * A longer text is invalid: the parser refuses it with `text-too-long`.
 *
 * @example
 * ```ts
 * const remaining = MAX_TEXT_LENGTH - draft.length;
 * ```
 */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * The longest short string (ids, names, labels, titles, URLs, codes): 2,048 code units. Keeps hostile
 * peers from filling memory through fields nobody reads in full.
 *
 * @example
 * ```ts
 * agentTitle.length <= MAX_SHORT_LENGTH;
 * ```
 */
export const MAX_SHORT_LENGTH = 2048;

/**
 * The most agents the `agents` of an availability may name (3): a parser keeps the first three.
 *
 * @example
 * ```ts
 * const shown = online.slice(0, MAX_PRESENCE_AGENTS).map(({ firstName, avatarUrl }) => ({ firstName, avatarUrl }));
 * ```
 */
export const MAX_PRESENCE_AGENTS = 3;
