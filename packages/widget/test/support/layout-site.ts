/**
 * The node side of the layout test page: the page bundled and served on 127.0.0.1, and each screen
 * opened in a page of its own (locale, theme, viewport), shown once its animations have finished.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type StaticServer, serveStatic } from './browser.js';
import { bundlePage } from './bundle-page.js';
import type { Screen } from './layout-screens.js';

/** The viewports every screen is measured at: three phones and a desktop. */
export const VIEWPORTS = {
  '320': { width: 320, height: 568 },
  '375': { width: 375, height: 667 },
  '400': { width: 400, height: 800 },
  desktop: { width: 1280, height: 800 },
} as const;

/** The name of one of {@link VIEWPORTS}. */
export type ViewportName = keyof typeof VIEWPORTS;

const PAGE = [
  '<!doctype html><html lang="en"><head><meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Fibre Nord</title>',
  '<link rel="stylesheet" href="/page.css"><script type="module" src="/layout.js"></script>',
  '</head><body><main><h1>Fibre Nord</h1><p>Fast internet for the whole house.</p></main></body></html>',
].join('\n');

/** The host page's own look: a plain shop page, light or dark as the visitor's system is. */
const PAGE_CSS = `body{font:16px system-ui,sans-serif;margin:24px;color:#222;background:#f6f6f4}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#26262a}}`;

/**
 * Bundles layout-page.ts and serves it with its host page until `close()`.
 *
 * @example
 * ```ts
 * const site = await serveLayoutSite();
 * const page = await openScreen(browser, site, { screen: 'greeting', locale: 'fr-CA' });
 * ```
 */
export async function serveLayoutSite(): Promise<StaticServer> {
  const script = await bundlePage(new URL('./layout-page.ts', import.meta.url));
  return serveStatic({
    '/': { body: PAGE, type: 'text/html' },
    '/layout.js': { body: script, type: 'text/javascript' },
    '/page.css': { body: PAGE_CSS, type: 'text/css' },
    '/favicon.ico': { body: new Uint8Array(0), type: 'image/x-icon' },
  });
}

/** Which screen {@link openScreen} shows, and how. */
export interface ScreenOptions {
  screen: Screen;
  locale: string;
  /** `auto` follows the page's colour scheme (light until `page.emulateMedia` says otherwise). */
  theme?: 'light' | 'dark' | 'auto';
  viewport?: ViewportName;
}

/**
 * A new page (in a context of its own: one viewport, one colour scheme) showing one screen at rest. The
 * page's `close()` closes its context too.
 *
 * @example
 * ```ts
 * const page = await openScreen(browser, site, { screen: 'survey', locale: 'en', viewport: '375' });
 * ```
 */
export async function openScreen(
  browser: Browser,
  site: StaticServer,
  options: ScreenOptions,
): Promise<Page> {
  const theme = options.theme ?? 'light';
  const context = await browser.newContext({
    viewport: VIEWPORTS[options.viewport ?? 'desktop'],
    colorScheme: theme === 'dark' ? 'dark' : 'light',
    locale: options.locale === 'en-XA' ? 'en' : options.locale,
    timezoneId: 'America/Toronto',
  });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams({ screen: options.screen, locale: options.locale, theme });
  await page.goto(`${site.url}/?${query}`);
  await page.waitForFunction(() => window.__clavardLayout !== undefined);
  await page.evaluate(() => window.__clavardLayout?.ready);
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  return page;
}

/**
 * Resizes `page` and resolves once the new layout is in place (two frames later).
 *
 * @example
 * ```ts
 * await resize(page, '320');
 * ```
 */
export async function resize(page: Page, viewport: ViewportName): Promise<void> {
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/**
 * The layout problems of the widget in `page` as it is laid out now.
 *
 * @example
 * ```ts
 * expect(await layoutProblemsIn(page)).toEqual([]);
 * ```
 */
export const layoutProblemsIn = (page: Page): Promise<string[]> =>
  page.evaluate(() => window.__clavardLayout?.problems() ?? ['the layout page is not ready']);

/**
 * Chromium and the layout site for a test file: started before its tests, closed after them.
 *
 * @example
 * ```ts
 * const f = useLayoutSite();
 * it('…', async () => { const page = await openScreen(f.browser, f.site, { screen: 'team' }); });
 * ```
 */
export function useLayoutSite(): { readonly browser: Browser; readonly site: StaticServer } {
  const fixture = {} as { browser: Browser; site: StaticServer };
  beforeAll(async () => {
    [fixture.browser, fixture.site] = await Promise.all([launchChromium(), serveLayoutSite()]);
  }, 60_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.site?.close();
  });
  return fixture;
}
