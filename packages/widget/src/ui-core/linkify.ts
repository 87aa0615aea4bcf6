import { safeUrl } from './safe-url.js';

/**
 * A piece of a plain text: text to show as is, or a link whose `href` has been checked by {@link safeUrl}.
 * `text` is always the exact substring of the input, so joining every segment's `text` gives the input back.
 *
 * @example
 * ```ts
 * const link: Segment = { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' };
 * ```
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** A candidate found in the text: `[start, end)`, where to scan next, and its href when it is a safe link. */
interface Candidate {
  start: number;
  end: number;
  next: number;
  href: string | undefined;
}

const SCHEMES = ['https://', 'http://', 'mailto:', 'tel:', 'www.'] as const;
type Scheme = (typeof SCHEMES)[number];

/** Punctuation that ends a sentence more often than a URL: never the last character of a link. */
const TRAILING = new Set([...".,;:!?'’‘…*_~。，、！？"]);
const OPENERS = '([{';
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const ASCII_ALNUM = /[a-z0-9]/;
const CLOSERS = ')]}';

/**
 * Finds the links in a plain text: `http(s)://` URLs, `www.` hosts (linked as https), e-mail addresses
 * (linked as `mailto:`), and explicit `mailto:` and `tel:` links. Bare phone numbers are not linked. Every
 * href passes {@link safeUrl}; anything else stays text. Trailing punctuation (`.,;:!?` ...) and unbalanced
 * closing brackets are left out of a link. One pass, no backtracking: linear in the length of `text`.
 *
 * @example
 * ```ts
 * splitLinks('See www.example.com, or write to help@example.com.');
 * // [{ kind: 'text', text: 'See ' },
 * //  { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' },
 * //  { kind: 'text', text: ', or write to ' },
 * //  { kind: 'link', text: 'help@example.com', href: 'mailto:help@example.com' },
 * //  { kind: 'text', text: '.' }]
 * ```
 */
export function splitLinks(text: string): Segment[] {
  const segments: Segment[] = [];
  if (typeof text !== 'string') return segments;
  let emitted = 0; // everything before `emitted` is already in `segments`
  let index = 0;
  while (index < text.length) {
    const candidate = candidateAt(text, index, emitted);
    if (candidate === undefined) {
      index += 1;
      continue;
    }
    if (candidate.href !== undefined) {
      pushText(segments, text.slice(emitted, candidate.start));
      segments.push({ kind: 'link', text: text.slice(candidate.start, candidate.end), href: candidate.href });
      emitted = candidate.end;
    }
    index = candidate.next;
  }
  pushText(segments, text.slice(emitted));
  return segments;
}

function pushText(segments: Segment[], text: string): void {
  if (text !== '') segments.push({ kind: 'text', text });
}

function candidateAt(text: string, index: number, floor: number): Candidate | undefined {
  if (text.charCodeAt(index) === 0x40) return emailAt(text, index, floor);
  const before = index > 0 ? text.charCodeAt(index - 1) : 0x20;
  if (isAsciiAlnum(before)) return undefined;
  const scheme = SCHEMES.find((prefix) => startsWithAscii(text, index, prefix));
  if (scheme === undefined) return undefined;
  if (scheme === 'www.' && (before === 0x2e || before === 0x2d)) return undefined; // inside a host name
  const bodyStart = index + scheme.length;
  const end = extentFrom(text, bodyStart);
  const href =
    end > bodyStart ? hrefFor(scheme, text.slice(index, end), text.slice(bodyStart, end)) : undefined;
  // A rejected candidate is skipped whole, so that no character is scanned twice.
  return { start: index, end, next: Math.max(end, index + 1), href };
}

function hrefFor(scheme: Scheme, whole: string, body: string): string | undefined {
  switch (scheme) {
    case 'https://':
    case 'http://': {
      const href = safeUrl(whole);
      return href !== undefined && ASCII_ALNUM.test(new URL(href).hostname) ? href : undefined;
    }
    case 'www.': {
      const href = safeUrl(`https://${whole}`);
      if (href === undefined) return undefined;
      const labels = new URL(href).hostname.split('.');
      return labels.length >= 3 && labels.every((label) => label !== '') ? href : undefined;
    }
    case 'mailto:':
      return body.includes('@') ? safeUrl(whole) : undefined;
    case 'tel:':
      return /^\+?[0-9().-]+$/.test(body) && countDigits(body) >= 3 ? safeUrl(whole) : undefined;
  }
}

