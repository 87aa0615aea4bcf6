// The script tag's split, in one place: which later file hands itself over through which hook, what it
// receives from the file that loads it (its kit, by name), what it hands back, and which modules may be
// bundled in two files. scripts/build-embed.mjs builds the files from this module (PANEL_KIT, EXTRAS_KIT,
// the hooks, SHARED_COPIES) and fails when any other module lands in two of them.
//
//   clavard.js ── PanelKit, PanelRequest ──▶ clavard-panel.js (or .fr.js) ── StartPanel ──▶ WidgetHandle
//   clavard-panel.js ── ExtrasKit ──▶ clavard-extras.js ── ExtrasModule (the forms, the end survey)
//   (clavard.js loads the extras file, pinned by its hash, and hands its factory to the panel: LoadExtras)
//   clavard.js ── ConsentKit ──▶ clavard-consent.js ── ShowConsentNotice (the notice, before consent)
//   clavard-panel.js ── SseKit ──▶ clavard-sse.js ── SseModule (the SSE transport, when the tag chose it)
//   (clavard.js loads the SSE file, pinned by its hash, and hands its factory to the panel: LoadSse)
//   clavard-panel.js ── TabsKit ──▶ clavard-tabs.js ── TabsModule (the multi-tab code, once a second tab shows)
//   (clavard.js loads the tabs file, pinned by its hash, and hands its factory to the panel: LoadTabs)
import type { TabsModule } from '../headless/tab-types.js';
import type { ResolvedLauncherOptions } from '../option-checks.js';
import type { ExtrasModule } from '../ui/extras-source.js';
import type { WidgetHandle } from '../widget-handle.js';
import type { ConsentNotice, ConsentNoticeRequest } from './consent-notice.js';
import type { EmbedTransportKind } from './embed-config.js';

export type { TabsModule } from '../headless/tab-types.js';
export type { ExtrasModule } from '../ui/extras-source.js';

/**
 * The hook through which the panel file (`clavard-panel.js`) hands its {@link PanelFactory} to the
 * script-tag file: a non-enumerable, read-only property of `window.Clavard` under this symbol, so the split
 * adds no global. It takes one factory while the panel is awaited and ignores every other call. Not a
 * public API: it changes with the files it joins.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, PANEL_HOOK), window.Clavard, [factory]);
 * ```
 */
export const PANEL_HOOK: symbol = Symbol.for('clavard.panel');

/**
 * The hook through which the extras file (`clavard-extras.js`: the forms, the end survey) hands its
 * {@link ExtrasFactory} to the script-tag file, like {@link PANEL_HOOK}.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, EXTRAS_HOOK), window.Clavard, [factory]);
 * ```
 */
export const EXTRAS_HOOK: symbol = Symbol.for('clavard.extras');

/**
 * The hook through which the consent file (`clavard-consent.js`: the consent notice) hands its
 * {@link ConsentFactory} to the script-tag file, like {@link PANEL_HOOK}.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, CONSENT_HOOK), window.Clavard, [factory]);
 * ```
 */
export const CONSENT_HOOK: symbol = Symbol.for('clavard.consent');

/**
 * The hook through which the SSE file (`clavard-sse.js`: the SSE + HTTP POST transport) hands its
 * {@link SseFactory} to the script-tag file, like {@link PANEL_HOOK}.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, SSE_HOOK), window.Clavard, [factory]);
 * ```
 */
export const SSE_HOOK: symbol = Symbol.for('clavard.sse');

/**
 * The hook through which the tabs file (`clavard-tabs.js`: the multi-tab code) hands its
 * {@link TabsFactory} to the script-tag file, like {@link PANEL_HOOK}.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, TABS_HOOK), window.Clavard, [factory]);
 * ```
 */
export const TABS_HOOK: symbol = Symbol.for('clavard.tabs');

/**
 * Every module a kit may carry, by the path the build resolves (from this folder): add a module here to
 * list it in a kit; the names a kit lists are then checked against its exports.
 */
