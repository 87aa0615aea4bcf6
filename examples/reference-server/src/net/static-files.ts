import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Pages served under a route name: `/` and `/agent` are folders with an index.html. */
const ROUTES: Record<string, string> = {
  '/': 'index.html',
  '/agent': 'agent/index.html',
  '/agent/': 'agent/index.html',
};

/**
 * The headers of every static answer: a strict CSP (no inline script or style, same-origin connections
 * only), no sniffing, no framing by others.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves files of `root` for GET and HEAD: `/` → index.html, `/agent` → agent/index.html, other paths as
 * files. Refuses anything outside `root` (`..`, encoded or not) with 404. Resolves false when the
 * request is not a static file, so the caller can answer 404 itself.
 *
 * @example
 * ```ts
 * if (await serveStatic(req, res, path, publicDir)) return;
 * ```
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  root: string,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let relative: string;
  try {
    relative = ROUTES[path] ?? decodeURIComponent(path).replace(/^\/+/, '');
  } catch {
    return false;
  }
  if (relative.includes('\0')) return false;
  const base = resolve(root);
  const file = resolve(join(base, relative));
  if (!file.startsWith(base + sep)) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