/** Where a link body starting at `from` ends: at a space or a stop character, an unbalanced closing bracket, then trailing punctuation trimmed. */
function extentFrom(text: string, from: number): number {
  const depth = [0, 0, 0];
  let end = from;
  for (; end < text.length; end += 1) {
    const code = text.charCodeAt(end);
    if (isStop(code)) break;
    const char = text.charAt(end);
    const opener = OPENERS.indexOf(char);
    if (opener >= 0) depth[opener] = (depth[opener] ?? 0) + 1;
    const closer = CLOSERS.indexOf(char);
    if (closer >= 0) {
      const open = depth[closer] ?? 0;
      if (open === 0) break;
      depth[closer] = open - 1;
    }
  }
  while (end > from && TRAILING.has(text.charAt(end - 1))) end -= 1;
  return end;
}

function emailAt(text: string, at: number, floor: number): Candidate | undefined {
  let start = at;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start -= 1;
  while (start < at && text.charCodeAt(start) === 0x2e) start += 1; // a local part does not start with a dot
  if (start === at) return undefined;
  let end = at + 1;
  while (end < text.length && isDomainChar(text, end)) end += 1;
  while (end > at + 1 && (text.charCodeAt(end - 1) === 0x2e || text.charCodeAt(end - 1) === 0x2d)) end -= 1;
  const address = text.slice(start, end);
  const href = isDomain(text.slice(at + 1, end)) ? safeUrl(`mailto:${address}`) : undefined;
  return { start, end, next: href === undefined ? at + 1 : end, href };
}

function isDomain(domain: string): boolean {
  const labels = domain.split('.');
  const top = labels[labels.length - 1] ?? '';
  return (
    labels.length >= 2 &&
    labels.every((label) => label !== '' && !label.startsWith('-') && !label.endsWith('-')) &&
    top.length >= 2 &&
    !/^[0-9]+$/.test(top)
  );
}

function startsWithAscii(text: string, at: number, prefix: string): boolean {
  if (at + prefix.length > text.length) return false;
  for (let offset = 0; offset < prefix.length; offset += 1) {
    let code = text.charCodeAt(at + offset);
    if (code >= 0x41 && code <= 0x5a) code += 0x20; // ASCII upper case to lower case
    if (code !== prefix.charCodeAt(offset)) return false;
  }
  return true;
}

function countDigits(value: string): number {
  let digits = 0;
  for (const char of value) if (char >= '0' && char <= '9') digits += 1;
  return digits;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isLocalChar(code: number): boolean {
  // letters, digits and . _ % + - (the usual unquoted local part)
  return (
    isAsciiAlnum(code) || code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d
  );
}

function isDomainChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return isAsciiAlnum(code) || code === 0x2d || code === 0x2e;
  return !isStop(code) && WORD_CHAR.test(text.charAt(index));
}

/**
 * Characters a link never contains: spaces, controls, quotes and angle brackets around URLs, and the
 * invisible ones (zero-width, bidi controls, soft hyphen) that could make a link look like another.
 */
function isStop(code: number): boolean {
  if (code <= 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) return true;
  switch (code) {
    case 0x22: // "
    case 0x3c: // <
    case 0x3e: // >
    case 0x60: // `
    case 0xab: // «
    case 0xbb: // »
    case 0x201c: // “
    case 0x201d: // ”
    case 0x061c: // Arabic letter mark
    case 0x1680:
    case 0x3000:
    case 0xfeff:
      return true;
    default:
      // spaces, zero-width and LRM/RLM; separators, bidi embeddings, narrow space; word joiner, isolates
      return (
        (code >= 0x2000 && code <= 0x200f) ||
        (code >= 0x2028 && code <= 0x202f) ||
        (code >= 0x205f && code <= 0x206f)
      );
  }
}