interface KitModules {
  '../../../protocol/src/errors.js': typeof import('../../../protocol/src/errors.js');
  '../../../protocol/src/internal/emitter.js': typeof import('../../../protocol/src/internal/emitter.js');
  '../ui-core/contrast.js': typeof import('../ui-core/contrast.js');
  '../ui-core/locale.js': typeof import('../ui-core/locale.js');
  '../ui-core/safe-url.js': typeof import('../ui-core/safe-url.js');
  '../ui/stylesheets.js': typeof import('../ui/stylesheets.js');
  '../ui/launcher-styles.js': typeof import('../ui/launcher-styles.js');
  '../ui/theme.js': typeof import('../ui/theme.js');
  '../ui/consent.js': typeof import('../ui/consent.js');
  '../ui/cleanup.js': typeof import('../ui/cleanup.js');
  '../ui/icon-paths.js': typeof import('../ui/icon-paths.js');
  '../localized-text.js': typeof import('../localized-text.js');
  '../option-checks.js': typeof import('../option-checks.js');
  './localized-attribute.js': typeof import('./localized-attribute.js');
  'preact/jsx-runtime': typeof import('preact/jsx-runtime');
  'preact/hooks': typeof import('preact/hooks');
  '../ui/context.js': typeof import('../ui/context.js');
  '../ui/use-listeners.js': typeof import('../ui/use-listeners.js');
  '../ui/Card.js': typeof import('../ui/Card.js');
  '../ui-core/agent-name.js': typeof import('../ui-core/agent-name.js');
  '../ui/author-name.js': typeof import('../ui/author-name.js');
  '@preact/signals-core': typeof import('@preact/signals-core');
  '../headless/storage.js': typeof import('../headless/storage.js');
  '../ui/Icon.js': typeof import('../ui/Icon.js');
  './launcher-label.js': typeof import('./launcher-label.js');
  '@clavard/protocol': typeof import('@clavard/protocol');
  '../../../adapters/src/net/close-error.js': typeof import('../../../adapters/src/net/close-error.js');
  '../../../adapters/src/net/link-transport.js': typeof import('../../../adapters/src/net/link-transport.js');
  '@clavard/protocol/internal': typeof import('@clavard/protocol/internal');
  nanoid: typeof import('nanoid');
  '../headless/client-defaults.js': typeof import('../headless/client-defaults.js');
  '../headless/conversation-model.js': typeof import('../headless/conversation-model.js');
  '../headless/message-text.js': typeof import('../headless/message-text.js');
  '../headless/handoff.js': typeof import('../headless/handoff.js');
  '../headless/timers.js': typeof import('../headless/timers.js');
  '../headless/attachments.js': typeof import('../headless/attachments.js');
  '../headless/files-source.js': typeof import('../headless/files-source.js');
  '../headless/persistence.js': typeof import('../headless/persistence.js');
  '../headless/file-bytes.js': typeof import('../headless/file-bytes.js');
}

/** A kit's contents: for each module, the exports the later file takes (checked against the module). */
type KitSpec = { readonly [Path in keyof KitModules]?: readonly (keyof KitModules[Path] & string)[] };

/** The names a spec lists for one of its modules. */
type NamesIn<Listed> = Listed extends readonly (infer Name extends string)[] ? Name : never;

/**
 * What a later file receives for a {@link KitSpec}, by name: each export under its own name and type.
 *
 * @example
 * ```ts
 * type ThemeKit = KitOf<{ '../ui/theme.js': ['themeCss'] }>; // { readonly themeCss: (colors: ThemeColors) => string }
 * ```
 */
export type KitOf<Spec extends KitSpec> = {
  readonly [Name in NamesIn<Spec[keyof Spec]>]: {
    [Path in keyof Spec & keyof KitModules]: Name extends NamesIn<Spec[Path]>
      ? KitModules[Path][Name & keyof KitModules[Path]]
      : never;
  }[keyof Spec & keyof KitModules];
};

/**
 * What the panel takes from `clavard.js` instead of bundling its own copy: the modules both files need.
 * The panel's imports of these modules read its kit; the names it imports must be listed (the build
 * fails otherwise: "No matching export").
 *
 * @example
 * ```ts
 * PANEL_KIT['../ui/theme.js']; // ['themeColors', 'themeCss']
 * ```
 */
