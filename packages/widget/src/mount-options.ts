import type { Transport } from '@clavard/protocol';
import { resolveFilesUrl } from './files-url.js';
import type { ChatStorage } from './headless/index.js';
import type { LauncherOptions } from './launcher-options.js';
import type { LocalizedText } from './localized-text.js';
import { checkOffer } from './offer-option.js';
import {
  checkLocalized,
  invalid,
  isObject,
  isShortText,
  optionalBoolean,
  own,
  resolveLauncherOptions,
} from './option-checks.js';
import type { ProactiveRule } from './proactive-options.js';
import type { MessageOverrides } from './ui-core/messages.js';

export type { LauncherOptions } from './launcher-options.js';
export type { LocalizedText } from './localized-text.js';
export type { ProactiveRule, ResolvedProactiveRule } from './proactive-options.js';

/**
 * The organisation the visitor talks to: its name, logo and colour. Every string is shown as text.
 *
 * @example
 * ```ts
 * const brand: BrandOptions = { name: 'Fibre Nord', logoUrl: 'https://fibre.example/logo.svg', color: '#0055aa' };
 * ```
 */
export interface BrandOptions {
  /** The organisation's name, in the header and the panel's accessible name. */
  name: string;
  /** An https or http URL of a small square logo. */
  logoUrl?: string;
  /**
   * The brand colour (`#rgb`, `#rrggbb`, `rgb(r g b)`): launcher, header, the visitor's bubbles. Darkened
   * or lightened as little as needed for AA contrast; the text on it is picked for AA.
   * @default '#0b57d0'
   */
  color?: string;
}

/**
 * Options of {@link mount}. Exactly one of `transport` and `url`.
 *
 * @example
 * ```ts
 * mount({ url: 'wss://chat.example/ws', brand: { name: 'Fibre Nord' }, locale: 'fr-CA' });
 * ```
 */
export interface MountOptions {
  /** The pipe to the server, e.g. `server.createTransport()` of a memory server in tests. */
  transport?: Transport;
  /** A `ws:`/`wss:` URL: a WebSocket transport is made for it. */
  url?: string;
  /**
   * The server's HTTP base for attachments (`false`: the visitor sends no files). Files are offered when
   * the server's welcome offers them.
   * @default the base of `url` (`wss://chat.example/clavard/ws` → `https://chat.example/clavard`); none with `transport`
   */
  filesUrl?: string | false;
  /** Where the widget's host element is appended. @default document.body */
  target?: Element;
  brand: BrandOptions;
  /** The visitor's language (BCP 47). @default navigator.language, else 'en' */
  locale?: string;
  /** Texts that override or add to the built-in catalogue of the locale. */
  messages?: MessageOverrides;
  /** Which bottom corner the launcher sits in. @default 'right' */
  position?: 'left' | 'right';
  /** The organisation's greeting, one text or one per locale (`{ en: 'Hi!', 'fr-CA': 'Bonjour!' }`). @default the catalogue's */
  greeting?: LocalizedText;
  /** What the conversation says while nobody is available, one text or one per locale. @default the catalogue's `offline.intro` */
  away?: LocalizedText;
  /** Light, dark, or the visitor's system preference. @default 'auto' */
  theme?: 'light' | 'dark' | 'auto';
  /** Separates the stored state of two widgets on one page. @default 'default' */
  namespace?: string;
  /** Where resume state is kept; `false` keeps it in memory. @default localStorage */
  storage?: ChatStorage | false;
  /** Show the unread count in `document.title` while the tab is hidden. @default false */
  titleBadge?: boolean;
  /** A short chime when an agent writes while the panel is closed or the tab hidden. @default false */
  sound?: boolean;
  /** Open the panel at once. @default false */
  open?: boolean;
  /**
   * Continue a handoff: when the page's address carries `?clavard=h_…` (a link a community manager made
   * from a public post), the panel opens and the conversation goes on from the case it carries; the
   * parameter then leaves the address. `false` leaves such links alone. @default true
   */
  handoff?: boolean;
  /**
   * A product or service offered at the end of a conversation, shown after the visitor's feedback (never
   * before), as a card that opens `url` (http, https, mailto or tel) in a new tab.
   * @example
   * ```ts
   * mount({ url, brand, offer: { title: 'Fibre 1 Gbit', url: 'https://shop.example/fibre', description: 'Twice the speed for $10 more' } });
   * ```
   */
  offer?: OfferOptions;
  /**
   * Ask for the visitor's consent before anything else: until they agree, the widget shows only the
   * launcher and, when opened, a short notice with the policy link; it opens no connection and writes no
   * storage. The consent (time, `version`, `policyUrl`) goes with the first message. A new `version`
   * asks again.
   * @example
   * ```ts
   * mount({ url, brand, consent: { version: '2026-11', policyUrl: 'https://shop.example/privacy' } });
   * ```
   */
  consent?: ConsentOptions;
  /**
   * The launcher's icon and an optional text beside it (the launcher then becomes a pill).
   * @example
   * ```ts
   * mount({ url, brand, launcher: { icon: 'help', label: { en: 'Questions? Chat with us', fr: 'Des questions? Écrivez-nous' } } });
   * ```
   */
  launcher?: LauncherOptions;
  /**
   * Proactive messages: a small bubble by the launcher after some seconds on matching pages, at most once
   * per visitor per rule per day, never while the panel is open, only while an agent is online unless the
   * rule says `whenOffline`. See {@link ProactiveRule}.
   * @example
   * ```ts
   * mount({ url, brand, proactive: [{ id: 'plans', text: 'Questions about our plans? Julie is online', afterSeconds: 30, path: '/plans/*' }] });
   * ```
   */
  proactive?: readonly ProactiveRule[];
}

