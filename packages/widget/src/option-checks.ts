// The checks of mount()'s options that the script-tag file applies itself, before its panel loads: what
// the plain launcher and the consent notice need (brand name and colour, locale, position, theme,
// namespace, open, consent, launcher). mount-options.ts checks the rest with the helpers exported here,
// so both files word a refused option the same way; the panel takes this module from clavard.js (PANEL_KIT).
import { ChatError, MAX_SHORT_LENGTH } from '@clavard/protocol';
import type { LocalizedText } from './localized-text.js';
import { pickText } from './localized-text.js';
import type { MountOptions, ResolvedMountOptions } from './mount-options.js';
import { parseColor, toHex } from './ui-core/contrast.js';
import { canonicalLocale } from './ui-core/locale.js';
import { IMAGE_PROTOCOLS, safeUrl } from './ui-core/safe-url.js';

/**
 * The options {@link resolveLauncherOptions} checks: what the launcher, the consent notice and the files
 * to load depend on.
 *
 * @example
 * ```ts
 * const options: LauncherMountOptions = { brand: { name: 'Fibre Nord' }, position: 'left' };
 * ```
 */
export type LauncherMountOptions = Pick<
  MountOptions,
  'brand' | 'locale' | 'position' | 'theme' | 'namespace' | 'open' | 'handoff' | 'consent' | 'launcher'
>;

/**
 * {@link LauncherMountOptions} once checked, as {@link ResolvedMountOptions} has them.
 *
 * @example
 * ```ts
 * const { brand, locale, launcher } = resolveLauncherOptions({ brand: { name: 'Fibre Nord' } });
 * ```
 */
export type ResolvedLauncherOptions = Pick<
  ResolvedMountOptions,
  'brand' | 'locale' | 'position' | 'theme' | 'namespace' | 'open' | 'handoff' | 'consent' | 'launcher'
>;

/**
 * The error of a refused option, as `mount()` throws it.
 *
 * @example
 * ```ts
 * throw invalid('storage', 'must be false or a ChatStorage (get, set, remove)', value);
 * ```
 */
export const invalid = (option: string, expected: string, cause?: unknown): ChatError =>
  new ChatError('invalid-option', `mount: option "${option}" ${expected}`, { retryable: false, cause });

/** Reads an own property only (`own(options, 'brand')`): a polluted `Object.prototype` must not inject options. */
export function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

export const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
export const isShortText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_SHORT_LENGTH;

export function optionalBoolean(options: object, key: string): boolean {
  const value = own(options, key);
  if (value !== undefined && typeof value !== 'boolean') throw invalid(key, 'must be true or false', value);
  return value === true;
}

/**
 * The option `key` of `options`, one of `allowed`, else `fallback` when absent.
 *
 * @example
 * ```ts
 * oneOf({ position: 'left' }, 'position', ['left', 'right'], 'right'); // 'left'
 * ```
 */
export function oneOf<T extends string>(options: object, key: string, allowed: readonly T[], fallback: T): T {
  const value = own(options, key);
  if (value === undefined) return fallback;
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw invalid(key, `must be one of ${allowed.join(', ')}`, value);
  return found;
}

/**
 * `brand.logoUrl`: an https or http URL.
 *
 * @example
 * ```ts
 * checkLogo('https://fibre.example/logo.svg'); // 'https://fibre.example/logo.svg'
 * ```
 */
export function checkLogo(logo: unknown): string {
  const logoUrl = typeof logo === 'string' ? safeUrl(logo, IMAGE_PROTOCOLS) : undefined;
  if (logoUrl === undefined) throw invalid('brand.logoUrl', 'must be an https or http URL', logo);
  return logoUrl;
}

/**
 * `brand.color`, normalised to `#rrggbb`.
 *
 * @example
 * ```ts
 * checkColor('rgb(0 85 170)'); // '#0055aa'
 * ```
 */
export function checkColor(color: unknown): string {
  try {
    return toHex(parseColor(color as string));
  } catch (cause) {
    throw invalid('brand.color', 'must be a colour such as #0055aa or rgb(0 85 170)', cause);
  }
}

function checkBrand(value: unknown): ResolvedMountOptions['brand'] {
  if (!isObject(value)) throw invalid('brand', 'must be an object with a name', value);
  const name = own(value, 'name');
  if (!isShortText(name)) throw invalid('brand.name', 'must be a non-empty text', name);
  const logo = own(value, 'logoUrl');
  const color = own(value, 'color');
  return {
    name: name.trim(),
    logoUrl: logo === undefined ? undefined : checkLogo(logo),
    color: color === undefined ? undefined : checkColor(color),
  };
}

/** One text, or an object of texts per locale, picked for `locale` (the first one with `orFirst`). */
export function checkLocalized(
  name: string,
  value: unknown,
  locale: string,
  orFirst = false,
): string | undefined {
  if (value === undefined) return undefined;
  const texts = typeof value === 'string' ? { '': value } : value;
  if (!isObject(texts)) throw invalid(name, 'must be a text or an object of texts per locale', value);
  for (const [key, text] of Object.entries(texts)) {
    if (typeof text !== 'string' || text.trim() === '')
      throw invalid(key ? `${name}.${key}` : name, 'must be a non-empty text', text);
  }
  return pickText(value as LocalizedText, locale, orFirst);
}

/**
 * An object option made of texts: each of `required` and each of `optional` present must be a non-empty
 * text, or (those in `localized`) texts per locale, picked for `locale`; other keys are ignored.
 * `undefined` stays undefined.
 */
