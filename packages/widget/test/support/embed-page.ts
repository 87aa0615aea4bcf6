/**
 * The script-tag files and host pages for the browser tests: `buildEmbed()` builds `clavard.js` and the
 * files it loads (`clavard-panel.js`, `clavard-panel.fr.js`, `clavard-extras.js`, `clavard-consent.js`…)
 * from the sources with the build of the published files (scripts/build-embed.mjs), and
 * `hostPage()` writes a host page that loads the first with `data-*` attributes. Every host script is an
 * external file: no inline script anywhere.
 */
import { mkdirSync } from 'node:fs';
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  buildEmbedFiles,
  CONSENT_FILE,
  EXTRAS_FILE,
  FIRST_FILE,
  PANEL_FILE,
  PANEL_FR_FILE,
} from '../../scripts/build-embed.mjs';
import { type StaticFile, type StaticServer, serveStatic } from './browser.js';

/** Where the tests save screenshots (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Makes {@link RESULTS_DIR} and returns the path of one screenshot in it. */
export function screenshotPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return `${RESULTS_DIR}${name}.png`;
}

/**
 * The later files (panel, extras, consent…) built with each first file, by name (keyed by the first file,
 * which bakes in their hashes).
 */
const panels = new Map<string, Record<string, string>>();

/**
 * Bundles the two script-tag files from the sources with the build of dist/embed (scripts/build-embed.mjs):
 * returns the first file, `clavard.js`; {@link hostFiles} and {@link panelFileFor} find the panel file
 * (`clavard-panel.js`, pinned by the first file's integrity hash) that was built with it.
 */
export async function buildEmbed(): Promise<string> {
  const { files } = await buildEmbedFiles();
  const first = new TextDecoder().decode(files[FIRST_FILE]);
  const later: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (name !== FIRST_FILE) later[name] = new TextDecoder().decode(bytes);
  }
  panels.set(first, later);
  return first;
}

/**
 * Every file `embed` loads (all but the first), by name, as built together with it by {@link buildEmbed}:
 * a host serves them all beside `clavard.js`.
 */
export const laterFilesFor = (embed: string): Readonly<Record<string, string>> => {
  const built = panels.get(embed);
  if (built === undefined) throw new Error('this first file was not made by buildEmbed()');
  return built;
};

const builtFile = (embed: string, name: string): string => {
  const file = laterFilesFor(embed)[name];
  if (file === undefined) throw new Error(`buildEmbed() made no ${name}`);
  return file;
};

/** The (English) panel file built together with `embed` by {@link buildEmbed}. */
export const panelFileFor = (embed: string): string => builtFile(embed, PANEL_FILE);

/** The French panel file built together with `embed` by {@link buildEmbed}. */
export const frPanelFileFor = (embed: string): string => builtFile(embed, PANEL_FR_FILE);

/** The extras file (forms, end survey) built together with `embed` by {@link buildEmbed}. */
export const extrasFileFor = (embed: string): string => builtFile(embed, EXTRAS_FILE);

/** The consent file (the notice before consent) built together with `embed` by {@link buildEmbed}. */
export const consentFileFor = (embed: string): string => builtFile(embed, CONSENT_FILE);

/** The queue snippet documented in packages/widget/README.md, as an external file. */
export const SNIPPET = `window.Clavard = window.Clavard || (function (q) {
  function queue(name) { return function () { q.push([name].concat(Array.prototype.slice.call(arguments))); }; }
  return { q: q, open: queue('open'), close: queue('close'), toggle: queue('toggle'), send: queue('send'),
    on: queue('on'), identify: queue('identify'), shutdown: queue('shutdown'), forget: queue('forget') };
})([]);
`;

/** Host CSS that tries its best to break any widget. */
export const HOSTILE_CSS = `* { all: unset !important; }
div { display: none !important; }
body { display: block !important; font: 18px serif !important; margin: 24px !important; }
`;

/**
 * A host script that pollutes `Object.prototype`, wraps `fetch` and `WebSocket` as analytics scripts do,
 * and logs every CSP violation to the console (the test reads the console, so no global is needed).
 */
