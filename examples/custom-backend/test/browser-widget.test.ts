// The script-tag widget in headless Chromium, on a shop page served from another origin, talking to the
// custom backend: over the HTTP channel (an http: data-url: SSE down, POST up, cross-origin) and over
// WebSocket. The visitor opens the chat, sends a message and reads Robin's answer. Screenshots go to
// examples/custom-backend/test-results/ (the README shows the HTTP one, copied to docs/).
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  animationsSettled,
  launchChromium,
  type StaticServer,
  serveStatic,
} from '../../../packages/widget/test/support/browser.js';
import { buildEmbed, hostFiles, hostPage } from '../../../packages/widget/test/support/embed-page.js';
import { type CustomBackend, startCustomBackend } from '../src/server.js';

const results = fileURLToPath(new URL('../test-results/', import.meta.url));

let browser: Browser;
let embed: string;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  [browser, embed] = await Promise.all([launchChromium(), buildEmbed()]);
}, 60_000); // esbuild and terser on the script-tag files
afterAll(() => browser.close());
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

/** data-url for each way in, and the path the page must then have requested. */
const ways: Array<[string, (backend: CustomBackend) => string, string]> = [
  ['the HTTP channel (SSE + POST)', (backend) => backend.httpUrl, '/clavard/channel/events'],
  ['WebSocket', (backend) => backend.wsUrl, '/clavard/ws'],
];

describe.each(ways)('the script tag on the custom backend over %s', (name, dataUrl, path) => {
  it('opens, sends, and shows Robin and his answer', async () => {
    const backend = await startCustomBackend();
    opened.push(backend);
    const page = hostPage({ data: { url: dataUrl(backend), 'brand-name': 'Fibre Nord' } });
    const site: StaticServer = await serveStatic(hostFiles(embed, page));
    opened.push(site);
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    opened.push(context);
    const tab = await context.newPage();
    const errors: string[] = [];
    const requested: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('request', (request) => requested.push(new URL(request.url()).pathname));
    tab.on('websocket', (socket) => requested.push(new URL(socket.url()).pathname));
    await tab.goto(`${site.url}/`);

    await tab.getByRole('button', { name: 'Open chat' }).click();
    const composer = tab.getByRole('textbox', { name: 'Message' });
    await composer.fill('Is fibre available on rue Rachel?');
    await composer.press('Enter');
    const panel = tab.getByRole('dialog');
    const answer = panel.getByText('Robin here: I read “Is fibre available on rue Rachel?”.');
    await answer.waitFor({ timeout: 10_000 });
    await panel.getByRole('heading', { name: 'Robin' }).waitFor({ timeout: 1000 });
    await animationsSettled(tab);
    await tab.screenshot({ path: `${results}widget-${path.endsWith('/ws') ? 'websocket' : 'http'}.png` });

    expect(requested, name).toContain(path);
    expect(errors).toEqual([]);
  }, 30_000);
});
