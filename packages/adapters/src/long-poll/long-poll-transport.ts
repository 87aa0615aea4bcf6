import type { Transport } from '@clavard/protocol';
import { lostError } from '../net/close-error.js';
import {
  CHANNEL_HEADER,
  channelId,
  createFramePoster,
  type FetchLike,
  responseError,
} from '../net/http-channel.js';
import { createLinkTransport } from '../net/link-transport.js';

/** Options of {@link createLongPollTransport}. */
export interface LongPollTransportOptions {
  /**
   * The base URL of the server's HTTP channel (see docs/transports.md); never put a token in it.
   *
   * @example
   * ```ts
   * createLongPollTransport({ url: 'https://chat.example/clavard' });
   * ```
   */
  url: string;
  /**
   * The `fetch` to use, read at `connect()` time.
   *
   * @default globalThis.fetch
   * @example
   * ```ts
   * createLongPollTransport({ url, fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }) });
   * ```
   */
  fetch?: FetchLike;
  /**
   * How long one poll may take before the connection is taken as lost, in milliseconds. The server holds
   * a poll at most 25 s.
   *
   * @default 30000
   * @example
   * ```ts
   * createLongPollTransport({ url, pollTimeoutMs: 40_000 });
   * ```
   */
  pollTimeoutMs?: number;
  /**
   * How long opening the channel may take before `connect-timeout`, in milliseconds.
   *
   * @default 10000
   * @example
   * ```ts
   * createLongPollTransport({ url, connectTimeoutMs: 5000 });
   * ```
   */
  connectTimeoutMs?: number;
}

/**
 * A {@link Transport} over HTTP long-polling: `POST {url}/channel` opens a channel, `GET {url}/channel/poll`
 * (one in flight, held by the server up to 25 s) returns a JSON array of frames, each emitted as one
 * decoded `frame`; client frames go by `POST {url}/channel/frames`.
 *
 * @example
 * ```ts
 * const transport = createLongPollTransport({ url: 'https://chat.example/clavard' });
 * transport.connect();
 * ```
 */
export function createLongPollTransport(options: LongPollTransportOptions): Transport {
  const { url, pollTimeoutMs = 30_000 } = options;
  return createLinkTransport((link) => {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    let poll = new AbortController();
    let stopped = false;
    let poster: ReturnType<typeof createFramePoster> | undefined;
    void (async () => {
      let timedOut = false;
      let request = `POST ${url}/channel`;
      try {
        const opened = await fetchImpl(`${url}/channel`, { method: 'POST', signal: poll.signal });
        if (!opened.ok) return link.fail(await responseError(opened, request));
        const channel = channelId(await opened.text());
        poster = createFramePoster(url, fetchImpl, channel, link);
        link.opened();
        request = `GET ${url}/channel/poll`;
        while (!stopped) {
          poll = new AbortController();
          const timer = setTimeout(() => {
            timedOut = true;
            poll.abort();
          }, pollTimeoutMs);
          const response = await fetchImpl(`${url}/channel/poll`, {
            headers: { [CHANNEL_HEADER]: channel },
            cache: 'no-store',
            signal: poll.signal,
          }).finally(() => clearTimeout(timer));
          if (!response.ok) return link.fail(await responseError(response, request));
          const frames: unknown = await response.json();
          if (Array.isArray(frames)) for (const frame of frames) link.frame(frame);
        }
      } catch (cause) {
        link.fail(lostError(request, cause, timedOut ? 'timed out' : 'failed'));
      }
    })();
    return {
      send: (text) => poster?.send(text),
      close: () => {
        stopped = true;
        poll.abort();
        poster?.close();
      },
    };
  }, options);
}
