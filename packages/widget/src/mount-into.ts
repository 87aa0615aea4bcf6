import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { ChatError } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { effect, type ReadonlySignal, signal } from '@preact/signals-core';
import { h, render } from 'preact';
import { type ChatClient, createChatClient } from './headless/index.js';
import type { ResolvedMountOptions } from './mount-options.js';
import { checkProactive, type ResolvedProactiveRule } from './proactive-options.js';
import { App } from './ui/App.js';
import { trackAnalytics } from './ui/analytics.js';
import { createChime } from './ui/chime.js';
import { type Cleanup, createCleanup } from './ui/cleanup.js';
import { consentStorage } from './ui/consent-gate.js';
import type { ExtrasModule } from './ui/extras-source.js';
import { announceHandoff, takeHandoffToken, type UnheldHandoff } from './ui/handoff-link.js';
import { loadExtras } from './ui/Lazy.js';
import { LAUNCHER_CSS } from './ui/launcher-styles.js';
import type { Proactive } from './ui/proactive.js';
import { WIDGET_CSS } from './ui/styles.js';
import { adoptStyles } from './ui/stylesheets.js';
import { TEAM_CSS } from './ui/team-styles.js';
import { themeColors, themeCss } from './ui/theme.js';
import { showUnreadInTitle } from './ui/title-badge.js';
import { followVisualViewport } from './ui/viewport.js';
import { createWidgetModel, type WidgetModel } from './ui/widget-model.js';
import { createTranslator, type Translator } from './ui-core/i18n.js';
import {
  createWidgetHandle,
  type OwnEventName,
  type WidgetEvents,
  type WidgetHandle,
} from './widget-handle.js';

/**
 * The translator of `config`. `resolveMountOptions` checks that `messages` is an object; its texts are
 * checked here, by the translator (each must be a text or plural forms): the script-tag file, which
 * validates options too, does not carry that code.
 */
function translatorFor(config: ResolvedMountOptions): Translator {
  try {
    // The site owner's away message is the catalogue's, in the visitor's locale.
    const away = config.away === undefined ? {} : { 'offline.intro': config.away };
    return createTranslator({ locale: config.locale, messages: { ...config.messages, ...away } });
  } catch (cause) {
    if (ChatError.isInstance(cause)) {
      throw new ChatError('invalid-option', `mount: option "messages" ${cause.message}`, { cause });
    }
    throw cause;
  }
}

/**
 * The widget's DOM in `host`'s shadow root: its stylesheets, Escape closing the panel, the visual
 * viewport followed while open, `open`/`close` emitted, the unread count in the title. Each part adds its
 * undoing to `cleanup`.
 */
function attachView(
  host: HTMLElement,
  config: ResolvedMountOptions,
  parts: { client: ChatClient; model: WidgetModel; emitPanel: (name: 'open' | 'close') => void },
  cleanup: Cleanup,
): HTMLElement {
  const { client, model, emitPanel } = parts;
  const doc = host.ownerDocument;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheets = [LAUNCHER_CSS, WIDGET_CSS + TEAM_CSS, themeCss(themeColors(config.brand.color))];
  cleanup.add(adoptStyles(shadow, sheets));
  const container = doc.createElement('div');
  shadow.append(container);
  cleanup.add(() => container.remove());
  // Escape anywhere in the widget closes the panel (focus then goes back to the launcher).
  const onKeyDown = (event: Event): void => {
    if ((event as KeyboardEvent).key === 'Escape' && model.open.peek()) {
      event.stopPropagation();
      model.open.value = false;
    }
  };
  shadow.addEventListener('keydown', onKeyDown);
  cleanup.add(() => shadow.removeEventListener('keydown', onKeyDown));
  let stopViewport: (() => void) | undefined;
  let first = true;
  const stopPanelEffect = effect(() => {
    const open = model.open.value;
    stopViewport?.();
    stopViewport = open ? followVisualViewport(host, doc.defaultView) : undefined;
    if (!first) emitPanel(open ? 'open' : 'close');
    first = false;
  });
  cleanup.add(() => {
    stopPanelEffect();
    stopViewport?.();
  });
  if (config.titleBadge) cleanup.add(showUnreadInTitle(doc, client.unread, model.visible));
  return container;
}

/**
 * The proactive messages: their code comes with the extras, loaded only when there are rules; the signal
 * holds them once they are running (never after unmount), for the App to show their bubble.
 */
