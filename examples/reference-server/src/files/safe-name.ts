/**
 * The name an attachment is shown and downloaded under. The sender chose it: it may carry a path
 * (`../../etc/passwd`), controls that break a header or a log line, bidi overrides (`invoice`, U+202E,
 * `fdp.exe` reads as `invoiceexe.pdf`), or an extension that lies about the bytes. What is kept
 * is a plain base name whose extension is the one of the type the bytes were sniffed as.
 */
import type { AllowedMediaType } from './sniff.js';

/**
 * The longest name kept, in code points, extension included.
 *
 * @example
 * ```ts
 * Array.from(safeFileName(claimed, 'image/png')).length <= MAX_FILE_NAME_LENGTH; // true
 * ```
 */
export const MAX_FILE_NAME_LENGTH = 120;

/** The extension given to each type, and the others accepted as they are. */
const EXTENSIONS: Readonly<
  Record<AllowedMediaType, { readonly given: string; readonly kept: readonly string[] }>
> = {
  'image/png': { given: 'png', kept: ['png'] },
  'image/jpeg': { given: 'jpg', kept: ['jpg', 'jpeg'] },
  'image/webp': { given: 'webp', kept: ['webp'] },
  'image/gif': { given: 'gif', kept: ['gif'] },
  'application/pdf': { given: 'pdf', kept: ['pdf'] },
  'text/plain': { given: 'txt', kept: ['txt', 'log', 'csv', 'md'] },
};

// The controls (C0, DEL, C1) but white space, which becomes a space below, and the bidi embeddings,
// overrides and isolates, which reorder what is displayed around them.
const INVISIBLE = /(?!\s)[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

// A lone surrogate half cannot be encoded as UTF-8 (encodeURIComponent throws on it).
const LONE_SURROGATE = /\p{Surrogate}/gu;

// An extension is a run of at most 10 letters and digits with at least one letter: `notes v1.2` keeps
// its `.2` and gets `.txt` after it rather than losing it, and so does a name with a long last part.
const EXTENSION = /\.(?=[A-Za-z0-9]{1,10}$)([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)$/;

const trimDotsAndSpaces = (text: string): string => text.replace(/^[.\s]+|[.\s]+$/gu, '');

/** The last segment of a path, whichever the separator: Windows senders use `\`. */
const baseName = (claimed: string): string => claimed.split(/[/\\]/).at(-1) ?? '';

/** `text` cut to `max` code points, never in the middle of a surrogate pair. */
const cut = (text: string, max: number): string => {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
};

/**
 * A name for an attachment of type `mediaType`, safe to display and to put in a Content-Disposition:
 * the base name of `claimed` without controls nor bidi overrides, white space collapsed, no dot or
 * space at either end, at most {@link MAX_FILE_NAME_LENGTH} code points, and an extension that matches
 * the type (replaced or added). An empty result is `file.<ext>`.
 *
 * @example
 * ```ts
 * safeFileName('C:\\Users\\me\\invoice.png', 'image/jpeg'); // 'invoice.jpg'
 * safeFileName('report', 'application/pdf'); // 'report.pdf'
 * safeFileName('   ', 'text/plain'); // 'file.txt'
 * ```
 */
export function safeFileName(claimed: string, mediaType: AllowedMediaType): string {
  const cleaned = trimDotsAndSpaces(
    baseName(claimed).replace(LONE_SURROGATE, '').replace(INVISIBLE, '').replace(/\s+/gu, ' '),
  );
  const { given, kept } = EXTENSIONS[mediaType];
  const found = EXTENSION.exec(cleaned);
  const keepsItsOwn = found?.[1] !== undefined && kept.includes(found[1].toLowerCase());
  const extension = keepsItsOwn && found?.[1] !== undefined ? found[1] : given;
  const stem = found === null ? cleaned : cleaned.slice(0, found.index);
  const short = trimDotsAndSpaces(cut(stem, MAX_FILE_NAME_LENGTH - extension.length - 1));
  return `${short === '' ? 'file' : short}.${extension}`;
}

// RFC 5987's attr-char: what may stand unencoded in `filename*`. encodeURIComponent leaves ' ( ) * too.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/** `name` as RFC 5987's ext-value: UTF-8, every byte but an attr-char percent-encoded. */
const extValue = (name: string): string => {
  let encoded = "UTF-8''";
  // Buffer.from turns a lone surrogate into U+FFFD rather than throwing as encodeURIComponent does.
  for (const byte of Buffer.from(name, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded += ATTR_CHAR.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
};

// The quoted fallback for clients without RFC 5987: printable ASCII only, and not the quote and
// backslash of the quoted-string syntax, nor `%`, which some clients would percent-decode (RFC 6266 D).
const ASCII_FALLBACK_REFUSED = /[^\x20-\x7e]|["\\%]/gu;

/**
 * A Content-Disposition value (RFC 6266) naming the file `name`: an ASCII `filename` for old clients,
 * and the exact name, UTF-8 and percent-encoded, as `filename*`, which clients that know it prefer.
 *
 * @example
 * ```ts
 * contentDisposition('attachment', 'Relevé "mai".pdf');
 * // `attachment; filename="Relev_ _mai_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22mai%22.pdf`
 * ```
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(ASCII_FALLBACK_REFUSED, '_');
  return `${kind}; filename="${fallback}"; filename*=${extValue(name)}`;
}