export const PANEL_KIT = {
  '../../../protocol/src/errors.js': ['ChatError'],
  '../../../protocol/src/internal/emitter.js': ['createEmitter'],
  '../ui-core/contrast.js': ['contrastRatio', 'pickTextColor', 'toHex', 'parseColor'],
  '../ui-core/locale.js': ['canonicalLocale', 'isRtl'],
  '../ui-core/safe-url.js': ['IMAGE_PROTOCOLS', 'safeUrl'],
  '../ui/stylesheets.js': ['adoptStyles'],
  '../ui/launcher-styles.js': ['LAUNCHER_CSS'],
  '../ui/theme.js': ['themeColors', 'themeCss'],
  '../ui/consent.js': ['readConsent', 'newConsent', 'writeConsent'],
  '../ui/cleanup.js': ['createCleanup'],
  '../ui/icon-paths.js': ['CHAT_PATH', 'HELP_PATH'],
  '../localized-text.js': ['pickText'],
  '../option-checks.js': ['checkLocalized', 'checkLogo', 'checkTexts'],
  './localized-attribute.js': ['localizedAttribute', 'shown'],
} as const satisfies KitSpec;

/**
 * What the extras take from the panel: its Preact (one instance: the hooks' state lives in it), the
 * widget context, and the helpers both use.
 *
 * @example
 * ```ts
 * EXTRAS_KIT['preact/hooks']; // ['useEffect', 'useRef', 'useState']
 * ```
 */
export const EXTRAS_KIT = {
  'preact/jsx-runtime': ['Fragment', 'jsx', 'jsxs'],
  'preact/hooks': ['useEffect', 'useRef', 'useState'],
  '../ui/context.js': ['useWidget'],
  '../ui/use-listeners.js': ['useListeners'],
  '../ui/Card.js': ['Card'],
  '../ui-core/agent-name.js': ['agentDisplayName'],
  '../ui/author-name.js': ['authorName'],
  '@preact/signals-core': ['computed', 'effect', 'signal', 'untracked'],
  '../headless/storage.js': ['createLocalStorage', 'createMemoryStorage'],
  '../ui/Icon.js': ['Icon'],
  '../ui-core/safe-url.js': ['safeUrl'],
  '@clavard/protocol': ['ChatError', 'isServerErrorCode', 'MAX_TEXT_LENGTH'],
  // Where the file code reads and drops the bytes the panel kept.
  '../headless/file-bytes.js': ['getBytes', 'deleteBytes'],
} as const satisfies KitSpec;

/**
 * What the consent file takes from `clavard.js`: stylesheet adoption, the URL check, the French test.
 *
 * @example
 * ```ts
 * CONSENT_KIT['../ui/stylesheets.js']; // ['adoptStyles']
 * ```
 */
export const CONSENT_KIT = {
  '../ui/stylesheets.js': ['adoptStyles'],
  '../ui-core/safe-url.js': ['safeUrl'],
  './launcher-label.js': ['isFrench'],
} as const satisfies KitSpec;

/**
 * What the SSE file takes from the panel: the parts of the transports it shares with the WebSocket one.
 *
 * @example
 * ```ts
 * SSE_KIT['../../../adapters/src/net/link-transport.js']; // ['createLinkTransport']
 * ```
 */
export const SSE_KIT = {
  '@clavard/protocol': ['MAX_FRAME_BYTES'],
  '../../../adapters/src/net/close-error.js': ['closeError', 'httpError', 'lostError'],
  '../../../adapters/src/net/link-transport.js': ['createLinkTransport'],
} as const satisfies KitSpec;

/**
 * What the tabs file takes from the panel: its signals (one instance: the tabbed client's signals are
 * read by the panel's UI), the protocol's checks, and the client's helpers the tab code shares.
 *
 * @example
 * ```ts
 * TABS_KIT['@preact/signals-core']; // ['batch', 'computed', 'effect', 'signal']
 * ```
 */
export const TABS_KIT = {
  '@clavard/protocol': ['ChatError', 'CLIENT_ERROR_CODES', 'SERVER_ERROR_CODES', 'parseServerFrame'],
  '@clavard/protocol/internal': [
    'arrayOf',
    'createEmitter',
    'isBoolean',
    'isFiniteNumber',
    'isRecord',
    'isShape',
    'isSeq',
    'isString',
    'isStringRecord',
    'oneOfValues',
    'optional',
  ],
  '@preact/signals-core': ['batch', 'computed', 'effect', 'signal'],
  nanoid: ['nanoid'],
  // A follower tab's files (src/headless/tab-files.ts): the panel's code, which loads the file code.
  '../headless/attachments.js': ['createAttachments'],
  '../headless/files-source.js': ['importFiles'],
  '../headless/persistence.js': ['readSavedState'],
  '../headless/storage.js': ['createLocalStorage'],
  '../headless/client-defaults.js': ['CLIENT_DEFAULTS'],
  '../headless/conversation-model.js': ['toPending'],
  '../headless/message-text.js': ['checkIdentityToken', 'requireConversation', 'textError'],
  '../headless/handoff.js': ['isHandoffToken'],
  '../headless/timers.js': ['createTimerSlot'],
} as const satisfies KitSpec;

