import { ChatError } from '@clavard/protocol';
import type { ResolvedMountOptions } from '../mount-options.js';
import {
  checkColor,
  checkConsent,
  checkLauncher,
  checkLocale,
  checkNamespace,
  isShortText,
  oneOf,
  type ResolvedLauncherOptions,
} from '../option-checks.js';
import { localizedAttribute, shown } from './localized-attribute.js';

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
 * The script tag's configuration as `clavard.js` reads it: the endpoint, the options the launcher and the
 * consent notice need, whether the tag carries a proactive message, and one line per attribute that was
 * wrong and replaced by its default. The panel reads the rest (see embed-panel-config.ts).
 *
 * @example
 * ```ts
 * const config = readEmbedConfig(script, document.baseURI, location.hostname);
 * if (config.endpoint) showLauncher(config.options);
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
  /** The launcher's options, checked, with `mount()`'s defaults for the missing and the refused. */
  options: ResolvedLauncherOptions;
  /** The tag has `data-proactive-text` or `data-proactive-after`: the panel, which checks them, runs the rule. */
  proactive: boolean;
  /** What was wrong, one line per attribute. */
  problems: string[];
}

/**
 * Runs one of mount()'s checks: what it returns, or undefined when it refuses (its ChatError's message
 * goes to `refused`).
 */
function attempt<T>(run: () => T, refused: (reason: string) => void): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!ChatError.isInstance(error)) throw error;
    refused(error.message);
    return undefined;
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

/** A page-relative URL resolved as the page would; left as written when it is not a URL (then refused). */
function absolute(value: string, baseUrl: string): string {
  try {
    return new URL(value, baseUrl).href;
  } catch {
    return value;
  }
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
 * `data-launcher-faces` flag. Each wrong one is dropped with a line in `problems`.
 */
function readLauncher(
  script: Element,
  baseUrl: string,
  locale: string,
  text: (name: string) => string | undefined,
  problems: string[],
): ResolvedMountOptions['launcher'] {
  const launcher: ResolvedMountOptions['launcher'] = { icon: 'chat' };
  const check = (name: string, value: string | null | undefined, option: object) =>
    value == null
      ? undefined
      : attempt(
          () => checkLauncher(option, locale),
          (reason) => problems.push(`data-launcher-${name}=${shown(value)} ignored (${reason})`),
        );
  const icon = script.getAttribute('data-launcher-icon');
  // A name, or an image URL page-relative as the page would take it.
  const url = icon === null || icon === 'chat' || icon === 'help' ? icon : absolute(icon, baseUrl);
  Object.assign(launcher, check('icon', icon, { icon: url }));
  const labelText = text('data-launcher-label');
  const label = check('label', labelText, { label: labelText })?.label;
  if (label !== undefined) launcher.label = label;
  if (readFlag(script, 'data-launcher-faces', problems)) launcher.faces = true;
  return launcher;
}

/**
 * Reads the `data-*` attributes the launcher and the files to load depend on: `data-url` (required),
 * `data-transport`, `data-brand-name`, `data-brand-color`, `data-locale`, `data-position`,
 * `data-namespace`, `data-theme`, `data-open`, consent (`data-consent-version` with `data-consent-policy`,
 * `data-consent-text`), the launcher (`data-launcher-icon`, `data-launcher-label`, `data-launcher-faces`:
 * see `readLauncher`), and whether the tag carries a proactive message. The texts (consent, launcher label)
 * may be given per language: `data-consent-text-fr` for French visitors, `data-consent-text-fr-ca` for
 * Quebec only, `data-consent-text` for everyone else. Each attribute is checked with the same rules as
 * `mount()`; a wrong one is dropped (its default is used) and described in `problems`. The other attributes
 * (logo, greeting, away, offer, the proactive rule) are read and checked by the panel when it loads
 * (`readPanelConfig`). Unknown `data-*` attributes are left alone: they may belong to another tool.
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
  /** The attribute's value checked by `run`; undefined when it is missing, or refused (then said). */
  const checked = <T>(attribute: string, run: (value: string) => T): T | undefined => {
    const value = read(attribute);
    return value === undefined
      ? undefined
      : attempt(
          () => run(value),
          (reason) => problems.push(`${attribute}=${shown(value)} ignored (${reason}); default used`),
        );
  };

  let name = read('data-brand-name')?.trim();
  if (!isShortText(name)) {
    problems.push(`data-brand-name is required (your organisation's name); ${shown(fallbackName)} used`);
    name = fallbackName;
  }
  const color = checked('data-brand-color', checkColor);
  // The visitor's language, as mount() takes it: a text the site gives per language is picked for it.
  const locale = checked('data-locale', checkLocale) ?? checkLocale(undefined);
  const position = checked('data-position', (value) =>
    oneOf({ position: value }, 'position', ['left', 'right'] as const, 'right'),
  );
  const namespace = checked('data-namespace', checkNamespace);
  const theme = checked('data-theme', (value) =>
    oneOf({ theme: value }, 'theme', ['light', 'dark', 'auto'] as const, 'auto'),
  );
  const text = (name: string): string | undefined => localizedAttribute(script, name, locale);
  let consent: ResolvedMountOptions['consent'];
  const version = read('data-consent-version');
  if (version !== undefined) {
    const policyUrl = read('data-consent-policy');
    const asked = {
      version,
      text: text('data-consent-text'),
      policyUrl: policyUrl === undefined ? undefined : absolute(policyUrl, baseUrl),
    };
    // Consent was asked for: never start without it, whatever the attribute's mistake.
    consent = attempt(
      () => checkConsent(asked, locale),
      (reason) => problems.push(`data-consent-* (${reason}); consent is asked with the default text`),
    ) ?? { version: version.trim() || '1' };
  }
  const options: ResolvedLauncherOptions = {
    brand: { name, logoUrl: undefined, color },
    locale,
    position: position ?? 'right',
    theme: theme ?? 'auto',
    namespace: namespace ?? 'default',
    open: readFlag(script, 'data-open', problems) ?? false,
    handoff: readFlag(script, 'data-handoff', problems) ?? true,
    consent,
    launcher: readLauncher(script, baseUrl, locale, text, problems),
  };
  const proactive = read('data-proactive-text') !== undefined || read('data-proactive-after') !== undefined;
  return { endpoint, guess, options, proactive, problems };
}
