import type { Transport } from '@clavard/protocol';
import { lostError } from '../net/close-error.js';
import { channelId, createFramePoster, type FetchLike, noticeError } from '../net/http-channel.js';
import { createLinkTransport } from '../net/link-transport.js';
import { type OnServerEvent, readEventStream } from './read-event-stream.js';

/**
 * The part of an `EventSource` the transport uses; the browser's fits.
 *
 * @example
 * ```ts
 * const source: EventSourceLike = new EventSource(url);
 * ```
 */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  onerror: ((event: never) => void) | null;
  close(): void;
}

/**
 * An `EventSource` constructor.
 *
 * @example
 * ```ts
 * createSseTransport({ url, EventSource: globalThis.EventSource });
 * ```
 */
export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** Options of {@link createSseTransport}. */
export interface SseTransportOptions {
  /**
   * The base URL of the server's HTTP channel (see docs/transports.md); never put a token in it.
   *
   * @example
   * ```ts
   * createSseTransport({ url: 'https://chat.example/clavard' });
   * ```
   */
  url: string;
  /**
   * The `fetch` to use for client frames (and for the stream without `EventSource`), read at `connect()`.
   *
   * @default globalThis.fetch
   * @example
   * ```ts
   * createSseTransport({ url, fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }) });
   * ```
   */
  fetch?: FetchLike;
  /**
   * The `EventSource` to read the stream with, read at `connect()`. Without one, the stream is read with
   * `fetch`. Pass `null` to always use `fetch`.
   *
   * @default globalThis.EventSource
   * @example
   * ```ts
   * createSseTransport({ url, EventSource: null });
   * ```
   */
  EventSource?: EventSourceConstructor | null;
  /**
   * How long opening the stream may take before `connect-timeout`, in milliseconds.
   *
   * @default 10000
   * @example
   * ```ts
   * createSseTransport({ url, connectTimeoutMs: 5000 });
   * ```
   */
  connectTimeoutMs?: number;
  /**
   * Extra headers for the `fetch` requests (never for `EventSource`, which cannot send any).
   *
   * @example
   * ```ts
   * createSseTransport({ url, headers: { 'X-Tenant': 'acme' } });
   * ```
   */
  headers?: Record<string, string>;
}

/**
 * A {@link Transport} over Server-Sent Events plus POST: `GET {url}/channel/events` opens a channel and
 * streams server frames (each `data` is one frame, emitted as received); client frames go by
 * `POST {url}/channel/frames`.
 *
 * @example
 * ```ts
 * const transport = createSseTransport({ url: 'https://chat.example/clavard' });
 * transport.connect();
 * ```
 */
export function createSseTransport(options: SseTransportOptions): Transport {
  const { url, headers } = options;
  const events = `${url}/channel/events`;
  const request = `GET ${events}`;
  return createLinkTransport((link) => {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const Source = options.EventSource === undefined ? globalThis.EventSource : options.EventSource;
    let poster: ReturnType<typeof createFramePoster> | undefined;
    const onEvent: OnServerEvent = (type, data) => {
      try {
        if (type === 'message') link.frame(data);
        else if (type === 'channel') {
          poster = createFramePoster(url, fetchImpl, channelId(data), link, headers);
          link.opened();
        } else if (type === 'close') link.fail(noticeError(data, request));
      } catch (cause) {
        link.fail(lostError(request, cause));
      }
    };
    let stop: () => void;
    if (Source) {
      const source = new Source(events);
      for (const type of ['message', 'channel', 'close']) {
        source.addEventListener(type, (event) => onEvent(type, String(event.data)));
      }
      source.onerror = () => {
        source.close(); // or it would reconnect on its own; EventSource does not tell the status
        link.fail(lostError(request));
      };
      stop = () => source.close();
    } else stop = readEventStream(fetchImpl, events, headers ?? {}, onEvent, link);
    return {
      send: (text) => poster?.send(text),
      // The stream ends after the frames sent before close() are posted: the channel must live till then.
      close: () => (poster ? poster.close(stop) : stop()),
    };
  }, options);
}
