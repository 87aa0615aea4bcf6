import { kit as panelKit } from 'clavard:panel-kit';
import { ChatError } from '@clavard/protocol';
import type { ResolvedMountOptions } from '../mount-options.js';
import { newConsent, readConsent, writeConsent } from '../ui/consent.js';
import type { WidgetHandle } from '../widget-handle.js';
import { createClavardApi } from './embed-api.js';
import type { ClavardApi } from './embed-api-types.js';
import { type EmbedConfig, readEmbedConfig, resolveEmbedOptions } from './embed-config.js';
import {
  EXTRAS_HOOK,
  type ExtrasFactory,
  PANEL_HOOK,
  type PanelFactory,
  type PanelRequest,
  type StartPanel,
} from './kits.js';
import { createPanelLoader } from './panel-loader.js';
import { createPlainLauncher } from './plain-launcher.js';
import { clearStoredState, hasConversationInProgress, pageStorage } from './resume-state.js';
import { trustedScriptUrl } from './trusted-script-url.js';

const MARKER = Symbol.for('clavard.embed');

/**
 * What the build bakes into the script-tag file for each file it loads (the panel, the extras): its name
 * (resolved against the script's own URL) and its Subresource Integrity value.
 *
 * @example
 * ```ts
 * const panel: PanelFile = { name: 'clavard-panel.js', integrity: 'sha384-…' };
 * ```
 */
export interface PanelFile {
  name: string;
  integrity: string;
}

/** The stub's queue, read as own properties only (a polluted `Object.prototype` adds nothing). */
function queuedCalls(existing: unknown): readonly unknown[] {
  if (typeof existing !== 'object' || existing === null || !Object.hasOwn(existing, 'q')) return [];
  const queue: unknown = Reflect.get(existing, 'q');
  return Array.isArray(queue) ? [...queue] : [];
}

/** Runs `task` when the browser is idle (soon after load when it never is). */
function whenIdle(view: Window, task: () => void): void {
  if (typeof view.requestIdleCallback === 'function') view.requestIdleCallback(task, { timeout: 2000 });
  else view.setTimeout(task, 0);
}

/**
 * What the script tag does when it loads: read its own `data-*` attributes, publish `window.Clavard`
 * (replacing the snippet's stub and replaying its queue in order), and once `<body>` exists show the
 * plain launcher. The panel file is loaded on the first call that needs it (a click on the launcher,
 * `open`, `toggle`, `send`), at once with `data-open`, and when the browser is idle if a conversation is
 * in progress in storage (so the unread badge and delivery resume). The panel then replaces the plain
 * launcher and the calls that waited run in order. The panel file is the one of the visitor's language
 * (`clavard-panel.fr.js` for French, `clavard-panel.js` otherwise). The extras file (forms, end survey) is
 * loaded, pinned the same way, when the panel first asks for it. Every configuration problem is reported as one
 * `ChatError('invalid-option')` through `on('error')`; a panel that fails to load as one
 * `ChatError('unavailable')` per attempt. A second copy of the script finds the first one's
 * `window.Clavard` and does nothing.
 *
 * @example
 * ```ts
 * bootEmbed(window, document.currentScript,
 *   { en: { name: 'clavard-panel.js', integrity: 'sha384-…' }, fr: { name: 'clavard-panel.fr.js', integrity: 'sha384-…' } },
 *   { name: 'clavard-extras.js', integrity: 'sha384-…' });
 * ```
 */
