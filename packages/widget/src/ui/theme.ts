import { ensureContrast, parseColor, pickTextColor, toHex } from '../ui-core/contrast.js';

/** Panel backgrounds of the two themes; brand-coloured text must reach AA on them. */
export const LIGHT_BACKGROUND = '#ffffff';
export const DARK_BACKGROUND = '#1b1b1f';
const DEFAULT_BRAND = '#0b57d0';

/**
 * The brand colours of one widget, every one checked for WCAG AA: the fill (launcher, header, the
 * visitor's bubbles), the text on it, and the brand colour as text on the light and dark panels.
 *
 * @example
 * ```ts
 * const colors: ThemeColors = themeColors('#ffcc00'); // { brand: '#ffcc00', onBrand: '#111111', … }
 * ```
 */
export interface ThemeColors {
  brand: string;
  onBrand: string;
  accentLight: string;
  accentDark: string;
}

/**
 * Derives {@link ThemeColors} from a brand colour. When neither white nor near-black text reaches 4.5:1
 * on the brand colour, the fill is darkened or lightened until the better one does.
 *
 * @throws ChatError `invalid-option` when the colour cannot be parsed.
 * @example
 * ```ts
 * themeColors('#0055aa').onBrand; // '#ffffff'
 * ```
 */
export function themeColors(color: string = DEFAULT_BRAND): ThemeColors {
  const parsed = toHex(parseColor(color));
  const text = pickTextColor(parsed);
  const brand = text.meetsAA ? parsed : ensureContrast(parsed, text.color);
  return {
    brand,
    onBrand: text.color,
    accentLight: ensureContrast(parsed, LIGHT_BACKGROUND),
    accentDark: ensureContrast(parsed, DARK_BACKGROUND),
  };
}

/**
 * The second stylesheet of a widget: its brand colours as custom properties on `:host`. Only `#rrggbb`
 * values produced by the contrast module reach the CSS text, never configuration as given.
 *
 * @example
 * ```ts
 * sheet.replaceSync(themeCss(themeColors('#0055aa')));
 * ```
 */
export function themeCss(colors: ThemeColors): string {
  return `:host{--clavard-brand:${colors.brand};--clavard-on-brand:${colors.onBrand};--clavard-accent-light:${colors.accentLight};--clavard-accent-dark:${colors.accentDark}}`;
}