export function checkTexts<R extends string, O extends string>(
  name: string,
  value: unknown,
  required: readonly R[],
  optional: readonly O[],
  locale: string,
  localized: readonly string[] = [],
): (Record<R, string> & Partial<Record<O, string>>) | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalid(name, `must be an object with ${required.join(' and ')}`, value);
  const texts: Record<string, string> = {};
  for (const key of [...required, ...optional]) {
    const field = own(value, key);
    if (field === undefined && !(required as readonly string[]).includes(key)) continue;
    const text = localized.includes(key) ? checkLocalized(`${name}.${key}`, field, locale, true) : field;
    if (typeof text !== 'string' || text.trim() === '')
      throw invalid(`${name}.${key}`, 'must be a non-empty text', field);
    texts[key] = text;
  }
  return texts as Record<R, string> & Partial<Record<O, string>>;
}

/**
 * The consent notice: its policy link must be a web address the server will accept with the message.
 *
 * @example
 * ```ts
 * checkConsent({ version: '2026-11', text: { en: 'We keep…', fr: 'Nous gardons…' } }, 'fr-CA').text; // 'Nous gardons…'
 * ```
 */
export function checkConsent(value: unknown, locale: string): ResolvedMountOptions['consent'] {
  const consent = checkTexts('consent', value, ['version'], ['policyUrl', 'text'], locale, ['text']);
  const url = consent?.policyUrl;
  if (url !== undefined && !safeUrl(url, IMAGE_PROTOCOLS)) {
    throw invalid('consent.policyUrl', 'must be an http or https URL of at most 2,048 characters', url);
  }
  return consent;
}

/**
 * The launcher's icon (a name or an image URL checked as avatars are) and its label, in the visitor's locale.
 *
 * @example
 * ```ts
 * checkLauncher({ icon: 'help', label: 'Questions?' }, 'en'); // { icon: 'help', label: 'Questions?' }
 * ```
 */
export function checkLauncher(value: unknown, locale: string): ResolvedMountOptions['launcher'] {
  if (value === undefined) return { icon: 'chat' };
  if (!isObject(value)) throw invalid('launcher', 'must be an object with icon and/or label', value);
  const icon = own(value, 'icon') ?? 'chat';
  const label = checkLocalized('launcher.label', own(value, 'label'), locale, true)?.trim();
  if (label !== undefined && label.length > 80)
    throw invalid('launcher.label', 'must be a text of at most 80 characters', label);
  const faces = own(value, 'faces');
  if (faces !== undefined && typeof faces !== 'boolean')
    throw invalid('launcher.faces', 'must be true or false', faces);
  const launcher: ResolvedMountOptions['launcher'] = {
    icon: 'chat',
    ...(label ? { label } : {}),
    ...(faces ? { faces } : {}),
  };
  const imageUrl = typeof icon === 'string' ? safeUrl(icon, IMAGE_PROTOCOLS) : undefined;
  if (icon === 'chat' || icon === 'help') launcher.icon = icon;
  else if (imageUrl !== undefined) launcher.imageUrl = imageUrl;
  else throw invalid('launcher.icon', 'must be "chat", "help" or an https or http image URL', icon);
  return launcher;
}

/**
 * The visitor's language, canonical (`fr-ca` → `fr-CA`); the browser's when absent, else `en`.
 *
 * @example
 * ```ts
 * checkLocale('fr_ca'); // 'fr-CA'
 * ```
 */
export function checkLocale(value: unknown): string {
  if (value === undefined) {
    const preferred = typeof navigator === 'undefined' ? undefined : navigator.language;
    return typeof preferred === 'string' && preferred !== '' ? preferred : 'en';
  }
  try {
    return canonicalLocale(value as string);
  } catch (cause) {
    throw invalid('locale', 'must be a language tag such as "en" or "fr-CA"', cause);
  }
}

/**
 * Which stored state a widget uses: 1 to 64 letters, digits, `_` or `-`.
 *
 * @example
 * ```ts
 * checkNamespace('billing'); // 'billing'
 * ```
 */
export function checkNamespace(namespace: unknown): string {
  if (typeof namespace !== 'string' || !/^[\w-]{1,64}$/.test(namespace)) {
    throw invalid('namespace', 'must be 1 to 64 letters, digits, _ or -', namespace);
  }
  return namespace;
}

/**
 * Checks the options of {@link LauncherMountOptions} (others are ignored) with `mount()`'s rules and
 * applies their defaults. A wrong one throws `ChatError('invalid-option')` naming it, as `mount()` does.
 *
 * @example
 * ```ts
 * resolveLauncherOptions({ brand: { name: 'Fibre Nord', color: '#0055aa' }, locale: 'fr-CA' }).brand.color; // '#0055aa'
 * ```
 */
export function resolveLauncherOptions(options: LauncherMountOptions): ResolvedLauncherOptions {
  const namespace = checkNamespace(own(options, 'namespace') ?? 'default');
  const locale = checkLocale(own(options, 'locale'));
  return {
    brand: checkBrand(own(options, 'brand')),
    locale,
    position: oneOf(options, 'position', ['left', 'right'], 'right'),
    theme: oneOf(options, 'theme', ['light', 'dark', 'auto'], 'auto'),
    namespace,
    open: optionalBoolean(options, 'open'),
    handoff: own(options, 'handoff') === undefined || optionalBoolean(options, 'handoff'),
    consent: checkConsent(own(options, 'consent'), locale),
    launcher: checkLauncher(own(options, 'launcher'), locale),
  };
}
