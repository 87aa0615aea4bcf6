/**
 * The script tag's proactive message in headless Chromium, on a real WebSocket server backed by the
 * memory chat server: the bubble shows after its delay on a page its path matches and not on another,
 * announces itself, opens the panel when clicked, and the page hears `proactive.shown` and
 * `proactive.clicked` through `window.Clavard.on()`.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage } from './support/embed-page.js';

const f = useEmbedFixture();

const EVENTS_JS = `window.__events = [];
window.Clavard.on('proactive.shown', function (event) { window.__events.push('shown ' + event.ruleId); });
window.Clavard.on('proactive.clicked', function (event) { window.__events.push('clicked ' + event.ruleId); });`;

/** The page at `path` with a script tag whose rule shows after 1 s on /plans/*; returns it and when it was loaded. */
async function visit(
  path: string,
  extra: Record<string, string> = {},
  fakeClock = false,
): Promise<{ page: Page; loadedAt: number }> {
  const data = {
    url: f.server.wsUrl,
    'brand-name': 'Fibre Nord',
    'proactive-text': 'Questions about our plans? Julie is online',
    'proactive-after': '1',
    'proactive-path': '/plans/*',
    'proactive-id': 'plans',
    ...extra,
  };
  const page = hostPage({ data, after: ['/events.js'] });
  const files = hostFiles(f.embed, page);
  const html = files['/'];
  if (!html) throw new Error('no page');
  f.site = await serveStatic({
    ...files,
    '/plans/fibre': html,
    '/support': html,
    '/events.js': { body: EVENTS_JS, type: 'text/javascript' },
  });
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  const tab = await f.context.newPage();
  // The page's timers on a clock the test moves on, instead of waiting for them in real time.
  if (fakeClock) await tab.clock.install();
  const loadedAt = Date.now();
  await tab.goto(`${f.site.url}${path}`);
  return { page: tab, loadedAt };
}

const events = (page: Page): Promise<string[]> =>
  page.evaluate(() => Reflect.get(window, '__events') as string[]);

describe('the script tag’s proactive message', () => {
  it('shows after its delay on a matching page, is announced, and opens the panel when clicked', async () => {
    const { page, loadedAt } = await visit('/plans/fibre');
    const bubble = page.locator('clavard-widget .proactive-text');
    await bubble.waitFor({ state: 'visible' });
    expect(Date.now() - loadedAt).toBeGreaterThanOrEqual(1000);
    expect(await bubble.textContent()).toBe('Questions about our plans? Julie is online');
    expect(await page.locator('clavard-widget [aria-live="polite"]').textContent()).toContain(
      'Questions about our plans?',
    );
    expect(await events(page)).toEqual(['shown plans']);
    await bubble.click();
    await page.locator('clavard-widget [role="dialog"]').waitFor({ state: 'visible' });
    expect(await page.locator('clavard-widget .proactive').count()).toBe(0);
    expect(await events(page)).toEqual(['shown plans', 'clicked plans']);
  });

  it('does not show on a page its path does not match', async () => {
    const { page } = await visit('/support', {}, true);
    // The panel file came (it holds the rules) and connected: the rule had its chance.
    await page.locator('clavard-widget [aria-live="polite"]').waitFor({ state: 'attached' });
    await expect.poll(() => f.chat.connectionCount).toBe(1);
    // Nothing to await for something that must not happen: the 1 s rule gets twice its time, on the page's clock.
    await page.clock.runFor(2000);
    expect(await page.locator('clavard-widget .proactive').count()).toBe(0);
    expect(await events(page)).toEqual([]);
  });

  it('before consent, loads no more than the launcher: no panel file, no connection, no storage, no bubble', async () => {
    const { page } = await visit(
      '/plans/fibre',
      { 'consent-version': '2026-11', 'proactive-offline': '' },
      true,
    );
    await page.locator('clavard-widget button.launcher').waitFor();
    // Nothing to await for something that must not happen: the 1 s rule gets twice its time, on the page's clock.
    await page.clock.runFor(2000);
    expect(await page.locator('script[src*="clavard-panel"]').count()).toBe(0);
    expect(await page.locator('clavard-widget .proactive').count()).toBe(0);
    expect(f.chat.connectionCount).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  });
});
