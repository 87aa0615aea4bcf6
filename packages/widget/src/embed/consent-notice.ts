// The consent notice of the script tag (`clavard-consent.js`): drawn above the plain launcher with plain
// DOM calls when consent is asked and not given, before any panel code may load. Its own file, loaded on
// the first open that needs it, so that pages that do not ask for consent do not download it.
import type { ResolvedMountOptions } from '../mount-options.js';
import { adoptStyles } from '../ui/stylesheets.js';
import { safeUrl } from '../ui-core/safe-url.js';
import { CONSENT_CSS } from './consent-styles.js';
import { consentTexts } from './consent-texts.js';

/**
 * Where and what the notice shows: the launcher's `.root` and button, the consent asked, the visitor's
 * locale; `onAgree` runs when the visitor agrees, `onClose` whenever the notice closes.
 *
 * @example
 * ```ts
 * const request: ConsentNoticeRequest = { root, button, consent, locale: 'fr-CA', onAgree, onClose };
 * ```
 */
export interface ConsentNoticeRequest {
  root: HTMLElement;
  button: HTMLButtonElement;
  consent: NonNullable<ResolvedMountOptions['consent']>;
  locale: string;
  onAgree(): void;
  onClose(): void;
}

/**
 * A notice on the page: `focus()` gives "I agree" the focus again, `close()` takes it off (and runs
 * `onClose`).
 *
 * @example
 * ```ts
 * notice.close();
 * ```
 */
export interface ConsentNotice {
  focus(): void;
  close(): void;
}

/**
 * Shows the consent notice (text, policy link, "I agree" with the focus, "Not now") in `root`. "I agree"
 * closes it and runs `onAgree`; Escape or "Not now" closes it and gives the focus back to the launcher.
 *
 * @example
 * ```ts
 * const notice = showConsentNotice({ root, button, consent, locale: 'en', onAgree: load, onClose });
 * ```
 */
export function showConsentNotice({
  root,
  button,
  consent,
  locale,
  onAgree,
  onClose,
}: ConsentNoticeRequest): ConsentNotice {
  const doc = root.ownerDocument;
  const removeStyles = adoptStyles(root.getRootNode() as ShadowRoot, [CONSENT_CSS]);
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string) => {
    const made = doc.createElement(tag);
    made.className = className;
    made.textContent = text;
    return made;
  };
  const texts = consentTexts(locale);
  const box = element('div', 'consent-notice', '');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'false');
  box.setAttribute('aria-labelledby', 'clavard-consent-text');
  const text = element('p', '', consent.text ?? texts.text);
  text.id = 'clavard-consent-text';
  text.dir = 'auto';
  box.append(text);
  const policy = consent.policyUrl === undefined ? undefined : safeUrl(consent.policyUrl);
  if (policy !== undefined) {
    const link = element('a', '', texts.policy);
    link.href = policy;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.append(element('span', 'sr', ` (${texts.newTab})`));
    box.append(link);
  }
  const actions = element('div', 'actions', '');
  const agree = element('button', 'agree', texts.agree);
  const later = element('button', 'later', texts.later);
  agree.type = 'button';
  later.type = 'button';
  const close = (): void => {
    box.remove();
    removeStyles();
    onClose();
  };
  agree.addEventListener('click', () => {
    close();
    onAgree();
  });
  const dismiss = (): void => {
    close();
    button.focus();
  };
  later.addEventListener('click', dismiss);
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    dismiss();
  });
  actions.append(agree, later);
  box.append(actions);
  root.append(box);
  agree.focus();
  return { focus: () => agree.focus(), close };
}
