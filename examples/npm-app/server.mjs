// The npm app's server for `npm start` (PORT=8081 by default, 0 for a free one): the page and its bundle, and
// a chat endpoint at /clavard/ws backed by the in-memory chat server of @clavard/adapters, where "Julie"
// joins each conversation and answers. Nothing is stored; a real app points the widget at its own backend.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { CLOSE_CODES } from '@clavard/protocol';
import { WebSocketServer } from 'ws';

/** The files served, by URL path: where they are and their type. */
const FILES = {
  '/': ['public/index.html', 'text/html; charset=utf-8'],
  '/app.js': ['dist/app.js', 'text/javascript'],
  '/app.js.map': ['dist/app.js.map', 'application/json'],
};
/** The policy the page runs under: no inline script or style, Trusted Types required. */
const CSP =
  "default-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; require-trusted-types-for 'script'";

const chat = createMemoryChatServer({
  autoAgent: { id: 'julie', firstName: 'Julie', title: 'Customer care' },
  autoReply: ({ text }) => `Thanks! I'm looking into "${text.slice(0, 60)}" for you.`,
  autoReplyDelayMs: 700,
});

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = Object.hasOwn(FILES, path) ? FILES[path] : undefined;
  if (!file) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  try {
    const body = await readFile(new URL(file[0], import.meta.url));
    response.writeHead(200, {
      'content-type': file[1],
      'content-security-policy': CSP,
      'cache-control': 'no-store',
    });
    response.end(body);
  } catch (error) {
    response
      .writeHead(500, { 'content-type': 'text/plain' })
      .end(`cannot read ${file[0]}: ${error.code ?? error}`);
  }
});

new WebSocketServer({ server, path: '/clavard/ws' }).on('connection', (socket) => {
  const connection = chat.accept({
    send: (data) => socket.send(data),
    close: (reason) => socket.close(CLOSE_CODES[reason], reason),
  });
  socket.on('message', (data) => connection.receive(String(data)));
  socket.on('close', () => connection.closed());
});

server.listen(Number(process.env.PORT ?? 8081), '127.0.0.1', () => {
  console.log(`npm app: http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    chat.dispose();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
