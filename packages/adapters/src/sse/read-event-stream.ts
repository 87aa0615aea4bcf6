import { lostError } from '../net/close-error.js';
import { type FetchLike, responseError } from '../net/http-channel.js';
import type { Link } from '../net/link-transport.js';

/**
 * Receives one server-sent event: its `event` name (`message` by default) and its data.
 *
 * @example
 * ```ts
 * const onEvent: OnServerEvent = (type, data) => type === 'message' && link.frame(data);
 * ```
 */
export type OnServerEvent = (type: string, data: string) => void;

/**
 * Reads a `text/event-stream` with `fetch` (for runtimes without `EventSource`, such as Node 20): `event`
 * and `data` fields, comments ignored, lines ending in LF or CRLF. Returns the function that stops it.
 *
 * @example
 * ```ts
 * const stop = readEventStream(fetch, `${url}/channel/events`, {}, onEvent, link);
 * stop(); // aborts the request
 * ```
 */
export function readEventStream(
  fetchImpl: FetchLike,
  url: string,
  headers: Record<string, string>,
  onEvent: OnServerEvent,
  link: Link,
): () => void {
  const controller = new AbortController();
  const request = `GET ${url}`;
  void (async () => {
    try {
      const response = await fetchImpl(url, {
        headers: { ...headers, accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!response.ok || !response.body) return link.fail(await responseError(response, request));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      let type = 'message';
      let data: string[] = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        const lines = (rest + chunk.value).split('\n');
        rest = lines.pop() ?? '';
        for (const raw of lines) {
          const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
          if (line === '') {
            if (data.length > 0) onEvent(type, data.join('\n'));
            type = 'message';
            data = [];
          } else if (field === 'data') data.push(value);
          else if (field === 'event') type = value;
        }
      }
      link.fail(lostError(request, undefined, 'ended'));
    } catch (cause) {
      link.fail(lostError(request, cause));
    }
  })();
  return () => controller.abort();
}
