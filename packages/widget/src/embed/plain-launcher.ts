import type { ResolvedMountOptions } from '../mount-options.js';
import { CHAT_PATH, HELP_PATH } from '../ui/icon-paths.js';
import { LAUNCHER_CSS } from '../ui/launcher-styles.js';
import { adoptStyles } from '../ui/stylesheets.js';
import { themeColors, themeCss } from '../ui/theme.js';
import { isRtl } from '../ui-core/locale.js';
import type { ConsentNotice } from './consent-notice.js';
import type { ShowConsentNotice } from './kits.js';
import { launcherLabel } from './launcher-label.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An icon as src/ui/Icon.tsx draws it. */
function icon(doc: Document, d: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/**
 * Fills `button` as src/ui/Launcher.tsx does when closed: the icon (or the image, replaced by the chat
 * icon if it fails to load), then the label, which also names the button.
 */
function fill(button: HTMLButtonElement, { icon: name, imageUrl, label }: ResolvedMountOptions['launcher']) {
  const doc = button.ownerDocument;
  const drawn = (): SVGSVGElement => icon(doc, name === 'help' ? HELP_PATH : CHAT_PATH);
  if (imageUrl === undefined) button.append(drawn());
  else {
    const image = doc.createElement('img');
    image.alt = '';
    image.referrerPolicy = 'no-referrer';
    image.addEventListener('error', () => image.replaceWith(drawn()), { once: true });
    image.src = imageUrl;
    button.append(image);
  }
  if (label === undefined) return;
  const text = doc.createElement('span');
  text.className = 'launcher-label';
  text.textContent = label;
  text.title = label;
  text.dir = 'auto';
  button.setAttribute('aria-label', label);
  button.setAttribute('data-label', '');
  button.append(text);
}

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
  /**
   * Show the consent notice above the launcher with `show` (the consent file's: text, policy link, "I
   * agree" with the focus, "Not now"), or give it the focus when it is shown; `onAgree` runs when the
   * visitor agrees. Escape or "Not now" closes it and gives the focus back.
   */
  askConsent(
    show: ShowConsentNotice,
    consent: NonNullable<ResolvedMountOptions['consent']>,
    onAgree: () => void,
  ): void;
  /** Take the button, the notice and their stylesheets out of the shadow root. */
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
  config: Pick<ResolvedMountOptions, 'brand' | 'locale' | 'theme' | 'position' | 'launcher'>,
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
  fill(button, config.launcher);
  button.addEventListener('click', onOpen);
  root.append(button);
  shadow.append(root);
  let notice: ConsentNotice | undefined;
  return {
    button,
    askConsent(show, consent, onAgree) {
      if (notice) return notice.focus();
      button.setAttribute('aria-expanded', 'true');
      const onClose = (): void => {
        notice = undefined;
        button.setAttribute('aria-expanded', 'false');
      };
      notice = show({ root, button, consent, locale: config.locale, onAgree, onClose });
    },
    remove() {
      button.removeEventListener('click', onOpen);
      notice?.close();
      root.remove();
      removeStyles();
    },
  };
}
