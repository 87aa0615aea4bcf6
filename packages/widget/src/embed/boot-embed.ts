import { createSseTransport } from '@clavard/adapters/sse';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { ChatError } from '@clavard/protocol';
import { mount } from '../mount.js';
import { createClavardApi } from './embed-api.js';
import type { ClavardApi } from './embed-api-types.js';
import { readEmbedConfig } from './embed-config.js';

const MARKER = Symbol.for('clavard.embed');

/** The stub's queue, read as own properties only (a polluted `Object.prototype` adds nothing). */
function queuedCalls(existing: unknown): readonly unknown[] {
  if (typeof existing !== 'object' || existing === null || !Object.hasOwn(existing, 'q')) return [];
  const queue: unknown = Reflect.get(existing, 'q');
  return Array.isArray(queue) ? [...queue] : [];
}

/**
 * What the script tag does when it loads: read its own `data-*` attributes, publish `window.Clavard`
 * (replacing the snippet's stub and replaying its queue in order), mount the widget once `<body>` exists,
 * and report every configuration problem as one `ChatError('invalid-option')` through `on('error')`.
 * A second copy of the script finds the first one's `window.Clavard` and does nothing.
 *
 * @example
 * ```ts
 * bootEmbed(window, document.currentScript);
 * ```
 */
export function bootEmbed(view: Window, script: Element | null): void {
  const existing: unknown = Object.hasOwn(view, 'Clavard') ? Reflect.get(view, 'Clavard') : undefined;
  if (typeof existing === 'object' && existing !== null && Object.hasOwn(existing, MARKER)) return;
  const doc = view.document;
  const controller = createClavardApi();
  const api: ClavardApi = controller.api;
  Object.defineProperty(api, MARKER, { value: true });
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

  const start = (): void => {
    const endpoint = config?.endpoint;
    if (config && endpoint) {
      try {
        const transport =
          endpoint.kind === 'websocket'
            ? createWebSocketTransport({ url: endpoint.url })
            : createSseTransport({ url: endpoint.url });
        controller.attach(mount({ ...config.options, transport }));
      } catch (error) {
        if (!ChatError.isInstance(error)) throw error;
        problems.push(error.message);
        controller.fail();
      }
    } else controller.fail();
    if (problems.length > 0) {
      controller.report(`Clavard script tag: ${problems.join('; ')}`, problems);
    }
  };
  if (doc.body) start();
  else doc.addEventListener('DOMContentLoaded', start, { once: true });
}
