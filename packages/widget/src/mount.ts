// `mount()`: checks the options, then renders the widget with `mountInto` (mount-into.ts), which the
// script-tag panel and the `<clavard-chat>` element use with options they checked themselves.
import { ChatError } from '@clavard/protocol';
import { mountInto } from './mount-into.js';
import { type MountOptions, resolveMountOptions } from './mount-options.js';
import type { WidgetHandle } from './widget-handle.js';

/**
 * Puts the chat widget on the page: a launcher button, and the panel when opened, inside a shadow root
 * appended to `target`. Validates every option (a wrong one throws `ChatError('invalid-option')` naming
 * it) and connects at once. Two mounts with different namespaces share nothing.
 *
 * @example
 * ```ts
 * import { mount } from '@clavard/widget';
 * const widget = mount({
 *   url: 'wss://chat.example/ws',
 *   brand: { name: 'Fibre Nord', color: '#0055aa' },
 *   locale: 'fr-CA',
 *   greeting: { en: 'Hi! Questions about your plan?', 'fr-CA': 'Bonjour! Une question sur votre forfait?' },
 * });
 * widget.on('message', (message) => console.log(message.author.role));
 * ```
 */
export function mount(options: MountOptions): WidgetHandle {
  const config = resolveMountOptions(options);
  const target = config.target ?? (typeof document === 'undefined' ? undefined : document.body);
  if (!target) throw new ChatError('invalid-option', 'mount: option "target" is required outside a browser');
  const host = target.ownerDocument.createElement('clavard-widget');
  host.setAttribute('data-namespace', config.namespace);
  target.append(host);
  try {
    return mountInto(host, config, () => host.remove());
  } catch (error) {
    host.remove();
    throw error;
  }
}
