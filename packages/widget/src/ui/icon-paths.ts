/**
 * The launcher's icons as SVG paths (24×24 viewBox), shared by the panel's {@link Icon} and the plain
 * launcher of the script-tag file, which must not load the rest of the UI to draw them.
 *
 * @example
 * ```ts
 * path.setAttribute('d', CHAT_PATH);
 * ```
 */
export const CHAT_PATH = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z';

/**
 * A question mark cut out of a disc (the disc is drawn anticlockwise, the mark clockwise, so the default
 * `nonzero` fill leaves the mark empty): the launcher's `help` icon.
 *
 * @example
 * ```ts
 * path.setAttribute('d', HELP_PATH);
 * ```
 */
export const HELP_PATH =
  'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM8 9a4 4 0 1 1 6.83 2.83L13 13v1.5h-2V12l2.41-1.59A2 2 0 1 0 10 9zm4 7a1.25 1.25 0 1 1 0 2.5 1.25 1.25 0 1 1 0-2.5z';
