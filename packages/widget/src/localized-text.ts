/**
 * A text a site owner configures: one text, or one per locale (`{ en: 'Hi!', 'fr-CA': 'Bonjour!' }`; a
 * language alone, `fr`, serves every French locale).
 *
 * @example
 * ```ts
 * const away: LocalizedText = { en: 'We are closed until 9 a.m.', fr: 'Nous sommes fermés jusqu’à 9 h.' };
 * ```
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * The text of `value` for `locale`: the text itself, else the entry of the locale, then of its language;
 * with `orFirst`, the first entry when neither is there.
 *
 * @example
 * ```ts
 * pickText({ en: 'Hi!', fr: 'Bonjour!' }, 'fr-CA'); // 'Bonjour!'
 * pickText({ en: 'Hi!' }, 'de', true); // 'Hi!'
 * ```
 */
export function pickText(
  value: LocalizedText | undefined,
  locale: string,
  orFirst = false,
): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  for (const key of [locale, locale.split('-')[0] ?? locale])
    if (Object.hasOwn(value, key)) return value[key];
  return orFirst ? Object.values(value)[0] : undefined;
}
