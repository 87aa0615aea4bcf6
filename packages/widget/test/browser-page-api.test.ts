/**
 * Several script tags and the page API in headless Chromium, on a real WebSocket server backed by the
 * memory chat server, under a strict CSP with Trusted Types: two tags with different namespaces give two
 * widgets that both work, a third tag for a namespace already shown is refused in the console, and
 * `Clavard.unread` counts agent messages while the panel is closed.
 */
import type { ServerMessage } from '@clavard/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ClavardApi } from '../src/embed/embed-api-types.js';
import { serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, strictCsp } from './support/embed-page.js';

const f = useEmbedFixture();

/** The next visitor message the server stores. */
const nextVisitorMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const stop = f.chat.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message);
    });
  });

/** A host page with one script tag per entry of `tags` (their `data-*` attributes, beside `data-url`). */
async function openPage(
  tags: Array<Record<string, string>>,
  trustedTypes = '',
): Promise<{ page: Page; errors: string[] }> {
  const scripts = tags.map((data) => {
    const attributes = Object.entries({ url: f.server.wsUrl, ...data })
      .map(([name, value]) => ` data-${name}="${value}"`)
      .join('');
    return `<script src="/clavard.js"${attributes}></script>`;
  });
  const page = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fibre Nord shop</title>',
    ...scripts,
    '</head><body><main><h1>Fibre Nord</h1></main></body></html>',
  ].join('\n');
  const csp = strictCsp(`ws://127.0.0.1:${new URL(f.server.wsUrl).port}`) + trustedTypes;
  const headers = { 'content-security-policy': csp };
  f.site = await serveStatic(hostFiles(f.embed, page, headers));
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  const tab = await f.context.newPage();
  const errors: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${f.site.url}/`);
  return { page: tab, errors };
}

/** Runs `open({ message })` on the widget of `namespace` ('' for `window.Clavard`) in the page. */
const openWith = (page: Page, namespace: string, message: string): Promise<void> =>
  page.evaluate(
    ([name, draft]) => {
      const first = Reflect.get(window, 'Clavard') as ClavardApi;
      (name === '' ? first : first.get(name))?.open({ message: draft });
    },
    [namespace, message] as const,
  );

describe('several script tags', () => {
  it('give one widget per namespace, both working, and refuse a second tag for a namespace in the console', async () => {
    const { page, errors } = await openPage([
      { 'brand-name': 'Fibre Nord' },
      { 'brand-name': 'Billing', namespace: 'billing', position: 'left' },
      { 'brand-name': 'Fibre Nord again' },
    ]);
    await expect.poll(() => page.locator('clavard-widget').count()).toBe(2);
    expect(errors).toEqual([
      expect.stringContaining('Clavard: a second script tag for data-namespace="default" is ignored'),
    ]);
    const same = await page.evaluate(() => {
      const first = Reflect.get(window, 'Clavard') as ClavardApi;
      return first.get('default') === first && first.get('billing') !== undefined;
    });
    expect(same).toBe(true);

    const widgets = [
      ['', 'default', 'About my plan: ', 'fibre at home?'],
      ['billing', 'billing', 'About my bill: ', 'a late fee?'],
    ] as const;
    const conversations = new Set<string>();
    for (const [name, namespace, draft, rest] of widgets) {
      const host = page.locator(`clavard-widget[data-namespace="${namespace}"]`);
      const received = nextVisitorMessage();
      await openWith(page, name, draft);
      const composer = host.getByRole('textbox', { name: 'Message' });
      await expect.poll(() => composer.inputValue()).toBe(draft);
      await composer.press('End');
      await composer.pressSequentially(rest);
      await composer.press('Enter');
      const message = await received;
      expect(message.content).toMatchObject({ text: `${draft}${rest}` });
      conversations.add(message.conversationId);
    }
    expect(conversations.size).toBe(2); // two visitors' sessions: the namespaces share nothing
    expect(errors).toHaveLength(1);
  });

  it('share one Trusted Types policy `clavard` where the page allows that name once', async () => {
    const { page, errors } = await openPage(
      [{ 'brand-name': 'Fibre Nord' }, { 'brand-name': 'Billing', namespace: 'billing', position: 'left' }],
      '; trusted-types clavard',
    );
    await expect.poll(() => page.locator('clavard-widget').count()).toBe(2);
    for (const [name, namespace] of [
      ['', 'default'],
      ['billing', 'billing'],
    ] as const) {
      await openWith(page, name, 'Hello');
      const composer = page
        .locator(`clavard-widget[data-namespace="${namespace}"]`)
        .getByRole('textbox', { name: 'Message' });
      await expect.poll(() => composer.inputValue()).toBe('Hello');
    }
    expect(errors).toEqual([]);
  });
});

describe('Clavard.unread', () => {
  it('counts agent messages while the panel is closed, with unread events, and goes back to 0 on open', async () => {
    const { page, errors } = await openPage([{ 'brand-name': 'Fibre Nord' }]);
    const received = nextVisitorMessage();
    await openWith(page, '', '');
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello');
    await composer.press('Enter');
    const { conversationId } = await received;
    f.chat.agents.join(conversationId, { id: 'a1', firstName: 'Julie' });
    await page.evaluate(() => {
      const clavard = Reflect.get(window, 'Clavard') as ClavardApi;
      clavard.close();
      clavard.on('unread', (count) => {
        document.title = `unread ${count}`;
      });
    });
    f.chat.agents.send(conversationId, 'a1', 'Still there?');
    await expect.poll(() => page.title()).toBe('unread 1');
    expect(await page.evaluate(() => (Reflect.get(window, 'Clavard') as ClavardApi).unread)).toBe(1);
    await openWith(page, '', '');
    await expect.poll(() => page.title()).toBe('unread 0');
    expect(await page.evaluate(() => (Reflect.get(window, 'Clavard') as ClavardApi).unread)).toBe(0);
    expect(errors).toEqual([]);
  });
});
