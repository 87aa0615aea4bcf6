/**
 * The language of the texts the server writes itself (forms it builds): French for any `fr*` locale,
 * English otherwise.
 *
 * @example
 * ```ts
 * formLanguage('fr-CA'); // 'fr'
 * ```
 */
export function formLanguage(locale: string | null): 'en' | 'fr' {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
