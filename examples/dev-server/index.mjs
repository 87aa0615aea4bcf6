// The examples' development server: static files, and a WebSocket endpoint at /clavard/ws bound to the
// in-memory chat server, where "Julie" joins each conversation and answers. The reference server uses the
// same URL layout, so the pages work against either.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { CLOSE_CODES } from '@clavard/protocol';
import { WebSocketServer } from 'ws';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** The policy the example pages run under: no inline script or style, Trusted Types required. */
export const STRICT_CSP =
  "default-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; require-trusted-types-for 'script'";

/** Julie's answers: a few canned replies so the demo feels alive. */
export function demoReply({ text }) {
  const lower = text.toLowerCase();
  if (lower.includes('price') || lower.includes('prix'))
    return 'Our plans start at $45 a month. Want me to compare two of them?';
  if (lower.includes('deliver') || lower.includes('livr')) return 'We ship in 2 business days across Canada.';
  return `Thanks! I'm looking into "${text.slice(0, 60)}" for you.`;
}

/**
 * Starts the server. `routes` maps URL paths to files on disk; `/` must be one of them.
 *
 * @example
 * ```js
 * const server = await startDevServer({ port: 8080, routes: { '/': 'public/index.html' } });
 * ```
 */
export async function startDevServer({ port = 0, host = '127.0.0.1', routes, csp = STRICT_CSP }) {
  const chat = createMemoryChatServer({
    autoAgent: { id: 'julie', firstName: 'Julie', title: 'Customer care' },
    autoReply: demoReply,
    autoReplyDelayMs: 700,
  });
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!file) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch (error) {
      response
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`cannot read ${file}: ${error.code ?? error}`);
    }
  });
  const sockets = new WebSocketServer({ server, path: '/clavard/ws' });
  sockets.on('connection', (socket) => {
    const connection = chat.accept({
      send: (data) => socket.send(data),
      close: (reason) => socket.close(CLOSE_CODES[reason], reason),
    });
    socket.on('message', (data) => connection.receive(String(data)));
    socket.on('close', () => connection.closed());
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/`,
    chat,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      chat.dispose();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves a path relative to a module's folder (for `routes`). */
export const here = (meta, ...parts) => join(new URL('.', meta.url).pathname, ...parts);
