import { ChatError, type Transport } from '@clavard/protocol';
import {
  type ConsentOptions,
  type LauncherOptions,
  type MountOptions,
  type OfferOptions,
  type ResolvedMountOptions,
  resolveMountOptions,
} from '../mount-options.js';
import { localizedAttribute } from './localized-attribute.js';
import { readProactiveRule } from './proactive-attributes.js';

/**
 * Which transport the script tag uses: `data-transport`, else the scheme of `data-url` (`ws:`/`wss:` →
 * WebSocket, `http:`/`https:` → SSE + POST).
 *
 * @example
 * ```ts
 * const kind: EmbedTransportKind = 'websocket';
 * ```
 */
export type EmbedTransportKind = 'websocket' | 'sse';

/**
 * The script tag's configuration once read: the endpoint, the options of `mount()` except the transport,
 * and one line per attribute that was wrong and replaced by its default.
 *
 * @example
 * ```ts
 * const config = readEmbedConfig(script, document.baseURI, location.hostname);
 * if (config.endpoint) mount({ ...config.options, transport: makeTransport(config.endpoint) });
 * ```
 */
export interface EmbedConfig {
  /** Where to connect; missing when `data-url` is missing or unusable (the widget cannot start). */
  endpoint: { kind: EmbedTransportKind; url: string } | undefined;
  /**
   * The console line saying which transport and URL were chosen, when the URL is not `data-url` exactly as
   * written (a path, a scheme `data-transport` changed, a URL the browser normalised):
   * `clavard: websocket ws://shop.example/ws (from data-url "/ws")`.
   */
  guess: string | undefined;
  /** Options for `mount()` without `transport`/`url`, each one valid. */
  options: Omit<MountOptions, 'transport' | 'url'>;
  /** What was wrong, one line per attribute. */
  problems: string[];
}

/** A transport-shaped object that only lets `resolveMountOptions` check the other options. */
const PROBE: Transport = {
  status: 'idle',
  connect: () => undefined,
  send: () => undefined,
  close: () => undefined,
  on: () => () => undefined,
};

const shown = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Checks one option with mount's own rules; returns the reason it is refused, or undefined. */
function refusal(options: Omit<MountOptions, 'transport' | 'url'>): string | undefined {
  try {
    resolveMountOptions({ ...options, transport: PROBE });
    return undefined;
  } catch (error) {
    if (ChatError.isInstance(error)) return error.message;
    throw error;
  }
}

function readEndpoint(
  script: Element,
  baseUrl: string,
  problems: string[],
): Pick<EmbedConfig, 'endpoint' | 'guess'> | undefined {
  const kindAttribute = script.getAttribute('data-transport');
  let kind: EmbedTransportKind | undefined;
  if (kindAttribute === 'websocket' || kindAttribute === 'sse') kind = kindAttribute;
  else if (kindAttribute !== null) {
    problems.push(
      `data-transport=${shown(kindAttribute)} must be "websocket" or "sse"; chosen from data-url`,
    );
  }
  const raw = script.getAttribute('data-url');
  if (raw === null || raw.trim() === '') {
    problems.push('data-url is required (the chat server, e.g. "wss://chat.example/clavard/ws")');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw, baseUrl);
  } catch {
    problems.push(`data-url=${shown(raw)} is not a URL`);
    return undefined;
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    problems.push(`data-url=${shown(raw)} must be a ws:, wss:, http: or https: URL`);
    return undefined;
  }
  kind ??= url.protocol === 'ws:' || url.protocol === 'wss:' ? 'websocket' : 'sse';
  // A same-origin path ("/clavard/ws") is resolved against the page, then given the transport's scheme.
  if (kind === 'websocket') url.protocol = secure ? 'wss:' : 'ws:';
  else url.protocol = secure ? 'https:' : 'http:';
  const { href } = url;
  return {
    endpoint: { kind, url: href },
    // Said once in the console, so that a site owner whose guess was wrong sees why.
    guess: href === raw ? undefined : `clavard: ${kind} ${href} (from data-url ${shown(raw)})`,
  };
}

function readFlag(script: Element, name: string, problems: string[]): boolean | undefined {
  const value = script.getAttribute(name);
  if (value === null) return undefined;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  problems.push(`${name}=${shown(value)} must be "true" or "false"; default used`);
  return undefined;
}

