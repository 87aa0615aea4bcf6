import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';

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

/**
 * How the pages are served: where images may come from, whether source maps are served, whether the
 * browser is told to use https only.
 *
 * @example
 * ```ts
 * const policy: PagePolicy = { imageOrigins: ['https://cdn.example'], sourceMaps: false, hsts: true };
 * ```
 */
export interface PagePolicy {
  /** Origins agents' avatars and other pictures may come from, besides the server's own. */
  imageOrigins: readonly string[];
  /** Serve `.map` files (development only). */
  sourceMaps: boolean;
  /** Send `Strict-Transport-Security` (when the server is reached over TLS). */
  hsts: boolean;
}

/**
 * The policy of every HTML page: no inline script or style, connections to the server's own origin only
 * (`'self'` covers its `ws:`/`wss:`), pictures from itself, the configured origins and `blob:` (an
 * attachment is fetched with its reader's token in a header and shown through an object URL: an
 * `<img src>` cannot carry the header), no framing by others, no base or form elsewhere.
 *
 * @example
 * ```ts
 * pageCsp(['https://cdn.example']); // "default-src 'self'; … img-src 'self' data: blob: https://cdn.example; …"
 * ```
 */
export function pageCsp(imageOrigins: readonly string[]): string {
  const images = ["'self'", 'data:', 'blob:', ...imageOrigins].join(' ');
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src ${images}; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'`;
}

/** Nothing of the device is asked for by these pages. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';
/** Two years, subdomains included: the usual commitment once a site is on https. */
const HSTS = 'max-age=63072000; includeSubDomains';

/** Headers of every static answer: no sniffing, no referrer. */
const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/**
 * The script-tag files may be loaded by other origins' pages, with SRI (`crossorigin="anonymous"`): they
 * need CORS, and hold nothing private.
 */
const SHARED_FILE_HEADERS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/** The script-tag file is not versioned at this URL: caches may keep it a few minutes. */
const EMBED_CACHE = 'public, max-age=300';

/**
 * Where the demo pages come from, looked up in this order for each request; a file missing in one
 * place is looked for in the next.
 *
 * @example
 * ```ts
 * const sources: StaticSources = { consoleDir: 'examples/agent-console/dist', siteDir: 'examples/demo-store/public', fallbackDir: 'public', embedFile: 'clavard.js' };
 * ```
 */
export interface StaticSources {
  /** The agent console: `/agent` → index.html, `/agent/<file>` → `<file>`. */
  consoleDir: string;
  /** The demo store: `/` → index.html, other paths as files. */
  siteDir: string;
  /** The placeholder pages: `/` → index.html, `/agent` → agent/index.html. */
  fallbackDir: string;
  /**
   * The widget's script-tag file, served at `/clavard.js`; the panel and extras files next to it at
   * `/clavard-panel.js`, `/clavard-panel.fr.js` and `/clavard-extras.js`.
   */
  embedFile: string;
  /** Headers and what is served. */
  policy: PagePolicy;
}

/** Resolves `relative` inside `root`, or undefined when it escapes it (`..`, encoded or not) or has NUL. */
const inside = (root: string, relative: string): string | undefined => {
  if (relative.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, relative));
  return file.startsWith(base + sep) ? file : undefined;
};

const fileSize = async (file: string | undefined): Promise<number | undefined> => {
  if (file === undefined) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? info.size : undefined;
};

/**
 * The script-tag files that `/clavard.js` loads from next to itself (`clavard-panel.js`,
 * `clavard-panel.fr.js`, `clavard-extras.js`, and whatever later split the widget's build makes): any
 * `clavard-<name>.js` of its folder.
 */
const LATER_FILE = /^\/clavard-[a-z0-9][a-z0-9.-]*\.js$/;

/** The files that may answer a path, in order of preference. */
const candidates = (path: string, sources: StaticSources): (string | undefined)[] => {
  if (path === '/clavard.js') return [sources.embedFile];
  const list: (string | undefined)[] = [];
  // The widget's file when there is one of that name; the site's otherwise (its own clavard-setup.js).
  if (LATER_FILE.test(path)) list.push(inside(dirname(sources.embedFile), path.slice(1)));
  if (path === '/agent' || path === '/agent/') {
    list.push(inside(sources.consoleDir, 'index.html'), inside(sources.fallbackDir, 'agent/index.html'));
    return list;
  }
  if (path.startsWith('/agent/')) list.push(inside(sources.consoleDir, path.slice('/agent/'.length)));
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  list.push(inside(sources.siteDir, relative), inside(sources.fallbackDir, relative));
  return list;
};

/**
 * Serves the demo pages for GET and HEAD: the console at `/agent`, the script-tag files at `/clavard.js`,
 * the `/clavard-<name>.js` files it loads (revalidated each time, so they match the hashes of a fresh
 * `/clavard.js`), the
 * demo store at `/` (each falling back to the placeholder pages). HTML gets a strict
 * `Content-Security-Policy`; every answer a `Cache-Control`. Refuses anything outside the folders. Resolves
 * false when the request is not a static file, so the caller can answer 404 itself.
 *
 * @example
 * ```ts
 * if (await serveStatic(req, res, path, sources)) return;
 * ```
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  sources: StaticSources,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const { policy } = sources;
  for (const file of candidates(decoded, sources)) {
    const size = await fileSize(file);
    if (file === undefined || size === undefined) continue;
    const type = extname(file);
    if (type === '.map' && !policy.sourceMaps) return false;
    const shared = decoded === '/clavard.js' || dirname(file) === dirname(sources.embedFile);
    res.writeHead(200, {
      ...COMMON_HEADERS,
      ...(policy.hsts ? { 'strict-transport-security': HSTS } : {}),
      ...(shared ? SHARED_FILE_HEADERS : {}),
      ...(type === '.html'
        ? {
            'content-security-policy': pageCsp(policy.imageOrigins),
            'permissions-policy': PERMISSIONS_POLICY,
          }
        : {}),
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': decoded === '/clavard.js' ? EMBED_CACHE : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  return false;
}
