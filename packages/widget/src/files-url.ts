import { ChatError } from '@clavard/protocol';

/**
 * The server's HTTP base for attachments (`…/uploads`, `…/files`) that `mount()` gives the client: the
 * `filesUrl` option when given (an http or https URL; `false`: no files), else the base of its WebSocket
 * `url`, where the reference server keeps it: `wss://chat.example/clavard/ws` → `https://chat.example/clavard`.
 * With a `transport` and no `filesUrl`, none.
 *
 * @example
 * ```ts
 * resolveFilesUrl(undefined, 'wss://chat.example/clavard/ws'); // 'https://chat.example/clavard'
 * resolveFilesUrl(false, 'wss://chat.example/clavard/ws'); // undefined
 * ```
 */
export function resolveFilesUrl(given: unknown, url: string | undefined): string | undefined {
  if (given === false) return undefined;
  if (given === undefined) return url === undefined ? undefined : filesBaseOf(url);
  let parsed: URL | undefined;
  try {
    parsed = typeof given === 'string' && given.length <= 2048 ? new URL(given) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') {
    throw new ChatError('invalid-option', 'Clavard: "filesUrl" must be false or an http or https URL', {
      cause: given,
    });
  }
  return parsed.href.replace(/\/$/, '');
}

/**
 * The files' base of a chat endpoint: the folder of a WebSocket URL, over HTTP(S); an HTTP base as is.
 *
 * @example
 * ```ts
 * filesBaseOf('wss://chat.example/clavard/ws'); // 'https://chat.example/clavard'
 * filesBaseOf('https://chat.example/clavard/'); // 'https://chat.example/clavard'
 * ```
 */
export function filesBaseOf(url: string): string {
  const base = new URL(url);
  if (base.protocol === 'ws:' || base.protocol === 'wss:') {
    base.protocol = base.protocol === 'wss:' ? 'https:' : 'http:';
    base.pathname = base.pathname.replace(/\/[^/]*$/, '');
  }
  base.search = '';
  base.hash = '';
  return base.href.replace(/\/$/, '');
}