export const HOSTILE_JS = `(function () {
  document.addEventListener('securitypolicyviolation', function (event) {
    console.log('csp-violation ' + event.violatedDirective + ' ' + event.blockedURI);
  });
  // ENUMERABLE keys, before the script tag: the option names the embed reads, and names that collide with
  // the props the UI renders (hidden, value, title, class, onClick) or with nothing at all (x). An
  // inherited value also makes every getter descriptor invalid: see scripts/build-embed.mjs.
  var keys = ['q', 'url', 'transport', 'brand', 'color', 'namespace', 'locale', 'storage', 'title',
    'hidden', 'value', 'class', 'onClick', 'x'];
  for (var i = 0; i < keys.length; i++) Object.prototype[keys[i]] = 'polluted-' + keys[i];
  var NativeSocket = window.WebSocket;
  function WrappedSocket(url, protocols) {
    console.log('host-saw-websocket');
    return protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
  }
  WrappedSocket.prototype = NativeSocket.prototype;
  WrappedSocket.CONNECTING = 0; WrappedSocket.OPEN = 1; WrappedSocket.CLOSING = 2; WrappedSocket.CLOSED = 3;
  window.WebSocket = WrappedSocket;
  var nativeFetch = window.fetch;
  window.fetch = function () { console.log('host-saw-fetch'); return nativeFetch.apply(window, arguments); };
})();
`;

/** A host script that listens to the widget's errors through the queue and logs them for the test. */
export const ERROR_LOGGER_JS = `window.Clavard.on('error', function (error) {
  console.log('clavard-error ' + JSON.stringify({ code: error.code, name: error.name, message: error.message }));
});
`;

/** Options of {@link hostPage}. */
export interface HostPageOptions {
  /** The script tag's `data-*` attributes, without the `data-` prefix. */
  data: Record<string, string>;
  /** Stylesheets to link, in order (paths served by the test). */
  styles?: string[];
  /** Host scripts before the script tag, in order. */
  scripts?: string[];
  /** Extra `<script defer>` after the script tag. */
  after?: string[];
}

const escapeAttribute = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The host page: a small shop page with a link first (so Tab has somewhere to start), then the script tag. */
export function hostPage(options: HostPageOptions): string {
  const data = Object.entries(options.data)
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Fibre Nord shop</title>',
    ...(options.styles ?? []).map((href) => `<link rel="stylesheet" href="${href}">`),
    ...(options.scripts ?? []).map((src) => `<script src="${src}"></script>`),
    `<script src="/clavard.js"${data}></script>`,
    ...(options.after ?? []).map((src) => `<script defer src="${src}"></script>`),
    '</head><body><main><h1>Fibre Nord</h1><p><a href="/plans">Our plans</a></p>',
    '<p>Fast internet for the whole house.</p></main></body></html>',
  ].join('\n');
}

/** The Content-Security-Policy the strict tests send as a header. */
export function strictCsp(connect: string): string {
  return `default-src 'self'; style-src 'self'; connect-src 'self' ${connect}; require-trusted-types-for 'script'`;
}

/** The files every host page needs, plus the page itself at `/`. */
export function hostFiles(
  embed: string,
  page: string,
  headers: Record<string, string> = {},
): Record<string, StaticFile> {
  const js = (body: string): StaticFile => ({ body, type: 'text/javascript', headers });
  const later = Object.entries(laterFilesFor(embed)).map(([name, body]) => [`/${name}`, js(body)] as const);
  return {
    '/': { body: page, type: 'text/html', headers },
    '/clavard.js': js(embed),
    ...Object.fromEntries(later),
    '/snippet.js': js(SNIPPET),
    '/hostile.js': js(HOSTILE_JS),
    '/error-logger.js': js(ERROR_LOGGER_JS),
    '/hostile.css': { body: HOSTILE_CSS, type: 'text/css', headers },
    '/favicon.ico': { body: new Uint8Array(0), type: 'image/x-icon', headers },
    '/plans': { body: '<!doctype html><title>Plans</title>', type: 'text/html', headers },
  };
}

/**
 * A same-origin front for the SSE test: serves `files` and forwards every `/clavard/…` request to the chat
 * server (as a site's reverse proxy does), so the HTTP channel needs no CORS.
 */
export async function serveWithChatProxy(
  files: Record<string, StaticFile>,
  chatUrl: string,
): Promise<StaticServer> {
  const target = new URL(chatUrl);
  const front = await serveStatic(files);
  const [handler] = front.server.listeners('request') as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  front.server.removeAllListeners('request');
  front.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/clavard/')) return handler?.(req, res);
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  return front;
}