/**
 * The launcher's `data-launcher-icon` (`chat`, `help` or an image URL, page-relative resolved) and
 * `data-launcher-label` (per language as other texts: `data-launcher-label-fr`…, read by `text`) and the
 * `data-launcher-faces` flag. Each
 * wrong one is dropped with a line in `problems`.
 */
function readLauncher(
  script: Element,
  baseUrl: string,
  text: (name: string) => string | undefined,
  problems: string[],
): LauncherOptions | undefined {
  const icon = script.getAttribute('data-launcher-icon') ?? undefined;
  const label = text('data-launcher-label');
  const valid = (name: string, value: string, option: LauncherOptions): boolean => {
    const reason = refusal({ brand: { name: 'x' }, launcher: option });
    if (reason !== undefined) problems.push(`data-launcher-${name}=${shown(value)} ignored (${reason})`);
    return reason === undefined;
  };
  const launcher: LauncherOptions = {};
  if (icon !== undefined) {
    let url = icon;
    try {
      if (icon !== 'chat' && icon !== 'help') url = new URL(icon, baseUrl).href; // page-relative, as the page would
    } catch {}
    if (valid('icon', icon, { icon: url })) launcher.icon = url;
  }
  if (label !== undefined && valid('label', label, { label })) launcher.label = label;
  if (readFlag(script, 'data-launcher-faces', problems)) launcher.faces = true;
  return Object.keys(launcher).length > 0 ? launcher : undefined;
}

/**
 * The end-of-conversation offer: `data-offer-title` + `data-offer-url` (with `data-offer-description`,
 * `data-offer-image`), page-relative URLs resolved as the page would; refused as a whole, with its
 * reason in `problems`, when `mount()` would refuse it.
 */
function readOffer(
  script: Element,
  baseUrl: string,
  text: (name: string) => string | undefined,
  problems: string[],
): OfferOptions | undefined {
  const title = text('data-offer-title');
  const url = script.getAttribute('data-offer-url') ?? undefined;
  if (title === undefined && url === undefined) return undefined;
  const absolute = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    try {
      return new URL(value, baseUrl).href;
    } catch {
      return value;
    }
  };
  const offer: Record<string, string | undefined> = { title, url: absolute(url) };
  const description = text('data-offer-description');
  const imageUrl = absolute(script.getAttribute('data-offer-image') ?? undefined);
  if (description !== undefined) offer.description = description;
  if (imageUrl !== undefined) offer.imageUrl = imageUrl;
  const checked = offer as unknown as OfferOptions;
  const reason = refusal({ brand: { name: 'x' }, offer: checked });
  if (reason === undefined) return checked;
  problems.push(`data-offer-* ignored (${reason}); no offer shown`);
  return undefined;
}

/**
 * Reads the `data-*` attributes of the script tag: `data-url` (required), `data-transport`,
 * `data-brand-name`, `data-brand-color`, `data-brand-logo`, `data-locale`, `data-position`,
 * `data-greeting`, `data-namespace`, `data-theme`, `data-open`, and the end-of-conversation offer
 * `data-offer-title` + `data-offer-url` (with `data-offer-description`, `data-offer-image`), and consent:
 * `data-consent-version` (with `data-consent-policy`, `data-consent-text`), `data-away` (what the
 * conversation says while nobody is available), and one proactive message (`data-proactive-*`: see
 * {@link readProactiveRule}). The texts (greeting, away, offer, consent, launcher label)
 * may be given per language: `data-greeting-fr` for French visitors, `data-greeting-fr-ca` for Quebec
 * only, `data-greeting` for everyone else. Each attribute is checked with the same
 * rules as `mount()`; a wrong one is dropped (its default is used) and described in `problems`. Unknown
 * `data-*` attributes are left alone: they may belong to another tool.
 * The launcher's `data-launcher-icon` and `data-launcher-label`: see `readLauncher`.
 *
 * @example
 * ```ts
 * const { endpoint, options, problems } = readEmbedConfig(document.currentScript, document.baseURI, 'shop.example');
 * ```
 */
