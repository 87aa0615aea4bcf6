// How the script-tag file takes a later file when it hands itself over: the panel (mounted in the plain
// launcher's host), the extras (kept for the panel) and the consent notice. Each widget takes only the
// files it loads: see `Receive` in embed-hub.ts.
import { kit as consentKit } from 'clavard:consent-kit';
import { kit as panelKit } from 'clavard:panel-kit';
import { ChatError } from '@clavard/protocol';
import type { Cleanup } from '../ui/cleanup.js';
import type { WidgetHandle } from '../widget-handle.js';
import type { EmbedController } from './embed-api.js';
import type { Receive } from './embed-hub.js';
import type { ConsentFactory, PanelFactory, PanelRequest, ShowConsentNotice, StartPanel } from './kits.js';
import type { PanelLoader } from './panel-loader.js';
import type { PlainLauncher } from './plain-launcher.js';

/** Runs the panel file's factory with its kit, and starts the panel for `request`. */
function startPanel(factory: PanelFactory, request: PanelRequest): WidgetHandle {
  let start: StartPanel | undefined;
  factory(panelKit, (delivered) => {
    start = delivered;
  });
  if (!start) throw new ChatError('unavailable', 'Clavard: the panel file did not deliver its start');
  return start(request);
}

/**
 * Runs the consent file's factory with its kit: the function that shows the notice, or undefined (then
 * reported through `controller`) when the file did not deliver it.
 *
 * @example
 * ```ts
 * const show = consentNotice(controller, factory);
 * if (show) launcher.askConsent(show, consent, agree);
 * ```
 */
export function consentNotice(
  controller: EmbedController,
  factory: ConsentFactory,
): ShowConsentNotice | undefined {
  let show: ShowConsentNotice | undefined;
  factory(consentKit, (delivered) => {
    show = delivered;
  });
  if (!show)
    controller.fault(new ChatError('unavailable', 'Clavard: the consent file did not deliver its notice'));
  return show;
}

/**
 * Waits for the panel file: when it hands itself over (through `receive`, from `url`, unless `gone()`), mounts the
 * widget in the plain launcher's host, then removes the plain launcher; if the panel fails to start,
 * undoes `plain` (launcher and host). Returns whether it has arrived.
 *
 * @example
 * ```ts
 * const arrived = expectPanel(controller, receivePanel, launcher, plain, request, () => gone, panelUrl);
 * ```
 */
export function expectPanel(
  controller: EmbedController,
  receive: Receive<PanelFactory>,
  launcher: PlainLauncher,
  plain: Cleanup,
  request: PanelRequest,
  gone: () => boolean,
  url: string,
): () => boolean {
  let arrived = false;
  receive(
    (factory) => {
      if (arrived || gone()) return;
      arrived = true;
      const shadow = request.host.shadowRoot;
      const hadFocus = shadow?.activeElement === launcher.button;
      let handle: WidgetHandle;
      try {
        handle = startPanel(factory, request);
      } catch (error) {
        plain.run();
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
    },
    () => url,
  );
  return () => arrived;
}

/**
 * A file loaded on demand and kept once it handed itself over: the extras (for the panel) and the consent
 * notice. The file is loaded once, when first asked for; each failed attempt rejects the calls that
 * waited (and is reported), the next call tries again.
 *
 * @example
 * ```ts
 * const loadExtras = expectFile(controller, receiveExtras, (arrived, onFailure) => loaderFor(extras, 'the extras file', arrived, onFailure), extrasUrl);
 * ```
 */
export function expectFile<F>(
  controller: EmbedController,
  receive: Receive<F>,
  loaderFor: (arrived: () => boolean, onFailure: (error: ChatError) => void) => PanelLoader,
  url: string,
): () => Promise<F> {
  let factory: F | undefined;
  let waiting: Array<{ resolve: (factory: F) => void; reject: (error: unknown) => void }> = [];
  receive(
    (delivered) => {
      if (factory) return;
      factory = delivered;
      for (const waiter of waiting) waiter.resolve(delivered);
      waiting = [];
    },
    () => url,
  );
  const loader = loaderFor(
    () => factory !== undefined,
    (error) => {
      for (const waiter of waiting) waiter.reject(error);
      waiting = [];
      controller.fault(error);
    },
  );
  return () =>
    factory
      ? Promise.resolve(factory)
      : new Promise((resolve, reject) => {
          waiting.push({ resolve, reject });
          loader.load();
        });
}
