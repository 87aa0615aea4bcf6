import { ChatError, type Transport } from '@clavard/protocol';
import { mountInto } from './mount-into.js';
import { type MountOptions, resolveMountOptions } from './mount-options.js';
import type { WidgetHandle } from './widget-handle.js';

/** The attributes of the element, mapped to {@link MountOptions}. */
const ATTRIBUTES = [
  'url',
  'brand-name',
  'brand-color',
  'brand-logo',
  'locale',
  'position',
  'greeting',
  'theme',
  'namespace',
  'title-badge',
  'sound',
  'open',
] as const;

/**
 * The element class {@link defineClavardElement} registers.
 *
 * @example
 * ```ts
 * const Chat: ClavardElementConstructor = defineClavardElement();
 * ```
 */
export interface ClavardElementConstructor {
  new (): HTMLElement & {
    /** A transport to use instead of the `url` attribute (set it before the element is connected). */
    transport: Transport | undefined;
    /** The mounted widget while the element is in the document. */
    readonly widget: WidgetHandle | undefined;
  };
}

function optionsOf(element: HTMLElement, transport: Transport | undefined): MountOptions {
  const read = (name: (typeof ATTRIBUTES)[number]) => element.getAttribute(name) ?? undefined;
  const flag = (name: (typeof ATTRIBUTES)[number]) => element.hasAttribute(name) && read(name) !== 'false';
  const options: Record<string, unknown> = { brand: { name: read('brand-name') } };
  const brand = options.brand as Record<string, unknown>;
  if (read('brand-color') !== undefined) brand.color = read('brand-color');
  if (read('brand-logo') !== undefined) brand.logoUrl = read('brand-logo');
  if (transport) options.transport = transport;
  else options.url = read('url');
  for (const name of ['locale', 'position', 'greeting', 'theme', 'namespace'] as const) {
    const value = read(name);
    if (value !== undefined) options[name] = value;
  }
  options.titleBadge = flag('title-badge');
  options.sound = flag('sound');
  options.open = flag('open');
  return options as unknown as MountOptions;
}

/**
 * Defines the `<clavard-chat>` custom element (or another tag name) and returns its class. Nothing is
 * registered at import: call this once. Attributes map to {@link mount} options: `url`, `brand-name`,
 * `brand-color`, `brand-logo`, `locale`, `position`, `greeting`, `theme`, `namespace`, and the boolean
 * attributes `title-badge`, `sound`, `open`. A changed attribute mounts the widget again; a wrong one
 * dispatches an `error` event whose `detail` is the `ChatError`. Defining the same name twice returns the
 * class already defined.
 *
 * @example
 * ```ts
 * import { defineClavardElement } from '@clavard/widget';
 * defineClavardElement();
 * // <clavard-chat url="wss://chat.example/ws" brand-name="Fibre Nord" brand-color="#0055aa" locale="fr-CA"></clavard-chat>
 * ```
 */
export function defineClavardElement(tagName = 'clavard-chat'): ClavardElementConstructor {
  if (typeof customElements === 'undefined' || typeof HTMLElement === 'undefined') {
    throw new ChatError('invalid-option', 'defineClavardElement needs a browser (customElements)');
  }
  const existing = customElements.get(tagName);
  if (existing) return existing as unknown as ClavardElementConstructor;

  class ClavardChatElement extends HTMLElement {
    static observedAttributes = [...ATTRIBUTES];
    transport: Transport | undefined;
    #widget: WidgetHandle | undefined;

    get widget(): WidgetHandle | undefined {
      return this.#widget;
    }

    connectedCallback(): void {
      this.#remount();
    }

    disconnectedCallback(): void {
      this.#widget?.unmount();
      this.#widget = undefined;
    }

    attributeChangedCallback(_name: string, previous: string | null, next: string | null): void {
      if (previous !== next && this.isConnected && this.#widget) this.#remount();
    }

    #remount(): void {
      this.#widget?.unmount();
      this.#widget = undefined;
      try {
        this.#widget = mountInto(this, resolveMountOptions(optionsOf(this, this.transport)), () => {});
      } catch (error) {
        if (!ChatError.isInstance(error)) throw error;
        this.dispatchEvent(new CustomEvent('error', { detail: error }));
      }
    }
  }
  customElements.define(tagName, ClavardChatElement);
  return ClavardChatElement;
}
