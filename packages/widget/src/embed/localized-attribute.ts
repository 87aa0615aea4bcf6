/**
 * The text of attribute `name` for the visitor's `locale`: `<name>-<locale>` (e.g. `data-greeting-fr-ca`),
 * else `<name>-<language>` (`data-greeting-fr`), else `<name>` itself, which serves every other
 * language. Attribute names are case-insensitive, as HTML makes them.
 *
 * @example
 * ```ts
 * // <script data-greeting="Hi!" data-greeting-fr="Bonjour!">
 * localizedAttribute(script, 'data-greeting', 'fr-CA'); // 'Bonjour!'
 * localizedAttribute(script, 'data-greeting', 'de'); // 'Hi!'
 * ```
 */
export function localizedAttribute(script: Element, name: string, locale: string): string | undefined {
  const tag = locale.toLowerCase();
  for (const suffix of [tag, tag.split('-')[0]]) {
    const value = script.getAttribute(`${name}-${suffix}`);
    if (value !== null) return value;
  }
  return script.getAttribute(name) ?? undefined;
}

/**
 * An attribute's value as a problem line quotes it: JSON-quoted, cut after 80 characters.
 *
 * @example
 * ```ts
 * shown('top'); // '"top"'
 * ```
 */
export const shown = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
