/**
 * Files in words, in the agent's language: a size ("48 KB", "48 ko"), a type ("PDF document"), and why an
 * upload or a download failed.
 */
import type { MessageKey, Translate } from '../i18n/translator.js';
import { FileError } from './http.js';

/** The size the chat takes unless the server says otherwise: the protocol's default, 10 MiB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A size in the agent's words: bytes under 1 KB, then KB (no decimals) and MB (one decimal when under
 * 10), counted in 1024s as file managers do.
 *
 * @example
 * ```ts
 * formatSize(48213, 'fr-CA', t); // '47 ko'
 * ```
 */
export function formatSize(bytes: number, locale: string, t: Translate): string {
  const number = (value: number, digits: number) =>
    value.toLocaleString(locale, { maximumFractionDigits: digits });
  if (bytes < 1024) return t('files.size.bytes', { n: number(bytes, 0) });
  if (bytes < 1024 * 1024) return t('files.size.kb', { n: number(Math.round(bytes / 1024), 0) });
  const mb = bytes / (1024 * 1024);
  return t('files.size.mb', { n: number(mb, mb < 10 ? 1 : 0) });
}

/**
 * Whether a file shows as an image (a thumbnail the viewer opens).
 *
 * @example
 * ```ts
 * isImage('image/png'); // true
 * ```
 */
export const isImage = (mediaType: string): boolean => mediaType.startsWith('image/');

/**
 * The key of a type in words.
 *
 * @example
 * ```ts
 * t(kindKey('application/pdf')); // 'PDF document'
 * ```
 */
export function kindKey(mediaType: string): MessageKey {
  if (isImage(mediaType)) return 'files.image';
  if (mediaType === 'application/pdf') return 'files.pdf';
  if (mediaType.startsWith('text/')) return 'files.text';
  return 'files.other';
}

const KEYS: Record<string, MessageKey> = {
  'attachment-too-large': 'files.error.too-large',
  'attachment-type-refused': 'files.error.type-refused',
  'attachment-limit': 'files.error.limit',
  network: 'files.error.network',
  unavailable: 'files.error.unavailable',
  'conversation-ended': 'files.error.ended',
  forbidden: 'files.error.forbidden',
  'not-found': 'files.error.not-found',
  unauthorized: 'files.error.unauthorized',
};

/**
 * Why a file request failed, in the agent's words (the size limit in them when too large).
 *
 * @example
 * ```ts
 * problemText(new FileError('attachment-too-large', '…', false), { maxBytes, locale: 'en', t });
 * // 'This file is over 10 MB, the largest the chat takes.'
 * ```
 */
export function problemText(
  error: unknown,
  context: { maxBytes: number; locale: string; t: Translate },
): string {
  const { t } = context;
  if (!(error instanceof FileError)) return t('files.error.network');
  const key = KEYS[error.code];
  if (key === undefined) return t('files.error.other', { message: error.message });
  return t(key, { limit: formatSize(context.maxBytes, context.locale, t) });
}
