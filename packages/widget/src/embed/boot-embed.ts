import type { ResolvedLauncherOptions } from '../option-checks.js';
import { createCleanup } from '../ui/cleanup.js';
import { newConsent, readConsent, writeConsent } from '../ui/consent.js';
import { createClavardApi, type EmbedController } from './embed-api.js';
import { type EmbedConfig, readEmbedConfig } from './embed-config.js';
import { createHub, hook, hubOf, type Receive, refuseDuplicate } from './embed-hub.js';
import { consentNotice, expectFile, expectPanel } from './handover.js';
import {
  CONSENT_HOOK,
  type ConsentFactory,
  EXTRAS_HOOK,
  type ExtrasFactory,
  PANEL_HOOK,
  type PanelFactory,
  type PanelRequest,
  SSE_HOOK,
  type SseFactory,
  TABS_HOOK,
  type TabsFactory,
} from './kits.js';
import { isFrench } from './launcher-label.js';
import { createPanelLoaders, type PanelFile } from './panel-loader.js';
import { createPlainLauncher } from './plain-launcher.js';
import { clearStoredState, hasConversationInProgress, pageStorage } from './resume-state.js';
import type { SharedPolicy } from './trusted-script-url.js';

const MARKER = Symbol.for('clavard.embed');

/** The files the script tag loads (from beside its absolute URL `src`, with its `nonce`), and the endpoint. */
interface Files {
  panels: { en: PanelFile; fr: PanelFile };
  extras: PanelFile;
  /** The consent notice, loaded on the first open while consent is asked and not given. */
  consent: PanelFile;
  /** The SSE transport, loaded when the panel first connects over SSE. */
  sse: PanelFile;
  /** The multi-tab code, loaded once a second tab of the site appears. */
  tabs: PanelFile;
  src: string;
  nonce: string;
  endpoint: PanelRequest['endpoint'];
  /** The page's Trusted Types policy, shared by its script tags. */
  policy: SharedPolicy;
}

