/**
 * The script tag in headless Chromium, on a real WebSocket server backed by the memory chat server: a
 * strict CSP with Trusted Types, a hostile host page, the conversation, the queue, configuration errors,
 * and the one global. Screenshots go to packages/widget/test-results/.
 */
import type { ServerMessage } from '@clavard/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type StaticFile, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, screenshotPath, serveWithChatProxy, strictCsp } from './support/embed-page.js';

const f = useEmbedFixture();

/** The visitor's next message as the server stores it. */
const nextVisitorMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const stop = f.chat.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message);
    });
  });

interface Opened {
  page: Page;
  console: string[];
  errors: string[];
}

async function open(
  data: Record<string, string>,
  extra: {
    csp?: string;
    styles?: string[];
    scripts?: string[];
    after?: string[];
    files?: Record<string, StaticFile>;
    proxyChat?: boolean;
  } = {},
  viewport = { width: 1024, height: 720 },
): Promise<Opened> {
  const headers: Record<string, string> = extra.csp ? { 'content-security-policy': extra.csp } : {};
  const page = hostPage({
    data,
    styles: extra.styles ?? [],
    scripts: extra.scripts ?? [],
    after: extra.after ?? [],
  });
  const files = { ...hostFiles(f.embed, page, headers), ...extra.files };
  f.site = extra.proxyChat ? await serveWithChatProxy(files, f.server.url) : await serveStatic(files);
  f.context = await f.browser.newContext({ viewport });
  const tab = await f.context.newPage();
  const consoleLines: string[] = [];
  const errors: string[] = [];
  tab.on('console', (message) => consoleLines.push(message.text()));
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${f.site.url}/`);
  return { page: tab, console: consoleLines, errors };
}

const wsPort = (): string => new URL(f.server.wsUrl).port;

describe('the script tag under a strict CSP on a hostile host page', () => {
  it('opens, sends, shows the agent by first name, with 0 CSP violations and no uncaught error', async () => {
    const {
      page,
      console: lines,
      errors,
    } = await open(
      { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', 'brand-color': '#0055aa' },
      {
        csp: strictCsp(`ws://127.0.0.1:${wsPort()}`),
        styles: ['/hostile.css'],
        scripts: ['/hostile.js'],
      },
    );
    // The host page really did pollute: these keys show up in every `for…in` on the page.
    const inherited = await page.evaluate(() => {
      const keys: string[] = [];
      for (const key in {}) keys.push(key);
      return keys;
    });
    expect(inherited).toEqual(expect.arrayContaining(['hidden', 'value', 'title', 'class', 'onClick', 'x']));
    await page.getByRole('button', { name: 'Open chat' }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.isVisible()).toBe(true);
    const received = nextVisitorMessage();
    await composer.fill('Is fibre available on rue Rachel?');
    await composer.press('Enter');
    const message = await received;
    expect(message.content).toMatchObject({ text: 'Is fibre available on rue Rachel?' });
    f.chat.agents.join(message.conversationId, { id: 'a1', firstName: 'Julie', title: 'Support' });
    f.chat.agents.send(message.conversationId, 'a1', 'Yes it is! I am Julie.');
    await expect.poll(() => page.getByRole('heading', { name: 'Julie' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('dialog').getByText('Yes it is! I am Julie.').isVisible())
      .toBe(true);
    await page.screenshot({ path: screenshotPath('embed-csp-hostile-conversation') });
    expect(lines.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
    expect(lines).toContain('host-saw-websocket'); // the host's wrapped WebSocket was used, and it worked
    expect(errors).toEqual([]);
  });

  it('keeps the host page CSS out: the panel has its own size and colours despite `* { all: unset }`', async () => {
    const { page } = await open(
      { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', open: '' },
      {
        csp: strictCsp(`ws://127.0.0.1:${wsPort()}`),
        styles: ['/hostile.css'],
        scripts: ['/hostile.js'],
      },
    );
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const box = await panel.boundingBox();
    expect(box?.width).toBe(380);
    expect(await panel.evaluate((element) => getComputedStyle(element).display)).toBe('flex');
  });

  it('runs over SSE + POST with data-transport="sse" and a same-origin path, under the same CSP, loading clavard-sse.js', async () => {
    const { page, console: lines } = await open(
      { url: '/clavard', transport: 'sse', 'brand-name': 'Fibre Nord', open: 'true' },
      { csp: strictCsp(''), scripts: ['/hostile.js'], proxyChat: true },
    );
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.isVisible()).toBe(true);
    const received = nextVisitorMessage();
    await composer.fill('Over SSE');
    await composer.press('Enter');
    expect((await received).content).toMatchObject({ text: 'Over SSE' });
    // The SSE transport is in its own file, loaded after the panel only because the tag chose SSE.
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => /^\/clavard[\w.-]*\.js$/.test(path)),
    );
    expect(loaded).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-sse.js']);
    expect(lines.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
  });
});