/**
 * The modules that may be bundled in two of the files a page loads, by their path from the repository's
 * root (as the build error names them), each with the reason. Any other module found in two of them fails
 * the build (the two panels, one per language, count as one file: a page loads one), and so does an entry
 * for a module that is in one file only. Empty: every module is in one file.
 *
 * @example
 * ```ts
 * const allowed = { 'packages/widget/src/ui-core/locale.ts': 'why a copy is better than a kit entry' };
 * ```
 */
export const SHARED_COPIES: Readonly<Record<string, string>> = {};

declare const packed: unique symbol;

/**
 * A kit as it travels between two files: the build lays its exports out by their place in the spec
 * (names mangled: scripts/embed-split.mjs), so only the code the build generates reads it; this module
 * says what it holds, by name.
 *
 * @example
 * ```ts
 * factory(kit satisfies Packed<PanelKit>, deliver);
 * ```
 */
export type Packed<Kit> = { readonly [packed]: Kit };

/**
 * What `clavard.js` hands the panel, by name.
 *
 * @example
 * ```ts
 * type Consent = PanelKit['readConsent']; // typeof readConsent of ui/consent.ts
 * ```
 */
export type PanelKit = KitOf<typeof PANEL_KIT>;

/**
 * What the panel hands the extras, by name.
 *
 * @example
 * ```ts
 * type UseState = ExtrasKit['useState']; // Preact's, the panel's instance
 * ```
 */
export type ExtrasKit = KitOf<typeof EXTRAS_KIT>;

/**
 * What `clavard.js` hands the consent file, by name.
 *
 * @example
 * ```ts
 * type Adopt = ConsentKit['adoptStyles'];
 * ```
 */
export type ConsentKit = KitOf<typeof CONSENT_KIT>;

/**
 * What the consent file hands back: shows the notice for a request and returns it.
 *
 * @example
 * ```ts
 * const notice = show({ root, button, consent, locale, onAgree, onClose });
 * ```
 */
export type ShowConsentNotice = (request: ConsentNoticeRequest) => ConsentNotice;

/**
 * The consent file's body: given its {@link ConsentKit}, delivers its {@link ShowConsentNotice}.
 *
 * @example
 * ```ts
 * factory(kit, (show) => launcher.askConsent(show, consent, agree));
 * ```
 */
export type ConsentFactory = Factory<Packed<ConsentKit>, ShowConsentNotice>;

/**
 * What the panel hands the SSE file, by name.
 *
 * @example
 * ```ts
 * type Link = SseKit['createLinkTransport'];
 * ```
 */
export type SseKit = KitOf<typeof SSE_KIT>;

/**
 * What the SSE file hands back: the SSE transport's factory.
 *
 * @example
 * ```ts
 * const transport = sse.createSseTransport({ url: 'https://chat.example/clavard' });
 * ```
 */
export interface SseModule {
  createSseTransport: typeof import('@clavard/adapters/sse').createSseTransport;
}

/**
 * The SSE file's body: given its {@link SseKit}, delivers the {@link SseModule}.
 *
 * @example
 * ```ts
 * factory(kit, (sse) => sse.createSseTransport({ url }));
 * ```
 */
export type SseFactory = Factory<Packed<SseKit>, SseModule>;

/**
 * How the panel gets the SSE transport: `clavard.js` loads `clavard-sse.js` (with its integrity hash and
 * Trusted Types policy) and hands over the file's {@link SseFactory}, which the panel runs with its
 * {@link SseKit}. Rejects with a `ChatError('unavailable')` when the file cannot be loaded; the next call
 * tries again.
 *
 * @example
 * ```ts
 * const factory = await request.loadSse();
 * ```
 */
