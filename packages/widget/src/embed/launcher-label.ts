/**
 * Whether `locale` is French (any region): the French panel file, launcher name and consent texts serve
 * it, as the French catalogue does in the panel.
 *
 * @example
 * ```ts
 * isFrench('fr-BE'); // true
 * ```
 */
export function isFrench(locale: string): boolean {
  return locale.split('-')[0]?.toLowerCase() === 'fr';
}

/**
 * The plain launcher's accessible name: the `launcher.open` text of the built-in catalogue the panel
 * will use (a French locale uses fr-CA's, any other English), without loading the catalogues. The browser
 * tests check it against the panel's launcher.
 *
 * @example
 * ```ts
 * launcherLabel('fr-FR'); // 'Ouvrir le clavardage'
 * ```
 */
export function launcherLabel(locale: string): string {
  return isFrench(locale) ? 'Ouvrir le clavardage' : 'Open chat';
}
