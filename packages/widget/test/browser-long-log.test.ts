/**
 * The virtualized message list on long conversations, in headless Chromium: only the rows in view (and
 * a few hundred pixels around) in the DOM, the place of what the visitor reads kept as messages come
 * below or older ones above, the "New messages" button, and Home/End reaching the first and last row.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type StaticServer, serveStatic } from './support/browser.js';
import { bundlePage } from './support/bundle-page.js';
import type { LongLogPage } from './support/long-log-page.js';

let browser: Awaited<ReturnType<typeof launchChromium>>;
let site: StaticServer;
let page: Page;

beforeAll(async () => {
  const script = await bundlePage(new URL('./support/long-log-page.tsx', import.meta.url));
  [browser, site] = await Promise.all([
    launchChromium(),
    serveStatic({
      '/': {
        body: '<!doctype html><html lang="en"><title>Long</title><script type="module" src="/page.js"></script>',
        type: 'text/html',
      },
      '/page.js': { body: script, type: 'text/javascript' },
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

afterEach(async () => {
  await page?.close();
});

/** A new page with the test page loaded, calling `name` in it with `args`. */
async function load(): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${site.url}/`);
  await page.waitForFunction(() => Reflect.has(window, 'clavardLongLog'));
}

const call = <K extends keyof LongLogPage>(name: K, ...args: Parameters<LongLogPage[K]>) =>
  page.evaluate(
    ([key, values]) =>
      (Reflect.get(window, 'clavardLongLog') as Record<string, (...a: unknown[]) => Promise<void>>)[key]?.(
        ...values,
      ),
    [name, args] as const,
  );

/** What the list shows: its rows in view (key, top relative to the list), its scroll, nodes, and the button. */
const read = (host = 'clavard-widget') =>
  page.evaluate((selector) => {
    const root = document.querySelector(selector)?.shadowRoot as ShadowRoot;
    const log = root.querySelector('.log') as HTMLElement;
    const box = log.getBoundingClientRect();
    const rows = [...log.children].map((row) => {
      const { top, bottom } = row.getBoundingClientRect();
      return {
        key: row.getAttribute('data-key') ?? '',
        pos: Number(row.getAttribute('aria-posinset')),
        size: Number(row.getAttribute('aria-setsize')),
        text: row.querySelector('.bubble')?.textContent ?? '',
        top: top - box.top,
        inView: top >= box.top - 1 && bottom <= box.bottom + 1,
      };
    });
    let nodes = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) nodes += 1;
    const jump = root.querySelector<HTMLElement>('.jump');
    const status = root.querySelector('[role=status]')?.textContent ?? '';
    return {
      rows,
      inView: rows.filter((row) => row.inView),
      scrollTop: log.scrollTop,
      nodes,
      jump: jump?.textContent ?? undefined,
      focused: root.activeElement?.className,
      status,
    };
  }, host);

/** Scrolls the list up by `pixels`, as the visitor would with the wheel, and lets it draw. */
const scrollUp = async (pixels: number, host = 'clavard-widget'): Promise<void> => {
  await page.evaluate(
    ([selector, by]) => {
      const log = document.querySelector(selector)?.shadowRoot?.querySelector('.log') as HTMLElement;
      log.scrollTop -= by;
    },
    [host, pixels] as const,
  );
  await call('frames');
};

describe('a conversation of 2,000 messages', () => {
  it('holds fewer than 1,000 nodes in the DOM, the newest message in view, each row placed in the whole', async () => {
    await load();
    await call('open', 2000);
    const { nodes, rows, inView } = await read();
    expect(nodes).toBeLessThan(1000);
    expect(rows.length).toBeLessThan(60);
    expect(inView.at(-1)?.text).toBe('Message number 1999');
    // The greeting, the visitor's hello, the notice that Julie joined, then her 1,999 messages.
    expect(rows.at(-1)).toMatchObject({ pos: 2002, size: 2002 });
  });

  it('keeps the place of what the visitor reads when a message comes, announces it and offers "New messages"', async () => {
    await load();
    await call('open', 2000);
    await scrollUp(3000);
    const before = (await read()).inView;
    expect(before.length).toBeGreaterThan(2);
    await call('agentSays', 'Are you still there?');
    const after = await read();
    expect(after.jump).toBe('New messages');
    expect(after.inView.map(({ key, top }) => ({ key, top: Math.round(top) }))).toEqual(
      before.map(({ key, top }) => ({ key, top: Math.round(top) })),
    );
    expect(after.rows.some((row) => row.text === 'Are you still there?')).toBe(false);
    // Not rendered, yet announced: the live region reads the client's events, not the rows.
    expect(after.status).toContain('Are you still there?');
  });

  it('"New messages" is reached with Tab and takes the visitor to the end', async () => {
    await load();
    await call('open', 2000);
    await scrollUp(3000);
    await call('agentSays', 'Are you still there?');
    await page.locator('.log').focus();
    await page.keyboard.press('Tab');
    expect((await read()).focused).toBe('jump');
    await page.keyboard.press('Enter');
    await call('frames');
    const after = await read();
    expect(after.inView.at(-1)?.text).toBe('Are you still there?');
    expect(after.jump).toBeUndefined();
    expect(after.focused).toBe('log');
  });

  it('Home and End on the list reach the first and the last message', async () => {
    await load();
    await call('open', 2000);
    await page.locator('.log').focus();
    await page.keyboard.press('Home');
    await call('frames');
    const top = await read();
    expect(top.inView[0]).toMatchObject({ pos: 1, key: 'greeting' });
    expect(top.inView.some((row) => row.text === 'hello')).toBe(true);
    await page.keyboard.press('End');
    await call('frames');
    expect((await read()).inView.at(-1)?.text).toBe('Message number 1999');
  });

  it('keeps the row in view in its place when older messages come in above', async () => {
    await load();
    await call('standIn', 600, 300);
    await scrollUp(2000, '#stand-in');
    const before = (await read('#stand-in')).inView;
    expect(before.length).toBeGreaterThan(2);
    await call('prepend');
    const after = await read('#stand-in');
    const [first] = before;
    const same = after.inView.find((row) => row.key === first?.key);
    expect(Math.round(same?.top ?? Number.NaN)).toBe(Math.round(first?.top ?? 0));
    expect(same?.pos).toBe((first?.pos ?? 0) + 301);
  });
});
