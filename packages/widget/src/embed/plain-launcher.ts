import type { ResolvedMountOptions } from '../mount-options.js';
import { adoptStyles } from '../ui/stylesheets.js';
import { themeColors, themeCss } from '../ui/theme.js';
import { isRtl } from '../ui-core/locale.js';
import { launcherLabel } from './launcher-label.js';
import { LAUNCHER_CSS } from './launcher-styles.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The `chat` icon of src/ui/Icon.tsx. */
const CHAT_PATH = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z';

/**
 * The launcher of the script-tag file before the panel is loaded: the same button as the panel's closed
 * launcher (look, accessible name, `aria-expanded="false"`, Enter and Space), built with plain DOM calls.
 *
 * @example
 * ```ts
 * const launcher = createPlainLauncher(host, config, () => api.open());
 * launcher.remove(); // once the panel has rendered its own launcher
 * ```
 */
export interface PlainLauncher {
  /** The button, to tell whether it has focus when the panel takes over. */
  readonly button: HTMLButtonElement;
  /** Take the button and its stylesheets out of the shadow root. */
  remove(): void;
}

/**
 * Renders the plain launcher into `host`'s shadow root (made when missing), in the brand colour checked
 * for contrast like the panel's, placed and themed by `config`. `onOpen` runs on each click (mouse,
 * touch, Enter or Space).
 *
 * @example
 * ```ts
 * const launcher = createPlainLauncher(host, config, () => api.open());
 * ```
 */
export function createPlainLauncher(
  host: HTMLElement,
  config: Pick<ResolvedMountOptions, 'brand' | 'locale' | 'theme' | 'position'>,
  onOpen: () => void,
): PlainLauncher {
  const doc = host.ownerDocument;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const removeStyles = adoptStyles(shadow, [LAUNCHER_CSS, themeCss(themeColors(config.brand.color))]);
  const root = doc.createElement('div');
  root.className = 'root';
  root.dir = isRtl(config.locale) ? 'rtl' : 'ltr';
  root.lang = config.locale;
  root.setAttribute('data-theme', config.theme);
  root.setAttribute('data-position', config.position);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-label', launcherLabel(config.locale));
  button.setAttribute('aria-expanded', 'false');
  const icon = doc.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', CHAT_PATH);
  icon.append(path);
  button.append(icon);
  button.addEventListener('click', onOpen);
  root.append(button);
  shadow.append(root);
  return {
    button,
    remove() {
      button.removeEventListener('click', onOpen);
      root.remove();
      removeStyles();
    },
  };
}