export type LoadSse = () => Promise<SseFactory>;

/**
 * What the panel hands the tabs file, by name.
 *
 * @example
 * ```ts
 * type Signal = TabsKit['signal']; // the panel's signals
 * ```
 */
export type TabsKit = KitOf<typeof TABS_KIT>;

/**
 * The tabs file's body: given its {@link TabsKit}, delivers the {@link TabsModule}.
 *
 * @example
 * ```ts
 * factory(kit, (tabs) => tabs.createTabbedClient(options, resolved, createClientCore, start));
 * ```
 */
export type TabsFactory = Factory<Packed<TabsKit>, TabsModule>;

/**
 * How the panel gets the multi-tab code: `clavard.js` loads `clavard-tabs.js` (with its integrity hash
 * and Trusted Types policy) and hands over the file's {@link TabsFactory}, which the panel runs with its
 * {@link TabsKit}. Rejects with a `ChatError('unavailable')` when the file cannot be loaded; the next call
 * tries again.
 *
 * @example
 * ```ts
 * const factory = await request.loadTabs();
 * ```
 */
export type LoadTabs = () => Promise<TabsFactory>;

/**
 * How the panel gets the extras: `clavard.js` loads `clavard-extras.js` (with its integrity hash and
 * Trusted Types policy) and hands over the file's {@link ExtrasFactory}, which the panel runs with its
 * {@link ExtrasKit}. Rejects with a `ChatError('unavailable')` when the file cannot be loaded; the next call
 * tries again.
 *
 * @example
 * ```ts
 * const factory = await request.loadExtras();
 * ```
 */
export type LoadExtras = () => Promise<ExtrasFactory>;

/**
 * What `clavard.js` asks of the panel: the host element whose shadow root holds the plain launcher, the
 * options it read and checked, the script tag (for the others), the endpoint, the way to the extras, and
 * where to report the attributes the panel refuses.
 *
 * @example
 * ```ts
 * const request: PanelRequest = { host, config, script, endpoint: { kind: 'websocket', url: 'wss://chat.example/ws' }, loadExtras, loadSse, loadTabs, report };
 * ```
 */
export interface PanelRequest {
  /** The `<clavard-widget>` element; the panel renders into its shadow root. */
  host: HTMLElement;
  /** The options `clavard.js` read and checked (the launcher's); the panel reads the others from `script`. */
  config: ResolvedLauncherOptions;
  /** The script tag, whose other attributes the panel reads (`readPanelConfig`). */
  script: Element;
  /** Where to connect and with which transport. */
  endpoint: { kind: EmbedTransportKind; url: string };
  /** Loads the extras file (the forms and the end survey) when the panel first needs it. */
  loadExtras: LoadExtras;
  /** Loads the SSE file (the SSE transport) when the panel first connects over SSE. */
  loadSse: LoadSse;
  /** Loads the tabs file (the multi-tab code) once a second tab of the site appears. */
  loadTabs: LoadTabs;
  /** Reports what was wrong in the attributes the panel reads, one line each, as one `ChatError`. */
  report(problems: string[]): void;
}

/**
 * What the panel hands back: mounts the widget for a {@link PanelRequest} and returns its handle. Throws
 * `ChatError` like `mount()`.
 *
 * @example
 * ```ts
 * const handle = startPanel(request);
 * ```
 */
export type StartPanel = (request: PanelRequest) => WidgetHandle;

/**
 * A later file's body, as the build wraps it: given its kit, it runs its modules and delivers what it
 * makes, once.
 *
 * @example
 * ```ts
 * factory(kit, (delivered) => use(delivered));
 * ```
 */
export type Factory<Kit, Delivered> = (kit: Kit, deliver: (delivered: Delivered) => void) => void;

/**
 * The panel file's body: given its {@link PanelKit}, delivers its {@link StartPanel}.
 *
 * @example
 * ```ts
 * factory(kit, (start) => start(request));
 * ```
 */
export type PanelFactory = Factory<Packed<PanelKit>, StartPanel>;

/**
 * The extras file's body: given its {@link ExtrasKit}, delivers the {@link ExtrasModule}.
 *
 * @example
 * ```ts
 * factory(kit, (extras) => render(extras.FormCard));
 * ```
 */
export type ExtrasFactory = Factory<Packed<ExtrasKit>, ExtrasModule>;
