#!/usr/bin/env node
// What a visitor downloads by the time the chat is open, measured in headless Chromium: serves the built
// script-tag files (dist/embed/, after `npm run build`) compressed as a CDN would (brotli quality 11 when
// the browser accepts it, else gzip), loads a page with the script tag, opens the chat with a click, and
// sums the transferred body bytes of the script responses (Playwright's `request.sizes()`). The floor is the
// same files compressed in memory, without HTTP: the ratio says what the transfer adds. Run from the
// repository root:
//   node packages/widget/scripts/embed-open-bytes.mjs
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../dist/embed/', import.meta.url));
const encoders = {
  br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};
const page = `<!doctype html><html lang="en"><title>Shop</title><body><h1>Shop</h1>
<script src="/clavard.js" data-url="ws://127.0.0.1:9/ws" data-brand-name="Fibre Nord"></script></body></html>`;

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    return;
  }
  const bytes = await readFile(`${dist}${path.slice(1)}`).catch(() => undefined);
  if (!/^\/clavard[\w.-]*\.js$/.test(path) || bytes === undefined) {
    response.writeHead(404).end();
    return;
  }
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const encoding = accepted.includes('br') ? 'br' : 'gzip';
  response
    .writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': encoding })
    .end(encoders[encoding](bytes));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const tab = await browser.newPage();
  const scripts = [];
  tab.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') scripts.push(request);
  });
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.getByRole('button', { name: 'Open chat' }).click();
  await tab.getByRole('dialog').waitFor();
  let transferred = 0;
  let floor = 0;
  for (const request of scripts) {
    const { responseBodySize } = await request.sizes();
    const response = await request.response();
    const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
    const name = new URL(request.url()).pathname.slice(1);
    const inMemory = encoders[encoding]?.(await readFile(`${dist}${name}`)).length ?? responseBodySize;
    transferred += responseBodySize;
    floor += inMemory;
    console.log(
      `${name}: ${responseBodySize} B transferred (${encoding}; ${inMemory} B compressed in memory)`,
    );
  }
  console.log(
    `open: ${transferred} B of script transferred; floor (the same files compressed in memory) ${floor} B; ratio ${(transferred / floor).toFixed(3)}`,
  );
} finally {
  await browser.close();
  server.close();
}