describe('the page API', () => {
  it('defines exactly one global, window.Clavard, and writes nothing to the console', async () => {
    const { page, console: lines } = await open({ url: f.server.wsUrl, 'brand-name': 'Fibre Nord' });
    await expect.poll(() => page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    const added = await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const fresh = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      frame.remove();
      return Object.getOwnPropertyNames(window).filter((name) => !fresh.has(name));
    });
    expect(added).toEqual(['Clavard']);
    expect(lines).toEqual([]);
  });

  it('replays the calls queued by the snippet in order, and reports bad attributes as one ChatError', async () => {
    const received = nextVisitorMessage();
    const queueCalls =
      "Clavard.open();\nClavard.send('Queued before load');\nClavard.q.push(['eval', 'alert(1)']);\n";
    const { page, console: lines } = await open(
      {
        url: f.server.wsUrl,
        'brand-name': 'Fibre Nord',
        'brand-color': 'blurple',
        position: 'top',
        open: 'maybe',
      },
      {
        scripts: ['/snippet.js', '/error-logger.js', '/queue-calls.js'],
        files: { '/queue-calls.js': { body: queueCalls, type: 'text/javascript' } },
      },
    );
    expect((await received).content).toMatchObject({ text: 'Queued before load' });
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    const errors = lines.filter((line) => line.startsWith('clavard-error '));
    expect(errors).toHaveLength(1);
    const error = JSON.parse(errors[0]?.slice('clavard-error '.length) ?? '{}') as Record<string, string>;
    expect(error).toMatchObject({ name: 'ChatError', code: 'invalid-option' });
    for (const part of [
      'data-brand-color="blurple"',
      'data-position="top"',
      'data-open="maybe"',
      'queued call #4',
    ]) {
      expect(error.message).toContain(part);
    }
  });

  it('reports the attributes the panel reads (greeting, logo) when it loads, as one more ChatError', async () => {
    const { page, console: lines } = await open(
      {
        url: f.server.wsUrl,
        'brand-name': 'Fibre Nord',
        position: 'top',
        greeting: ' ',
        'brand-logo': 'javascript:alert(1)',
      },
      { scripts: ['/snippet.js', '/error-logger.js'] },
    );
    const errors = () =>
      lines
        .filter((line) => line.startsWith('clavard-error '))
        .map((line) => JSON.parse(line.slice('clavard-error '.length)) as Record<string, string>);
    // At load, clavard.js reports what the launcher depends on; the panel's attributes wait for the panel.
    await expect.poll(() => errors().length).toBe(1);
    expect(errors()[0]?.message).toMatch(/^Clavard script tag: data-position="top" ignored/);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await expect.poll(() => errors().length).toBe(2);
    expect(errors()[1]).toMatchObject({ name: 'ChatError', code: 'invalid-option' });
    expect(errors()[1]?.message).toBe(
      'Clavard script tag: data-brand-logo="javascript:alert(1)" ignored (mount: option "brand.logoUrl" must be an https or http URL); default used; data-greeting=" " ignored (mount: option "greeting" must be a non-empty text); default used',
    );
  });

  it('still boots with defaults when attributes are wrong: the launcher is there, on the right', async () => {
    const { page } = await open({ url: f.server.wsUrl, 'brand-name': 'Fibre Nord', position: 'top' });
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    const box = await launcher.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeGreaterThan(1024 - 40);
  });
});
