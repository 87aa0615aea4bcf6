import type { ResolvedMountOptions } from '../mount-options.js';
import type { WidgetHandle } from '../widget-handle.js';
import type { EmbedTransportKind } from './embed-config.js';
import type { LoadExtras } from './extras-hook.js';

/**
 * The internal hook through which the panel file (`clavard-panel.js`) hands itself to the script-tag
 * file: a non-enumerable, read-only property of `window.Clavard` under `Symbol.for('clavard.panel')`, so
 * the split adds no global. It accepts one {@link PanelFactory} while the script-tag file is loading the
 * panel, and ignores every other call. Not a public API: it changes with the files it joins.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, PANEL_HOOK), window.Clavard, [factory]);
 * ```
 */
export const PANEL_HOOK: symbol = Symbol.for('clavard.panel');

/**
 * What the script-tag file gives the panel: the host element whose shadow root holds the plain launcher,
 * the options it read and checked, and the endpoint to connect to.
 *
 * @example
 * ```ts
 * const request: PanelRequest = { host, config, endpoint: { kind: 'websocket', url: 'wss://chat.example/ws' }, loadExtras };
 * ```
 */
export interface PanelRequest {
  /** The `<clavard-widget>` element; the panel renders into its shadow root. */
  host: HTMLElement;
  /** The options of `mount()`, already validated, without the transport. */
  config: Omit<ResolvedMountOptions, 'transport' | 'url'>;
  /** Where to connect and with which transport. */
  endpoint: { kind: EmbedTransportKind; url: string };
  /** Loads the extras file (the forms and the end survey) when the panel first needs it. */
  loadExtras: LoadExtras;
}

/**
 * The panel's side of the handover: mounts the widget for a {@link PanelRequest} and returns its handle.
 * Throws `ChatError` like `mount()`.
 *
 * @example
 * ```ts
 * const handle = startPanel(request);
 * ```
 */
export type StartPanel = (request: PanelRequest) => WidgetHandle;

/**
 * The panel file's body, as a function (scripts/build-embed.mjs wraps the bundle so): given the modules
 * the script-tag file shares with it (`clavard:panel-kit`), it runs the panel's modules and delivers its
 * {@link StartPanel}.
 *
 * @example
 * ```ts
 * factory(kit, (start) => start(request));
 * ```
 */
export type PanelFactory = (kit: unknown, deliver: (start: StartPanel) => void) => void;
