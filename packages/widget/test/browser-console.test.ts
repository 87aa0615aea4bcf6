/**
 * What the script tag writes to the browser console, in headless Chromium: the transport and URL it chose
 * for a path `data-url` (one `info` line), and a lost connection with its URL and close code or status
 * (one `warning` line per run of failures), against the Node test server on 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, serveWithChatProxy } from './support/embed-page.js';

const f = useEmbedFixture();

/** Opens a host page whose script tag has `data`; `lines` collects the console as `<type> <text>`. */
async function open(
  data: Record<string, string>,
  proxyChat = false,
): Promise<{ page: Page; lines: string[] }> {
  const files = hostFiles(f.embed, hostPage({ data: { 'brand-name': 'Fibre Nord', ...data } }));
  f.site = proxyChat ? await serveWithChatProxy(files, f.server.url) : await serveStatic(files);
  f.context = await f.browser.newContext();
  const page = await f.context.newPage();
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()} ${message.text()}`));
  await page.goto(`${f.site.url}/`); // `load`: the script tag has run
  return { page, lines };
}

const ours = (lines: string[], type: 'info' | 'warning'): string[] =>
  lines.filter((line) => line.startsWith(`${type} clavard: `));

describe('the transport and URL chosen for a path data-url', () => {
  it('is said once for a WebSocket path', async () => {
    const { lines } = await open({ url: '/clavard/ws', transport: 'websocket' });
    const host = new URL(f.site?.url ?? '').host;
    expect(ours(lines, 'info')).toEqual([
      `info clavard: websocket ws://${host}/clavard/ws (from data-url "/clavard/ws")`,
    ]);
  });

  it('is said once for an HTTP path, which is guessed as SSE and works through the site', async () => {
    const { page, lines } = await open({ url: '/clavard', open: 'true' }, true);
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
    expect(ours(lines, 'info')).toEqual([
      `info clavard: sse ${f.site?.url}/clavard (from data-url "/clavard")`,
    ]);
    expect(ours(lines, 'warning')).toEqual([]);
  });
});

describe('a lost connection', () => {
  it('is written once per run of failures, with the URL and the close code', async () => {
    const { page, lines } = await open({ url: f.server.wsUrl, open: 'true' });
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
    expect(ours(lines, 'info')).toEqual([]); // an absolute URL is used as written: nothing guessed
    f.server.refuse(503); // every attempt from now on is closed with 1013
    const before = f.server.attempts;
    f.server.killAll();
    await expect.poll(() => f.server.attempts - before, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    // A second attempt means the first was refused (1013) and handled: still the one line for the drop.
    expect(ours(lines, 'warning')).toEqual([
      `warning clavard: connection-lost: ${f.server.wsUrl} closed with 1006`,
    ]);
  });

  it('over HTTP names the request and the status', async () => {
    const { page, lines } = await open({ url: '/clavard', open: 'true' }, true);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.isVisible()).toBe(true);
    // Refused only once the event stream is up (the panel may show before its transport file has come):
    // what fails then is the message's POST, not the stream's first GET.
    await expect.poll(() => f.server.connections).toBe(1);
    f.server.refuse(502);
    await composer.fill('Refused');
    await composer.press('Enter');
    await expect
      .poll(() => ours(lines, 'warning'))
      .toEqual([`warning clavard: connection-lost: POST ${f.site?.url}/clavard/channel/frames answered 502`]);
  });
});
