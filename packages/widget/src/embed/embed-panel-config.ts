// What the panel file reads of the script tag when it loads: the attributes the launcher does not need
// (`clavard.js` reads and checks those: embed-config.ts), checked with `mount()`'s rules (the same check
// functions), so that the first file does not carry them.
import { ChatError } from '@clavard/protocol';
import type { ResolvedMountOptions } from '../mount-options.js';
import { checkOffer } from '../offer-option.js';
import { checkLocalized, checkLogo, type ResolvedLauncherOptions } from '../option-checks.js';
import { localizedAttribute, shown } from './localized-attribute.js';
import { readProactiveRule } from './proactive-attributes.js';

/** Runs one of mount()'s checks: what it returns, or the message of the `ChatError` it throws. */
function check<T>(run: () => T): { value: T } | { reason: string } {
  try {
    return { value: run() };
  } catch (error) {
    if (ChatError.isInstance(error)) return { reason: error.message };
    throw error;
  }
}

/** A page-relative URL resolved as the page would; left as written when it is not a URL. */
const absolute = (value: string | null, baseUrl: string): string | undefined => {
  if (value === null) return undefined;
  try {
    return new URL(value, baseUrl).href;
  } catch {
    return value;
  }
};

/**
 * The end-of-conversation offer: `data-offer-title` + `data-offer-url` (with `data-offer-description`,
 * `data-offer-image`), page-relative URLs resolved as the page would; refused as a whole, with its
 * reason in `problems`, when `mount()` would refuse it.
 */
function readOffer(
  script: Element,
  baseUrl: string,
  locale: string,
  text: (name: string) => string | undefined,
  problems: string[],
): ResolvedMountOptions['offer'] {
  const title = text('data-offer-title');
  const url = script.getAttribute('data-offer-url');
  if (title === undefined && url === null) return undefined;
  const offer: Record<string, string | undefined> = { title, url: absolute(url, baseUrl) };
  const description = text('data-offer-description');
  const imageUrl = absolute(script.getAttribute('data-offer-image'), baseUrl);
  if (description !== undefined) offer.description = description;
  if (imageUrl !== undefined) offer.imageUrl = imageUrl;
  const checked = check(() => checkOffer(offer, locale));
  if ('value' in checked) return checked.value;
  problems.push(`data-offer-* ignored (${checked.reason}); no offer shown`);
  return undefined;
}

/**
 * The options of `mount()` (without the transport) for the script tag's widget: `config`, the options
 * `clavard.js` read and checked, with what the panel reads itself: `data-brand-logo`, `data-greeting`,
 * `data-away` (per language, as `data-greeting-fr`), the end-of-conversation offer (`data-offer-title` +
 * `data-offer-url`, with `data-offer-description`, `data-offer-image`) and one proactive message
 * (`data-proactive-*`: see {@link readProactiveRule}). Each is checked with `mount()`'s rules; a wrong one
 * is dropped (its default is used) and described in `problems`, one line each, worded as `clavard.js`
 * words its own.
 *
 * @example
 * ```ts
 * const { options, problems } = readPanelConfig(script, document.baseURI, request.config);
 * ```
 */
export function readPanelConfig(
  script: Element,
  baseUrl: string,
  config: ResolvedLauncherOptions,
): { options: Omit<ResolvedMountOptions, 'transport' | 'url'>; problems: string[] } {
  const problems: string[] = [];
  const { brand, locale } = config;
  const text = (name: string): string | undefined => localizedAttribute(script, name, locale);
  const read = <T>(attribute: string, value: string | null | undefined, run: (value: string) => T) => {
    if (value === null || value === undefined) return undefined;
    const checked = check(() => run(value));
    if ('value' in checked) return checked.value;
    problems.push(`${attribute}=${shown(value)} ignored (${checked.reason}); default used`);
    return undefined;
  };
  const logoUrl = read('data-brand-logo', script.getAttribute('data-brand-logo'), checkLogo);
  const greeting = read('data-greeting', text('data-greeting'), (value) =>
    checkLocalized('greeting', value, locale),
  );
  const away = read('data-away', text('data-away'), (value) => checkLocalized('away', value, locale));
  const offer = readOffer(script, baseUrl, locale, text, problems);
  const rule = readProactiveRule(script, problems);
  return {
    options: {
      ...config,
      brand: { ...brand, logoUrl },
      target: undefined,
      // The panel knows the endpoint, which the files' base comes from (register-panel.ts).
      filesUrl: undefined,
      messages: undefined,
      greeting,
      away,
      storage: undefined,
      titleBadge: false,
      sound: false,
      offer,
      proactive: rule && [rule],
    },
    problems,
  };
}
