/**
 * What a file is, from its bytes, never from its name or the type the sender claimed: both are the
 * sender's word, and an HTML page named `cat.png` would run as a page if served as what it says it is.
 * A closed list of types, each recognised by its magic number, and plain text only when nothing in it
 * could be taken for markup or binary by a browser or an agent's tools.
 */
import { ATTACHMENT_MEDIA_TYPES } from '@clavard/protocol';

/**
 * The types an attachment may have (the protocol's list); anything else is refused.
 *
 * @example
 * ```ts
 * input.accept = ALLOWED_MEDIA_TYPES.join(',');
 * ```
 */
export const ALLOWED_MEDIA_TYPES = ATTACHMENT_MEDIA_TYPES;

/**
 * One of {@link ALLOWED_MEDIA_TYPES}.
 *
 * @example
 * ```ts
 * const type: AllowedMediaType | undefined = sniffMediaType(bytes);
 * ```
 */
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

/**
 * The allowed types that are images: decoded and re-encoded, and given a thumbnail.
 *
 * @example
 * ```ts
 * if (isImageType(type)) await reencodeImage(bytes, type, maxPixels); // type: ImageMediaType here
 * ```
 */
export type ImageMediaType = Extract<AllowedMediaType, `image/${string}`>;

/**
 * Whether `type` is one of the allowed image types.
 *
 * @example
 * ```ts
 * isImageType('image/gif'); // true
 * isImageType('application/pdf'); // false
 * ```
 */
export function isImageType(type: AllowedMediaType): type is ImageMediaType {
  return type.startsWith('image/');
}

/** A magic number: these bytes at this offset. */
interface Signature {
  readonly type: AllowedMediaType;
  readonly at: number;
  readonly bytes: readonly number[];
}

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));

// WebP is also checked for its RIFF header at 0 (see sniffMediaType): 'WEBP' alone at 8 could be anything.
const SIGNATURES: readonly Signature[] = [
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', at: 0, bytes: ascii('GIF87a') },
  { type: 'image/gif', at: 0, bytes: ascii('GIF89a') },
  { type: 'image/webp', at: 8, bytes: ascii('WEBP') },
  { type: 'application/pdf', at: 0, bytes: ascii('%PDF-') },
];

const RIFF = ascii('RIFF');

const startsWith = (head: Uint8Array, at: number, bytes: readonly number[]): boolean =>
  head.length >= at + bytes.length && bytes.every((byte, index) => head[at + index] === byte);

/**
 * The allowed type of a file, from its bytes, or undefined when it is none of them (SVG, HTML, XML,
 * archives, executables, an empty file). Binary types are decided by their first bytes; text by every
 * byte of `head`, so pass the whole file when it may be text.
 *
 * @example
 * ```ts
 * sniffMediaType(Buffer.from('%PDF-1.7\n…')); // 'application/pdf'
 * sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')); // undefined
 * ```
 */
export function sniffMediaType(head: Uint8Array): AllowedMediaType | undefined {
  for (const signature of SIGNATURES) {
    if (!startsWith(head, signature.at, signature.bytes)) continue;
    if (signature.type === 'image/webp' && !startsWith(head, 0, RIFF)) continue;
    return signature.type;
  }
  return isPlainText(head) ? 'text/plain' : undefined;
}

// The C0 controls a person's text holds: tab, LF, FF, CR. Any other (NUL, escape) is what binary files
// and terminal tricks are made of. Checked on the bytes: in UTF-8 a byte under 0x20 is always that
// character, never part of a longer sequence.
const TEXT_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0c, 0x0d]);

const hasForbiddenControl = (bytes: Uint8Array): boolean =>
  bytes.some((byte) => byte < 0x20 && !TEXT_CONTROLS.has(byte));

// After the BOM (the decoder drops one) and any white space (\s includes a repeated U+FEFF), a `<`
// is how HTML, SVG and XML begin, and browsers sniff such a start as markup whatever it is named.
const MARKUP_START = /^\s*</;

// Fatal: an invalid sequence throws rather than becoming U+FFFD, so a binary file is never text.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether `bytes` are text a browser will never take for markup: non-empty, valid UTF-8, no control
 * character but white space, not starting with `<`.
 *
 * @example
 * ```ts
 * isPlainText(Buffer.from('Order 1234: the parcel arrived broken.\n')); // true
 * isPlainText(Buffer.from('  <!doctype html>')); // false
 * ```
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || hasForbiddenControl(bytes)) return false;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return false;
  }
  return !MARKUP_START.test(text);
}