/** The widget {@link showWidget} put on the page, for the calls that reach `window.Clavard`. */
interface Shown {
  /** Load the panel, after the consent notice when consent is asked and not given. */
  load(): void;
  /**
   * Load the panel without opening it (for a proactive message), unless consent is asked and not given:
   * until the visitor agrees, no more code than the launcher loads.
   */
  preload(): void;
  /** `shutdown()` before the panel arrived: take the plain launcher off the page, forget the stored state. */
  remove(): void;
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
 * Shows the plain launcher for `options`, and readies the panel, the extras, the consent notice, the SSE file and the tabs file (see
 * {@link expectPanel} and {@link expectFile}), to be loaded from `files` once the page needs them.
 */
function showWidget(
  view: Window,
  controller: EmbedController,
  options: ResolvedLauncherOptions,
  script: Element,
  files: Files,
  receive: {
    panel: Receive<PanelFactory>;
    extras: Receive<ExtrasFactory>;
    consent: Receive<ConsentFactory>;
    sse: Receive<SseFactory>;
    tabs: Receive<TabsFactory>;
  },
  gone: () => boolean,
): Shown {
  const { consent, namespace } = options;
  const host = view.document.createElement('clavard-widget');
  host.setAttribute('data-namespace', namespace);
  view.document.body.append(host);
  const launcher = createPlainLauncher(host, options, () => controller.api.open());
  const plain = createCleanup();
  plain.add(() => host.remove());
  plain.add(() => launcher.remove());
  // The panel with the visitor's catalogue: French for any French locale, English otherwise.
  const panel = isFrench(options.locale) ? files.panels.fr : files.panels.en;
  const loaderFor = createPanelLoaders(
    view,
    files.src,
    files.nonce,
    [panel, files.extras, files.consent, files.sse, files.tabs],
    files.policy,
  );
  const urlOf = (file: PanelFile): string => new URL(file.name, files.src).href;
  const later = <F>(file: PanelFile, what: string, from: Receive<F>): (() => Promise<F>) =>
    expectFile(
      controller,
      from,
      (arrived, onFailure) => loaderFor(file, what, arrived, onFailure),
      urlOf(file),
    );
  const loadExtras = later(files.extras, 'the extras file', receive.extras);
  const loadConsent = later(files.consent, 'the consent file', receive.consent);
  const loadSse = later(files.sse, 'the SSE file', receive.sse);
  const loadTabs = later(files.tabs, 'the tabs file', receive.tabs);
  const request = {
    host,
    config: options,
    script,
    endpoint: files.endpoint,
    loadExtras,
    loadSse,
    loadTabs,
    // What the panel finds wrong in the attributes it reads itself, reported as clavard.js reports its own.
    report: (problems: string[]) => controller.report(`Clavard script tag: ${problems.join('; ')}`, problems),
  };
  // Another tag's widget may load the same panel file: take it only once this one asked for it.
  let asked = false;
  const arrived = expectPanel(
    controller,
    receive.panel,
    launcher,
    plain,
    request,
    () => gone() || !asked,
    urlOf(panel),
  );
  const loader = loaderFor(panel, 'the panel file', arrived, controller.fault);
  const load = (): void => {
    asked = true;
    loader.load();
  };
  // Consent asked and not given: the notice (the consent file) comes first; no panel code loads before it.
  const agree = (): void => {
    if (!consent) return;
    writeConsent(pageStorage(view), namespace, newConsent(consent));
    if (!gone()) load();
  };
  return {
    load() {
      if (gone()) return;
      if (consent && !readConsent(pageStorage(view), namespace, consent.version)) {
        loadConsent().then(
          (factory) => {
            const show = gone() ? undefined : consentNotice(controller, factory);
            if (show) launcher.askConsent(show, consent, agree);
          },
          // Reported by the loader through on('error'); the next open tries again.
          () => undefined,
        );
      } else load();
    },
    preload() {
      if (!gone() && (!consent || readConsent(pageStorage(view), namespace, consent.version))) load();
    },
    remove() {
      if (arrived()) return;
      plain.run();
      clearStoredState(view, namespace);
    },
  };
}

/**
 * What the script tag does when it loads: read its own `data-*` attributes, publish `window.Clavard`
 * (replacing the snippet's stub and replaying its queue in order), and once `<body>` exists show the
 * plain launcher. The panel file is loaded on the first call that needs it (a click on the launcher,
 * `open`, `toggle`, `send`), at once with `data-open`, and when the browser is idle if a conversation is
 * in progress in storage (so the unread badge and delivery resume), or when the tag carries a proactive
 * message (its rules run in the panel; not before consent, when asked). The panel then replaces the plain
 * launcher and the calls that waited run in order. The panel file is the one of the visitor's language
 * (`clavard-panel.fr.js` for French, `clavard-panel.js` otherwise). The extras file (forms, end survey) is
 * loaded, pinned the same way, when the panel first asks for it; the consent file (the notice) on the first
 * open while consent is asked and not given; the SSE file (the SSE transport) when the panel first
 * connects over SSE; the tabs file (the multi-tab code) once a second tab of the site appears. Every configuration problem is reported as one
 * `ChatError('invalid-option')` through `on('error')`; a panel that fails to load as one
 * `ChatError('unavailable')` per attempt. When `data-url` is a path (or `data-transport` changes its
 * scheme), one `console.info` line says which transport and URL were chosen. A later script tag with
 * another `data-namespace` shows a second widget, `window.Clavard.get(namespace)`, which takes only the
 * files it loads (see embed-hub.ts); one for a namespace already shown is refused with one
 * `ChatError('invalid-option')` in the console and through that widget's `on('error')`.
 *
 * @example
 * ```ts
 * bootEmbed(window, document.currentScript,
 *   { en: { name: 'clavard-panel.js', integrity: 'sha384-…' }, fr: { name: 'clavard-panel.fr.js', integrity: 'sha384-…' } },
 *   { name: 'clavard-extras.js', integrity: 'sha384-…' }, { name: 'clavard-consent.js', integrity: 'sha384-…' },
 *   { name: 'clavard-sse.js', integrity: 'sha384-…' }, { name: 'clavard-tabs.js', integrity: 'sha384-…' });
 * ```
 */
export function bootEmbed(
  view: Window,
  script: Element | null,
  panels: { en: PanelFile; fr: PanelFile },
  extras: PanelFile,
  consent: PanelFile,
  sse: PanelFile,
  tabs: PanelFile,
): void {
  const existing: unknown = Object.hasOwn(view, 'Clavard') ? Reflect.get(view, 'Clavard') : undefined;
  const first =
    typeof existing === 'object' && existing !== null && Object.hasOwn(existing, MARKER)
      ? existing
      : undefined;
  const doc = view.document;
  const config = script ? readEmbedConfig(script, doc.baseURI, view.location.hostname || 'Chat') : undefined;
  const namespace = config?.options.namespace ?? 'default';
  // A later tag: refused for a namespace already shown (or beside a copy of clavard.js that cannot share).
  const found = first && hubOf(first);
  if (first && (!found || refuseDuplicate(found, namespace))) return;
  let demanded = false;
  let gone = false;
  let shown: Shown | undefined;
  const controller = createClavardApi({
    demand: () => {
      demanded = true;
      shown?.load();
    },
    shutdown: () => {
      gone = true;
      shown?.remove();
    },
    get: (name) => hub.widgets.get(name)?.api,
  });
  const { api } = controller;
  const hub = found || createHub(view, api);
  hub.widgets.set(namespace, controller);
  Object.defineProperty(api, MARKER, { value: true });
  const receive = {
    panel: hook<PanelFactory>(hub, PANEL_HOOK),
    extras: hook<ExtrasFactory>(hub, EXTRAS_HOOK),
    consent: hook<ConsentFactory>(hub, CONSENT_HOOK),
    sse: hook<SseFactory>(hub, SSE_HOOK),
    tabs: hook<TabsFactory>(hub, TABS_HOOK),
  };
  // The first tag's widget is `window.Clavard`; a later tag's (another namespace) is `Clavard.get(namespace)`.
  if (!first) {
    Object.defineProperty(view, 'Clavard', {
      value: api,
      configurable: true,
      enumerable: true,
      writable: true,
    });
  }

  const problems = first ? [] : controller.replay(queuedCalls(existing));
  if (config?.guess) console.info(config.guess);
  if (!config)
    problems.push(
      'the script tag was not found (document.currentScript): load clavard.js with a classic <script src>',
    );
  else problems.unshift(...config.problems);

  const show = (read: EmbedConfig, tag: Element, files: Files): void => {
    const { options } = read;
    shown = showWidget(view, controller, options, tag, files, receive, () => gone);
    // A handoff link (`?clavard=h_…`) opens the chat on its case: the panel comes at once and opens.
    const handoff = options.handoff && /[?&]clavard=h_/.test(view.location.search);
    if (demanded || options.open || handoff) shown.load();
    else if (hasConversationInProgress(view, options.namespace)) whenIdle(view, shown.load);
    // A proactive message: its rules run in the panel, loaded when the browser is idle.
    else if (read.proactive) whenIdle(view, shown.preload);
  };
  const start = (): void => {
    if (gone) return;
    const endpoint = config?.endpoint;
    const src = script?.getAttribute('src');
    // The `nonce` property keeps the value the browser hides from getAttribute().
    const nonce = script ? Reflect.get(script, 'nonce') : undefined;
    if (config && script && endpoint && src) {
      show(config, script, {
        panels,
        extras,
        consent,
        sse,
        tabs,
        src: new URL(src, doc.baseURI).href,
        nonce: typeof nonce === 'string' ? nonce : '',
        endpoint,
        policy: hub.policy,
      });
    } else controller.fail();
    if (problems.length > 0) {
      controller.report(`Clavard script tag: ${problems.join('; ')}`, problems);
    }
  };
  if (doc.body) start();
  else doc.addEventListener('DOMContentLoaded', start, { once: true });
}
