/**
 * The multi-tab file of the script tag in headless Chromium: `clavard-tabs.js` is loaded only once a
 * second tab of the site appears (one browser context: one localStorage, one BroadcastChannel, one Web
 * Locks manager), and the first tab then leads with the connection it had. Under the strict CSP with
 * Trusted Types required.
 */
import type { ServerMessage } from '@clavard/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type StaticFile, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, laterFilesFor, strictCsp } from './support/embed-page.js';

const f = useEmbedFixture();

interface Tab {
  page: Page;
  /** Paths of the script files the page requested, in order. */
  scripts: string[];
  /** WebSockets the page opened. */
  sockets: number;
  console: string[];
  errors: string[];
}

/** The host page under the strict CSP, its files in `files` (change them to serve other bytes). */
async function serve(): Promise<Record<string, StaticFile>> {
  const csp = strictCsp(`ws://127.0.0.1:${new URL(f.server.wsUrl).port}`);
  const page = hostPage({
    data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord' },
    scripts: ['/snippet.js', '/error-logger.js'],
  });
  const files = hostFiles(f.embed, page, { 'content-security-policy': csp });
  f.site = await serveStatic(files);
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  return files;
}

async function openTab(): Promise<Tab> {
  if (!f.context || !f.site) throw new Error('serve() first');
  const page = await f.context.newPage();
  const tab: Tab = { page, scripts: [], sockets: 0, console: [], errors: [] };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/clavard')) tab.scripts.push(pathname);
  });
  page.on('websocket', () => {
    tab.sockets += 1;
  });
  page.on('console', (message) => tab.console.push(message.text()));
  page.on('pageerror', (error) => tab.errors.push(error.message));
  await page.goto(`${f.site.url}/`);
  return tab;
}

/** The visitor's next message as the server stores it. */
const nextVisitorMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const stop = f.chat.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message);
    });
  });

/** Opens the chat in `tab` and sends `text` from its composer; resolves once the server stored it. */
async function sendFrom(tab: Tab, text: string): Promise<ServerMessage> {
  const { page } = tab;
  if (!(await page.getByRole('dialog').isVisible()))
    await page.getByRole('button', { name: 'Open chat' }).click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect.poll(() => composer.isVisible()).toBe(true);
  const stored = nextVisitorMessage();
  await composer.fill(text);
  await composer.press('Enter');
  return stored;
}

const visitorTexts = (): string[] =>
  f.chat
    .conversations()
    .flatMap((conversation) => f.chat.messages(conversation.id))
    .filter((message) => message.author.role === 'visitor')
    .map((message) => (message.content.kind === 'text' ? message.content.text : ''));

const clavardErrors = (tab: Tab): Array<Record<string, string>> =>
  tab.console
    .filter((line) => line.startsWith('clavard-error '))
    .map((line) => JSON.parse(line.slice('clavard-error '.length)) as Record<string, string>);

const shows = (tab: Tab, text: string): Promise<boolean> =>
  tab.page.getByRole('dialog').getByText(text, { exact: true }).isVisible();

describe('the tabs file', () => {
  it('is never requested by a visitor with one tab, who opens the chat and talks', async () => {
    await serve();
    const tab = await openTab();
    await sendFrom(tab, 'Only one tab here');
    // Delivered: the tab got the leader lock and runs alone (it connects only once it knows).
    await expect.poll(() => shows(tab, 'Only one tab here')).toBe(true);
    expect(tab.scripts).toEqual(['/clavard.js', '/clavard-panel.js']);
    expect(tab.sockets).toBe(1);
    expect(tab.console.filter((line) => line.startsWith('clavard-error'))).toEqual([]);
    expect(tab.errors).toEqual([]);
  });

  it('is loaded in both tabs once a second opens; the first keeps its connection and carries the second’s messages', async () => {
    await serve();
    const first = await openTab();
    await sendFrom(first, 'From the first tab');
    expect(f.chat.connectionCount).toBe(1);

    // The conversation in progress makes the second tab load its panel; it finds the first leading.
    const second = await openTab();
    await expect.poll(() => second.scripts.includes('/clavard-tabs.js')).toBe(true);
    await expect.poll(() => first.scripts.includes('/clavard-tabs.js')).toBe(true);
    const stored = await sendFrom(second, 'From the second tab');
    expect(stored.content).toMatchObject({ text: 'From the second tab' });
    await expect.poll(() => shows(first, 'From the second tab')).toBe(true);
    await expect.poll(() => shows(second, 'From the second tab')).toBe(true);
    await expect.poll(() => shows(second, 'From the first tab')).toBe(true);

    expect(visitorTexts()).toEqual(['From the first tab', 'From the second tab']);
    // One WebSocket in all, the first tab's, never reopened; none from the second.
    expect([first.sockets, second.sockets]).toEqual([1, 0]);
    expect(f.chat.connectionCount).toBe(1);
    expect(first.scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-tabs.js']);
    expect(second.scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-tabs.js']);
    for (const tab of [first, second]) {
      expect(tab.console.filter((line) => line.startsWith('clavard-error'))).toEqual([]);
      expect(tab.errors).toEqual([]);
    }
  });

  it('is refused when its bytes do not match the hash: one ChatError in each tab, and the next message loads it', async () => {
    const files = await serve();
    const genuine = laterFilesFor(f.embed)['clavard-tabs.js'] ?? '';
    files['/clavard-tabs.js'] = {
      body: `${genuine}\n;document.title="tampered";`,
      type: 'text/javascript',
      headers: files['/clavard.js']?.headers ?? {},
    };
    const first = await openTab();
    await sendFrom(first, 'Before the second tab');
    const second = await openTab();
    await expect.poll(() => clavardErrors(first).length + clavardErrors(second).length).toBe(2);
    for (const tab of [first, second]) {
      expect(clavardErrors(tab)).toEqual([
        expect.objectContaining({ name: 'ChatError', code: 'unavailable' }),
      ]);
      expect(await tab.page.title()).not.toBe('tampered');
    }

    files['/clavard-tabs.js'] = { ...files['/clavard-tabs.js'], body: genuine } as StaticFile;
    await sendFrom(second, 'Once the file is whole');
    await expect.poll(() => shows(first, 'Once the file is whole')).toBe(true);
    expect(visitorTexts()).toEqual(['Before the second tab', 'Once the file is whole']);
    expect([first.sockets, second.sockets]).toEqual([1, 0]);
    expect(second.scripts.filter((path) => path === '/clavard-tabs.js')).toHaveLength(2);
    for (const tab of [first, second]) {
      expect(clavardErrors(tab)).toHaveLength(1);
      expect(tab.errors).toEqual([]);
    }
  });
});