export function readEmbedConfig(script: Element, baseUrl: string, fallbackName: string): EmbedConfig {
  const problems: string[] = [];
  const { endpoint, guess } = readEndpoint(script, baseUrl, problems) ?? {};
  const read = (name: string): string | undefined => script.getAttribute(name) ?? undefined;

  let name = read('data-brand-name')?.trim();
  if (name === undefined || name === '' || refusal({ brand: { name } }) !== undefined) {
    problems.push(`data-brand-name is required (your organisation's name); ${shown(fallbackName)} used`);
    name = fallbackName;
  }
  const brand: MountOptions['brand'] = { name };
  const options: Omit<MountOptions, 'transport' | 'url'> = { brand };

  const checked: Array<
    [attribute: string, apply: (value: string) => Omit<MountOptions, 'transport' | 'url'>]
  > = [
    ['data-brand-color', (color) => ({ brand: { name, color } })],
    ['data-brand-logo', (logoUrl) => ({ brand: { name, logoUrl } })],
    ['data-locale', (locale) => ({ brand, locale })],
    ['data-position', (position) => ({ brand, position: position as 'left' | 'right' })],
    ['data-namespace', (namespace) => ({ brand, namespace })],
    ['data-theme', (theme) => ({ brand, theme: theme as 'light' | 'dark' | 'auto' })],
  ];
  for (const [attribute, apply] of checked) {
    const value = read(attribute);
    if (value === undefined) continue;
    const probe = apply(value);
    const reason = refusal(probe);
    if (reason !== undefined) {
      problems.push(`${attribute}=${shown(value)} ignored (${reason}); default used`);
      continue;
    }
    const { brand: probeBrand, ...rest } = probe;
    Object.assign(brand, probeBrand);
    Object.assign(options, rest);
  }
  // The visitor's language, as mount() will take it: a text the site gives per language is picked for it.
  const locale = options.locale ?? script.ownerDocument.defaultView?.navigator.language ?? 'en';
  const text = (name: string): string | undefined => localizedAttribute(script, name, locale);
  for (const key of ['greeting', 'away'] as const) {
    const value = text(`data-${key}`);
    if (value === undefined) continue;
    const reason = refusal({ brand, [key]: value });
    if (reason === undefined) options[key] = value;
    else problems.push(`data-${key}=${shown(value)} ignored (${reason}); default used`);
  }
  const offer = readOffer(script, baseUrl, text, problems);
  if (offer) options.offer = offer;
  const consentVersion = read('data-consent-version');
  if (consentVersion !== undefined) {
    const consent: ConsentOptions = { version: consentVersion };
    const policyUrl = read('data-consent-policy');
    const consentText = text('data-consent-text');
    if (policyUrl !== undefined) consent.policyUrl = new URL(policyUrl, baseUrl).href;
    if (consentText !== undefined) consent.text = consentText;
    const reason = refusal({ brand, consent });
    if (reason === undefined) options.consent = consent;
    // Consent was asked for: never start without it, whatever the attribute's mistake.
    else {
      problems.push(`data-consent-* (${reason}); consent is asked with the default text`);
      options.consent = { version: consentVersion.trim() || '1' };
    }
  }
  const launcher = readLauncher(script, baseUrl, text, problems);
  if (launcher) options.launcher = launcher;
  const open = readFlag(script, 'data-open', problems);
  if (open !== undefined) options.open = open;
  const proactive = readProactiveRule(script, problems);
  if (proactive) options.proactive = [proactive];
  return { endpoint, guess, options, problems };
}

/**
 * The options read by {@link readEmbedConfig} with `mount()`'s defaults applied (brand colour as
 * `#rrggbb`, locale canonical), for the launcher and the panel. Throws `ChatError('invalid-option')` only
 * if the options together are refused (each one alone was checked).
 *
 * @example
 * ```ts
 * const config = resolveEmbedOptions(readEmbedConfig(script, document.baseURI, 'shop').options);
 * ```
 */
export function resolveEmbedOptions(
  options: Omit<MountOptions, 'transport' | 'url'>,
): Omit<ResolvedMountOptions, 'transport' | 'url'> {
  const {
    transport: _transport,
    url: _url,
    ...resolved
  } = resolveMountOptions({ ...options, transport: PROBE });
  return resolved;
}