function loadProactive(
  namespace: string,
  rules: readonly ResolvedProactiveRule[],
  parts: Parameters<ExtrasModule['attachProactive']>[2],
  container: HTMLElement,
  own: { emit(name: 'proactive.shown' | 'proactive.clicked', event: { ruleId: string }): void },
  cleanup: Cleanup,
): ReadonlySignal<Proactive | undefined> {
  const proactive = signal<Proactive | undefined>(undefined);
  if (rules.length === 0) return proactive;
  let unmounted = false;
  cleanup.add(() => {
    unmounted = true;
  });
  loadExtras().then(
    (extras) => {
      if (unmounted) return;
      const emit = (name: 'proactive.shown' | 'proactive.clicked', event: { ruleId: string }) =>
        own.emit(name, event);
      cleanup.add(adoptStyles(container.getRootNode() as ShadowRoot, [extras.PROACTIVE_CSS]));
      proactive.value = extras.attachProactive(namespace, rules, parts, emit, cleanup);
    },
    // The loader reports the failure through on('error'); the page goes on without the bubble.
    () => undefined,
  );
  return proactive;
}

/**
 * Renders the widget into `host`'s shadow root (made when missing). Used by {@link mount} with a host it
 * creates, and by the `<clavard-chat>` element with itself as the host. Every part adds its undoing to
 * one cleanup stack, which `unmount()` runs (then `onUnmount`).
 *
 * @example
 * ```ts
 * const handle = mountInto(element, resolveMountOptions(options), () => {});
 * ```
 */
export function mountInto(
  host: HTMLElement,
  config: ResolvedMountOptions,
  onUnmount: () => void,
): WidgetHandle {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  const cleanup = createCleanup();
  cleanup.add(onUnmount);
  const translator = translatorFor(config);
  const rules = checkProactive(config.proactive, translator.locale);
  // Consent asked: nothing is written and no connection opened until the visitor agrees.
  const gated = consentStorage(config, view ?? undefined);
  const client = createChatClient({
    transport: config.transport ?? createWebSocketTransport({ url: config.url ?? '' }),
    namespace: config.namespace,
    ...(config.filesUrl === undefined ? {} : { filesUrl: config.filesUrl }),
    locale: translator.locale,
    consent: gated.consent,
    ...(gated.storage === undefined ? {} : { storage: gated.storage }),
    ...(view ? { window: view } : {}),
    document: doc,
  });
  cleanup.add(() => client.dispose());
  const chime = config.sound ? createChime(view) : undefined;
  if (chime) cleanup.add(() => chime.dispose());
  const model = createWidgetModel({
    client,
    translator,
    open: config.open,
    document: doc,
    onAgentMessage: () => {
      if (!model.open.peek() || !model.visible.peek()) chime?.play();
    },
  });
  cleanup.add(() => model.dispose());
  // The widget's own events; the client's go straight to the client.
  const own = createEmitter<Pick<WidgetEvents, OwnEventName>>();
  cleanup.add(() => own.clear());
  let unread = client.unread.peek();
  cleanup.add(
    effect(() => {
      const count = client.unread.value;
      if (count === unread) return;
      unread = count;
      own.emit('unread', count);
    }),
  );
  const analytics = trackAnalytics(client, (event) => own.emit('analytics', event));
  cleanup.add(() => analytics.stop());
  const emitPanel = (name: 'open' | 'close'): void => own.emit(name, undefined);
  const container = attachView(host, config, { client, model, emitPanel }, cleanup);
  const agree = (): void => {
    if (!gated.agree()) return;
    model.consentNeeded.value = false;
    client.connect();
  };
  const context = {
    client,
    translator,
    model,
    brand: { name: config.brand.name, logoUrl: config.brand.logoUrl },
    greeting: config.greeting,
    offer: config.offer,
    consent: config.consent,
    launcher: config.launcher,
    agree,
    rated: analytics.rated,
  };
  if (gated.asking) model.consentNeeded.value = true;
  const handoff = config.handoff && view ? takeHandoffToken(view) : undefined;
  if (handoff !== undefined) {
    client.openHandoff(handoff);
    model.open.value = true;
    const say = (status: UnheldHandoff) => model.announce(translator.t(`handoff.${status}`));
    cleanup.add(announceHandoff(client, say));
  }
  const parts = { client, model, storage: gated.storage, view };
  const proactive = loadProactive(config.namespace, rules, parts, container, own, cleanup);
  render(h(App, { context, position: config.position, theme: config.theme, proactive }), container);
  cleanup.add(() => render(null, container));
  if (!gated.asking) client.connect();
  return createWidgetHandle(client, model, own, () => cleanup.run());
}
