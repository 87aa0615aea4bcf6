import { MAX_SHORT_LENGTH } from '@clavard/protocol';

/**
 * The URL schemes a link may use: the web, e-mail and telephone. Anything else (`javascript:`, `data:`,
 * `vbscript:`, `file:`, `blob:` ...) is shown as text.
 *
 * @example
 * ```ts
 * safeUrl('mailto:help@example.com', LINK_PROTOCOLS); // 'mailto:help@example.com'
 * ```
 */
export const LINK_PROTOCOLS: readonly string[] = ['https:', 'http:', 'mailto:', 'tel:'];

/**
 * The URL schemes an image (avatar, card picture, logo) may be loaded from.
 *
 * @example
 * ```ts
 * safeUrl(agent.avatarUrl ?? '', IMAGE_PROTOCOLS);
 * ```
 */
export const IMAGE_PROTOCOLS: readonly string[] = ['https:', 'http:'];

/**
 * Checks a URL from an untrusted party and returns it normalised by `new URL()`, or `undefined` when it
 * must not be used: not an absolute URL, a scheme outside `allowed`, user credentials in a web URL (the
 * `https://bank.example@evil.example` trick), or longer than `MAX_SHORT_LENGTH`. Use the returned string,
 * not the input: it is what was checked (tabs, newlines and leading spaces the browser would ignore are
 * already gone, so `java\tscript:` cannot slip through).
 *
 * @param url The URL as received.
 * @param allowed Allowed schemes, with their colon. @default LINK_PROTOCOLS
 * @example
 * ```ts
 * safeUrl('https://shop.example/fibre'); // 'https://shop.example/fibre'
 * safeUrl('javascript:alert(1)'); // undefined
 * safeUrl('mailto:a@b.example', IMAGE_PROTOCOLS); // undefined: images are http(s) only
 * ```
 */
export function safeUrl(url: string, allowed: readonly string[] = LINK_PROTOCOLS): string | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_SHORT_LENGTH) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // not an absolute URL: nothing to link to
  }
  if (!allowed.includes(parsed.protocol)) return undefined;
  const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  if (web && (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '')) return undefined;
  return parsed.href;
}
