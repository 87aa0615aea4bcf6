// Sizes and media types in words, for the file parts. Their texts are catalogue entries (`file.*`, in
// ui-core/locales/*-extras.ts): they come with the extras, and `messages` overrides them as any other.
import type { Translator } from '../../ui-core/i18n.js';

/**
 * A size in bytes as people read it: "48 KB", "1.2 MB" in English, "48 ko", "1,2 Mo" in French (powers of
 * 1024, one decimal under 10 of a unit, none above).
 *
 * @example
 * ```ts
 * formatSize(10 * 1024 * 1024, translator); // '10 Mo' in French
 * ```
 */
export function formatSize(bytes: number, { t, locale }: Translator): string {
  const units = t('file.units').split(' ');
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number}\u00a0${units[unit]}`;
}

/**
 * A media type in words: "PNG image", "PDF document", "Text file", else "File".
 *
 * @example
 * ```ts
 * typeInWords('application/pdf', translator.t); // 'Document PDF' in French
 * ```
 */
export function typeInWords(mediaType: string, t: Translator['t']): string {
  const [kind, sub = ''] = mediaType.split('/');
  if (kind === 'image') return t('file.image', { type: sub.toUpperCase() });
  if (mediaType === 'application/pdf') return t('file.pdf');
  return t(kind === 'text' ? 'file.text' : 'file.file');
}
