import { ChatError, type Transport } from '@clavard/protocol';
import { closeError, lostError } from '../net/close-error.js';
import { createLinkTransport } from '../net/link-transport.js';

/**
 * The part of a WebSocket the transport uses: the browser's `WebSocket` and `ws`'s both fit. Handlers take
 * `never` so that either implementation's event types are accepted.
 *
 * @example
 * ```ts
 * const socket: WebSocketLike = new WebSocket(url);
 * ```
 */
export interface WebSocketLike {
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket`, or `ws`'s `WebSocket` in Node.
 *
 * @example
 * ```ts
 * import { WebSocket } from 'ws';
 * const Socket: WebSocketConstructor = WebSocket;
 * ```
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Options of {@link createWebSocketTransport}. */
export interface WebSocketTransportOptions {
  /**
   * The server's WebSocket URL. Never put a session token in it: the token travels in `session.hello`.
   *
   * @example
   * ```ts
   * createWebSocketTransport({ url: 'wss://chat.example/clavard/ws' });
   * ```
   */
  url: string;
  /**
   * The WebSocket constructor, read at `connect()` time.
   *
   * @default globalThis.WebSocket
   * @example
   * ```ts
   * import { WebSocket } from 'ws';
   * createWebSocketTransport({ url, WebSocket });
   * ```
   */
  WebSocket?: WebSocketConstructor;
  /**
   * Subprotocols to offer.
   *
   * @example
   * ```ts
   * createWebSocketTransport({ url, protocols: ['clavard.v1'] });
   * ```
   */
  protocols?: string | string[];
  /**
   * How long connecting may take before `connect-timeout`, in milliseconds.
   *
   * @default 10000
   * @example
   * ```ts
   * createWebSocketTransport({ url, connectTimeoutMs: 5000 });
   * ```
   */
  connectTimeoutMs?: number;
}

/**
 * A {@link Transport} over one WebSocket per connection: each server text message is one `frame`. Close
 * codes map to errors: 4401 `unauthorized`, 4426 `unsupported-version`, 4429 `rate-limited`
 * (`retry-after-ms=<n>` in the reason), anything else `connection-lost`; each error's message names the URL
 * and the close code (`connection-lost: wss://chat.example/ws closed with 1006`).
 *
 * @example
 * ```ts
 * const transport = createWebSocketTransport({ url: 'wss://chat.example/clavard/ws' });
 * transport.on('status', (status) => status === 'open' && transport.send(hello));
 * transport.connect();
 * ```
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  return createLinkTransport((link) => {
    const Socket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof Socket !== 'function')
      throw new ChatError('invalid-option', 'no WebSocket: pass options.WebSocket');
    const { url } = options;
    const socket = new Socket(url, options.protocols);
    socket.onopen = link.opened;
    socket.onmessage = (event: { data: unknown }) => link.frame(event.data);
    socket.onerror = (event: unknown) => link.fail(lostError(url, event));
    socket.onclose = (event: { code: number; reason: string }) =>
      link.fail(closeError(url, event.code, event.reason));
    return {
      send: (text) => socket.send(text),
      close: () => socket.close(1000),
    };
  }, options);
}
