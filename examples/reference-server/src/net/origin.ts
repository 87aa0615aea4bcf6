import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Whether a request may come from its `Origin`: one of `allowed` (exact `scheme://host:port`), or no
 * `Origin` at all (non-browser clients; browsers always send one on WebSocket upgrades and cross-origin
 * requests, so a page elsewhere cannot leave it out).
 *
 * @example
 * ```ts
 * if (!isOriginAllowed(req, ['https://shop.example'])) return refuse(403);
 * ```
 */
export function isOriginAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowed.includes(origin);
}

/**
 * The CORS headers of an answer to an allowed cross-origin request (none without an `Origin`).
 *
 * @example
 * ```ts
 * res.writeHead(204, { ...corsHeaders(req), 'cache-control': 'no-store' });
 * ```
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * Answers a CORS preflight for the HTTP channel, as docs/transports.md says.
 *
 * @example
 * ```ts
 * if (req.method === 'OPTIONS') return answerPreflight(req, res);
 * ```
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res
    .writeHead(204, {
      ...corsHeaders(req),
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': 'Content-Type, Clavard-Channel',
      'access-control-max-age': '600',
      'cache-control': 'no-store',
    })
    .end();
}
