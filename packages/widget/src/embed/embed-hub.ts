// Several script tags on one page: each tag shows the widget of its own `data-namespace`. The first tag
// publishes `window.Clavard` (its widget) and keeps, under a symbol on it, the page's hub: every tag's
// widget by namespace, and who takes the factory a later file hands to the first tag's hooks.
import { ChatError } from '@clavard/protocol';
import type { EmbedController } from './embed-api.js';
import type { ClavardApi } from './embed-api-types.js';
import { CONSENT_HOOK, EXTRAS_HOOK, PANEL_HOOK, SSE_HOOK, TABS_HOOK } from './kits.js';
import type { SharedPolicy } from './trusted-script-url.js';

const HUB = Symbol.for('clavard.embeds');

/** Takes a factory handed to `symbol`'s hook by the script at `src`, when it is for this widget. */
type Taker = (symbol: symbol, factory: unknown, src: string) => void;

/**
 * The page's script-tag widgets: each one's controller by namespace, and the takers of the later files'
 * factories (each widget takes only the files it loads: see {@link hook}).
 *
 * @example
 * ```ts
 * const hub: Hub = { widgets: new Map(), takers: [], policy: { urls: [] } };
 * ```
 */
export interface Hub {
  readonly widgets: Map<string, EmbedController>;
  readonly takers: Taker[];
  /** The page's one Trusted Types policy `clavard`, for every tag's files. */
  readonly policy: SharedPolicy;
}

/**
 * The hub the first tag's `window.Clavard` (`first`) keeps; undefined when `first` has none (a copy of
 * clavard.js too old to share the page).
 *
 * @example
 * ```ts
 * const hub = hubOf(window.Clavard);
 * ```
 */
export function hubOf(first: object): Hub | undefined {
  return Reflect.get(first, HUB) as Hub | undefined;
}

/**
 * A new hub, published on the first tag's `api` with the later files' hooks (`PANEL_HOOK`, `EXTRAS_HOOK`,
 * `CONSENT_HOOK`, `SSE_HOOK` and `TABS_HOOK` of kits.ts): a hook passes a factory to every taker, with the URL of the script that is
 * running (`document.currentScript`).
 *
 * @example
 * ```ts
 * const hub = createHub(window, controller.api);
 * ```
 */
export function createHub(view: Window, api: ClavardApi): Hub {
  const hub: Hub = { widgets: new Map(), takers: [], policy: { urls: [] } };
  Object.defineProperty(api, HUB, { value: hub });
  for (const symbol of [PANEL_HOOK, EXTRAS_HOOK, CONSENT_HOOK, SSE_HOOK, TABS_HOOK]) {
    Object.defineProperty(api, symbol, {
      value: (factory: unknown) => {
        const script = view.document.currentScript;
        const src: unknown = script ? Reflect.get(script, 'src') : '';
        for (const take of hub.takers) take(symbol, factory, String(src));
      },
    });
  }
  return hub;
}

/**
 * Refuses a second tag for a namespace that has its widget already: one `invalid-option` ChatError, in
 * the console and through that widget's `on('error')`. Returns whether the tag was refused.
 *
 * @example
 * ```ts
 * if (refuseDuplicate(hub, 'default')) return;
 * ```
 */
export function refuseDuplicate(hub: Hub, namespace: string): boolean {
  const other = hub.widgets.get(namespace);
  if (!other) return false;
  const error = new ChatError(
    'invalid-option',
    `Clavard: a second script tag for data-namespace="${namespace}" is ignored; give each tag its own data-namespace`,
    { retryable: false },
  );
  console.error(error);
  other.fault(error);
  return true;
}

/**
 * Who receives the factory a later file hands to its hook, when that file's URL is `url()`.
 *
 * @example
 * ```ts
 * receivePanel((factory) => startPanel(factory, request), () => panelUrl);
 * ```
 */
export type Receive<F> = (accept: (factory: F) => void, url: () => string | undefined) => void;

/**
 * A taker for `symbol` in `hub`: it passes a factory to the function last given to the returned setter
 * when the script handing it over is at that setter's `url()` (this widget's file, not another tag's or
 * language's), and ignores anything else and every call before one.
 *
 * @example
 * ```ts
 * const receivePanel = hook<PanelFactory>(hub, PANEL_HOOK);
 * ```
 */
export function hook<F>(hub: Hub, symbol: symbol): Receive<F> {
  let accept: ((factory: F) => void) | undefined;
  let url: () => string | undefined = () => undefined;
  hub.takers.push((called, factory, src) => {
    if (called === symbol && typeof factory === 'function' && src === url()) accept?.(factory as F);
  });
  return (next, at) => {
    accept = next;
    url = at;
  };
}
