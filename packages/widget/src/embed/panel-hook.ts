import type { WidgetHandle } from '../mount.js';
import type { ResolvedMountOptions } from '../mount-options.js';
import type { EmbedTransportKind } from './embed-config.js';
import type { LoadExtras } from './extras-hook.js';

/**
 * The internal hook through which the panel file (`clavard-panel.js`) hands itself to the script-tag
 * file: a non-enumerable, read-only property of `window.Clavard` under `Symbol.for('clavard.panel')`, so
 * the split adds no global. It accepts one {@link StartPanel} while the script-tag file is loading the
 * panel, and ignores every other call. Not a public API: it changes with the files it joins.
 *
 * @example
 * ```ts
 * Reflect.apply(Reflect.get(window.Clavard, PANEL_HOOK), window.Clavard, [startPanel]);
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