export function bootEmbed(
  view: Window,
  script: Element | null,
  panels: { en: PanelFile; fr: PanelFile },
  extras: PanelFile,
): void {
  const existing: unknown = Object.hasOwn(view, 'Clavard') ? Reflect.get(view, 'Clavard') : undefined;
  if (typeof existing === 'object' && existing !== null && Object.hasOwn(existing, MARKER)) return;
  const doc = view.document;
  let demanded = false;
  let loadPanel: (() => void) | undefined;
  let removeWidget: (() => void) | undefined;
  let gone = false;
  const controller = createClavardApi({
    demand: () => {
      demanded = true;
      loadPanel?.();
    },
    shutdown: () => {
      gone = true;
      removeWidget?.();
    },
  });
  const api: ClavardApi = controller.api;
  Object.defineProperty(api, MARKER, { value: true });
  // The panel file's way in: see PANEL_HOOK in kits.ts. Accepts one PanelFactory while the panel is awaited.
  let arrive: ((factory: PanelFactory) => void) | undefined;
  Object.defineProperty(api, PANEL_HOOK, {
    value: (factory: unknown) => {
      if (typeof factory === 'function') arrive?.(factory as PanelFactory);
    },
  });
  // The extras file's way in: accepts one ExtrasFactory while the extras are awaited.
  let extrasArrive: ((factory: ExtrasFactory) => void) | undefined;
  Object.defineProperty(api, EXTRAS_HOOK, {
    value: (factory: unknown) => {
      if (typeof factory === 'function') extrasArrive?.(factory as ExtrasFactory);
    },
  });
  Object.defineProperty(view, 'Clavard', {
    value: api,
    configurable: true,
    enumerable: true,
    writable: true,
  });

  const problems = controller.replay(queuedCalls(existing));
  const config = script ? readEmbedConfig(script, doc.baseURI, view.location.hostname || 'Chat') : undefined;
  if (!config)
    problems.push(
      'the script tag was not found (document.currentScript): load clavard.js with a classic <script src>',
    );
  else problems.unshift(...config.problems);

  const show = (read: EmbedConfig, endpoint: PanelRequest['endpoint'], src: string, nonce: string): void => {
    let options: Omit<ResolvedMountOptions, 'transport' | 'url'>;
    try {
      options = resolveEmbedOptions(read.options);
    } catch (error) {
      if (!ChatError.isInstance(error)) throw error;
      problems.push(error.message);
      controller.fail();
      return;
    }
    const host = doc.createElement('clavard-widget');
    host.setAttribute('data-namespace', options.namespace);
    doc.body.append(host);
    const launcher = createPlainLauncher(host, options, () => api.open());
    removeWidget = () => {
      launcher.remove();
      host.remove();
      clearStoredState(view, options.namespace);
    };
    let arrived = false;
    arrive = (factory) => {
      if (arrived || gone) return;
      arrived = true;
      removeWidget = undefined;
      const shadow = host.shadowRoot;
      const hadFocus = shadow?.activeElement === launcher.button;
      let handle: WidgetHandle;
      try {
        let start: StartPanel | undefined;
        factory(panelKit, (delivered) => {
          start = delivered;
        });
        if (!start) throw new ChatError('unavailable', 'Clavard: the panel file did not deliver its start');
        handle = start({ host, config: options, endpoint, loadExtras });
      } catch (error) {
        launcher.remove();
        host.remove();
        if (!ChatError.isInstance(error)) throw error;
        controller.fail();
        controller.fault(error);
        return;
      }
      launcher.remove();
      controller.attach(handle);
      // Keep the keyboard user's place: the panel's own launcher takes the focus the plain one had.
      if (hadFocus && shadow && shadow.activeElement === null) {
        shadow.querySelector<HTMLElement>('button.launcher')?.focus();
      }
    };
    // The panel with the visitor's catalogue: French for any French locale, English otherwise.
    const panel = options.locale.split('-')[0] === 'fr' ? panels.fr : panels.en;
    const panelUrl = new URL(panel.name, src).href;
    const extrasUrl = new URL(extras.name, src).href;
    const toScriptUrl = trustedScriptUrl(view, [panelUrl, extrasUrl]);
    const loader = createPanelLoader({
      view,
      url: panelUrl,
      toScriptUrl,
      what: 'the panel file',
      integrity: panel.integrity,
      nonce,
      arrived: () => arrived,
      onFailure: (error) => controller.fault(error),
    });
    // The extras: loaded once, when the panel first asks; each failed attempt rejects the waiting calls.
    let extrasFactory: ExtrasFactory | undefined;
    let waiting: Array<{ resolve: (factory: ExtrasFactory) => void; reject: (error: unknown) => void }> = [];
    extrasArrive = (factory) => {
      if (extrasFactory) return;
      extrasFactory = factory;
      for (const waiter of waiting) waiter.resolve(factory);
      waiting = [];
    };
    const extrasLoader = createPanelLoader({
      view,
      url: extrasUrl,
      toScriptUrl,
      what: 'the extras file',
      integrity: extras.integrity,
      nonce,
      arrived: () => extrasFactory !== undefined,
      onFailure: (error) => {
        for (const waiter of waiting) waiter.reject(error);
        waiting = [];
        controller.fault(error);
      },
    });
    const loadExtras = (): Promise<ExtrasFactory> =>
      extrasFactory
        ? Promise.resolve(extrasFactory)
        : new Promise((resolve, reject) => {
            waiting.push({ resolve, reject });
            extrasLoader.load();
          });
    // Consent asked and not given: the notice, drawn here, comes first; no panel code loads before it.
    const { consent, namespace } = options;
    const consented = (): boolean =>
      consent === undefined || readConsent(pageStorage(view), namespace, consent.version) !== undefined;
    const agree = (): void => {
      if (!consent) return;
      writeConsent(pageStorage(view), namespace, newConsent(consent));
      if (!gone) loader.load();
    };
    loadPanel = () => {
      if (gone) return;
      if (consent && !consented()) launcher.askConsent(consent, agree);
      else loader.load();
    };
    if (demanded || options.open) loadPanel();
    else if (hasConversationInProgress(view, options.namespace)) whenIdle(view, loadPanel);
  };

  const start = (): void => {
    if (gone) return;
    const endpoint = config?.endpoint;
    const src = script?.getAttribute('src');
    // The `nonce` property keeps the value the browser hides from getAttribute().
    const nonce = script ? Reflect.get(script, 'nonce') : undefined;
    if (config && endpoint && src) {
      show(config, endpoint, new URL(src, doc.baseURI).href, typeof nonce === 'string' ? nonce : '');
    } else controller.fail();
    if (problems.length > 0) {
      controller.report(`Clavard script tag: ${problems.join('; ')}`, problems);
    }
  };
  if (doc.body) start();
  else doc.addEventListener('DOMContentLoaded', start, { once: true });
}