/** The consent notice of {@link MountOptions.consent}. */
export interface ConsentOptions {
  /** The version of the text the visitor agrees to. */
  version: string;
  /** The organisation's privacy policy. */
  policyUrl?: string;
  /** The notice, one text or one per locale. @default the catalogue's `consent.text` */
  text?: LocalizedText;
}

/** The end-of-conversation offer of {@link MountOptions.offer}. */
export interface OfferOptions {
  /** One text or one per locale, as `description`. */
  title: LocalizedText;
  url: string;
  description?: LocalizedText;
  imageUrl?: string;
}

/** {@link MountOptions} after validation, with defaults applied. */
export interface ResolvedMountOptions {
  transport: Transport | undefined;
  url: string | undefined;
  /** Resolved: given, or derived from `url`; undefined for none. */
  filesUrl: string | undefined;
  target: Element | undefined;
  /** `color` normalised to `#rrggbb`. */
  brand: { name: string; logoUrl: string | undefined; color: string | undefined };
  locale: string;
  messages: MessageOverrides | undefined;
  position: 'left' | 'right';
  greeting: string | undefined;
  away: string | undefined;
  theme: 'light' | 'dark' | 'auto';
  namespace: string;
  storage: ChatStorage | false | undefined;
  titleBadge: boolean;
  sound: boolean;
  open: boolean;
  /** Open a handoff link's case (see `MountOptions.handoff`). */
  handoff: boolean;
  /** Its texts in the visitor's locale. */
  offer: { kind: 'link'; title: string; url: string; description?: string; imageUrl?: string } | undefined;
  consent: { version: string; policyUrl?: string; text?: string } | undefined;
  /** `icon` is drawn when there is no `imageUrl` or it fails to load; `label` is in the visitor's locale. */
  launcher: { icon: 'chat' | 'help'; imageUrl?: string; label?: string; faces?: true };
  /**
   * As given: `mount()` checks them (`checkProactive`), as it checks the texts of `messages`, so that the
   * script-tag file, which validates options too, does not carry that check.
   */
  proactive: readonly ProactiveRule[] | undefined;
}

const KEYS = new Set([
  'transport',
  'url',
  'filesUrl',
  'target',
  'brand',
  'locale',
  'messages',
  'position',
  'greeting',
  'away',
  'theme',
  'namespace',
  'storage',
  'titleBadge',
  'sound',
  'open',
  'handoff',
  'offer',
  'consent',
  'launcher',
  'proactive',
]);

function checkTransport(value: unknown): Transport | undefined {
  if (value === undefined) return undefined;
  const methods = ['connect', 'send', 'close', 'on'];
  if (!isObject(value) || !methods.every((name) => typeof Reflect.get(value, name) === 'function')) {
    throw invalid('transport', 'must be a Transport (connect, send, close, on)', value);
  }
  return value as Transport;
}

function checkUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isShortText(value)) throw invalid('url', 'must be a ws: or wss: URL', value);
  let parsed: URL;
  try {
    parsed = new URL(value, typeof location === 'undefined' ? undefined : location.href);
  } catch (cause) {
    throw invalid('url', 'must be a ws: or wss: URL', cause);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    throw invalid('url', 'must be a ws: or wss: URL');
  return parsed.href;
}

function checkStorage(value: unknown): ChatStorage | false | undefined {
  if (value === undefined || value === false) return value;
  const methods = ['get', 'set', 'remove'];
  if (!isObject(value) || !methods.every((name) => typeof Reflect.get(value, name) === 'function')) {
    throw invalid('storage', 'must be false or a ChatStorage (get, set, remove)', value);
  }
  return value as ChatStorage;
}

/**
 * Validates what was passed to {@link mount}. A wrong option throws `ChatError('invalid-option')` whose
 * message names it; unknown option names are refused too (they are typos).
 *
 * @example
 * ```ts
 * resolveMountOptions({ url: 'wss://chat.example/ws', brand: { name: 'Fibre Nord' } });
 * ```
 */
export function resolveMountOptions(options: MountOptions): ResolvedMountOptions {
  if (!isObject(options)) throw invalid('options', 'must be an object', options);
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw invalid(key, 'is not an option of mount()');
  }
  const transport = checkTransport(own(options, 'transport'));
  const url = checkUrl(own(options, 'url'));
  if ((transport === undefined) === (url === undefined)) {
    throw invalid('transport', 'or "url": give exactly one of them');
  }
  const target = own(options, 'target');
  if (target !== undefined && !(isObject(target) && Reflect.get(target, 'nodeType') === 1)) {
    throw invalid('target', 'must be a DOM element', target);
  }
  const messages = own(options, 'messages');
  if (messages !== undefined && !isObject(messages)) throw invalid('messages', 'must be an object', messages);
  const launcherOptions = resolveLauncherOptions(options);
  const { locale } = launcherOptions;
  return {
    ...launcherOptions,
    transport,
    url,
    filesUrl: resolveFilesUrl(own(options, 'filesUrl'), url),
    target: target as Element | undefined,
    messages: messages as MessageOverrides | undefined,
    greeting: checkLocalized('greeting', own(options, 'greeting'), locale),
    away: checkLocalized('away', own(options, 'away'), locale),
    storage: checkStorage(own(options, 'storage')),
    titleBadge: optionalBoolean(options, 'titleBadge'),
    sound: optionalBoolean(options, 'sound'),
    offer: checkOffer(own(options, 'offer'), locale),
    proactive: own(options, 'proactive') as readonly ProactiveRule[] | undefined,
  };
}
