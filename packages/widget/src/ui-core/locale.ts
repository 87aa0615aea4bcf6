import { ChatError } from '@clavard/protocol';

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set([
  'Adlm',
  'Arab',
  'Hebr',
  'Mand',
  'Mend',
  'Nkoo',
  'Rohg',
  'Samr',
  'Syrc',
  'Thaa',
  'Yezi',
]);

/** Languages written right to left by default, for engines without `Intl.Locale` data. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'glk',
  'he',
  'iw',
  'ks',
  'lrc',
  'mzn',
  'nqo',
  'pnb',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
]);

interface TextInfo {
  direction?: string;
}

/** `Intl.Locale` with the text-direction data some engines have (`getTextInfo()` now, `textInfo` before). */
type LocaleWithTextInfo = Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };

/**
 * The canonical form of a BCP 47 language tag; `_` is accepted for `-` (`fr_CA` is a common slip).
 *
 * @throws ChatError `invalid-option` when it is not a language tag.
 * @example
 * ```ts
 * canonicalLocale('FR_ca'); // 'fr-CA'
 * ```
 */
export function canonicalLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(typeof locale === 'string' ? locale.replace(/_/g, '-') : []);
    if (canonical !== undefined) return canonical;
  } catch (cause) {
    throw new ChatError(
      'invalid-option',
      `not a language tag: ${JSON.stringify(String(locale).slice(0, 64))}`,
      {
        cause,
      },
    );
  }
  throw new ChatError('invalid-option', 'a locale is required, e.g. "en" or "fr-CA"', { cause: locale });
}

/**
 * Whether a locale is written right to left (Arabic, Hebrew, Persian, Urdu, Dhivehi ...): when the
 * engine's text direction data (`Intl.Locale#getTextInfo()` or `textInfo`) says so, or the locale's script
 * (explicit, or likely from `maximize()`) is a right-to-left one; without either, from a list of languages.
 * Not a language tag: `false`.
 *
 * @example
 * ```ts
 * isRtl('ar-EG'); // true
 * isRtl('fr-CA'); // false
 * isRtl('az-Arab'); // true: the script decides
 * ```
 */
export function isRtl(locale: string): boolean {
  if (typeof locale !== 'string') return false;
  const tag = locale.replace(/_/g, '-');
  if (typeof Intl.Locale !== 'function') return listSaysRtl(tag);
  let parsed: LocaleWithTextInfo;
  try {
    parsed = new Intl.Locale(tag);
  } catch {
    return false; // not a language tag: the page's default direction
  }
  const direction =
    typeof parsed.getTextInfo === 'function' ? parsed.getTextInfo().direction : parsed.textInfo?.direction;
  if (direction === 'rtl') return true;
  // The script overrules an 'ltr': V8 (ICU 78) says 'ltr' for Dhivehi (Thaana) and for az-Arab.
  const script =
    parsed.script ?? (typeof parsed.maximize === 'function' ? parsed.maximize().script : undefined);
  if (script !== undefined) return RTL_SCRIPTS.has(script);
  return direction === undefined && RTL_LANGUAGES.has(parsed.language);
}

/** The fallback without `Intl.Locale`: an explicit script subtag decides, else the language. */
function listSaysRtl(tag: string): boolean {
  const [language = '', ...rest] = tag.split('-');
  const script = rest.find((subtag) => /^[A-Za-z]{4}$/.test(subtag));
  if (script !== undefined) {
    return RTL_SCRIPTS.has(script.charAt(0).toUpperCase() + script.slice(1).toLowerCase());
  }
  return RTL_LANGUAGES.has(language.toLowerCase());
}
