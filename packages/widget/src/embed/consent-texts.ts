import { isFrench } from './launcher-label.js';

/**
 * The texts of the consent notice the script tag shows before the panel may load (clavard-consent.js): the same as the
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
