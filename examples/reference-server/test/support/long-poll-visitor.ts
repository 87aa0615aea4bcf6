/**
 * The browser entry of the long-poll end-to-end case, bundled by the test and served in place of
 * `/clavard.js` on the demo store. The script tag bundles only WebSocket and SSE, so this page mounts the
 * same widget the way an npm app does (`mount()` from `@clavard/widget`) with
 * `createLongPollTransport`, reading the demo store's own `data-*` attributes for the brand and greeting.
 * It runs as soon as the browser loads it: it is a page script, not a module of the library.
 */
import { createLongPollTransport } from '@clavard/adapters/long-poll';
import { mount } from '@clavard/widget';

const script = document.currentScript;
const read = (name: string): string | undefined => script?.getAttribute(`data-${name}`) ?? undefined;

const start = (): void => {
  const color = read('brand-color');
  const greeting = read('greeting');
  mount({
    transport: createLongPollTransport({ url: new URL('/clavard', window.location.href).href }),
    brand: { name: read('brand-name') ?? 'Shop', ...(color === undefined ? {} : { color }) },
    ...(greeting === undefined ? {} : { greeting }),
  });
};

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
