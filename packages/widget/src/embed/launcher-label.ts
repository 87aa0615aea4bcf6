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

/**
 * The texts of the consent notice the script-tag file shows before the panel may load: the same as the
 * catalogue's `consent.*` and `link.newTab` (French for a French locale, English otherwise), without
 * loading the catalogues. A test checks them against the catalogues.
 *
 * @example
 * ```ts
 * consentTexts('fr-CA').agree; // 'J’accepte'
 * ```
 */
export function consentTexts(locale: string): {
  text: string;
  policy: string;
  agree: string;
  later: string;
  newTab: string;
} {
  return isFrench(locale)
    ? {
        text: 'Avant de clavarder\u00a0: nous conservons vos messages et renseignements pour vous répondre. Vous pouvez nous demander de les effacer en tout temps.',
        policy: 'Politique de confidentialité',
        agree: 'J’accepte',
        later: 'Plus tard',
        newTab: 's’ouvre dans un nouvel onglet',
      }
    : {
        text: 'Before we chat: we keep your messages and details to answer you. You can ask us to erase them at any time.',
        policy: 'Privacy policy',
        agree: 'I agree',
        later: 'Not now',
        newTab: 'opens in a new tab',
      };
}
