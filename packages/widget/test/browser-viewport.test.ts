/**
 * The panel on a 375×667 phone and its message list, in headless Chromium on the layout test page
 * (support/layout-page.ts): a compact header, inputs large enough that iOS does not zoom into them, the
 * panel following the visual viewport when it shrinks (as it does under an on-screen keyboard) with the
 * newest message still in view, and the list scrolled to a form or survey that comes after the last
 * message. Boxes only, never pixels.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Screen } from './support/layout-screens.js';
import { openScreen, useLayoutSite } from './support/layout-site.js';

const f = useLayoutSite();

const phone = (screen: Screen, locale = 'fr-CA'): Promise<Page> =>
  openScreen(f.browser, f.site, { screen, locale, viewport: '375' });

/** A box of the widget, in CSS pixels of the layout viewport. */
interface Box {
  top: number;
  bottom: number;
  height: number;
}

/** The boxes of `selectors` in the widget (the last match of each), and the visual viewport's. */
const boxes = (page: Page, selectors: string[]) =>
  page.evaluate((wanted) => {
    const root = document.querySelector('clavard-widget')?.shadowRoot;
    const out: Record<string, Box | undefined> = {};
    for (const selector of wanted) {
      const box = [...(root?.querySelectorAll(selector) ?? [])].at(-1)?.getBoundingClientRect();
      out[selector] = box && { top: box.top, bottom: box.bottom, height: box.height };
    }
    const viewport = window.visualViewport;
    out.viewport = viewport
      ? { top: viewport.offsetTop, bottom: viewport.offsetTop + viewport.height, height: viewport.height }
      : undefined;
    return out;
  }, selectors);

describe('on a 375×667 phone', () => {
  it('the header is at most 56 px tall in a conversation with a long name and title', async () => {
    const page = await phone('conversation');
    const { '.header': header } = await boxes(page, ['.header']);
    expect(header?.height).toBeGreaterThan(0);
    expect(header?.height).toBeLessThanOrEqual(56);
    await page.close();
  });

  it('every text field is at least 16 px, so iOS does not zoom into it', async () => {
    const sizes: Record<string, string[]> = {};
    for (const screen of ['conversation', 'prechat', 'verification', 'survey'] as const) {
      const page = await phone(screen);
      sizes[screen] = await page.evaluate(() => {
        const root = document.querySelector('clavard-widget')?.shadowRoot;
        const fields = [...(root?.querySelectorAll('input, textarea, select') ?? [])].filter(
          (field) => !(field instanceof HTMLInputElement && ['checkbox', 'radio'].includes(field.type)),
        );
        return fields
          .map((field) => ({ field, size: Number.parseFloat(getComputedStyle(field).fontSize) }))
          .filter(({ size }) => !(size >= 16))
          .map(({ field, size }) => `${field.tagName.toLowerCase()}#${field.id}: ${size}px`);
      });
      expect(sizes[screen]?.length, `${screen} has fields`).not.toBeUndefined();
      await page.close();
    }
    expect(sizes).toEqual({ conversation: [], prechat: [], verification: [], survey: [] });
  });

  it('follows the visual viewport as it shrinks: the composer above the keyboard, the newest message in view', async () => {
    const page = await phone('conversation');
    // Zooming in shrinks the visual viewport and leaves the layout viewport as it is, as an on-screen
    // keyboard does: the visual viewport's `resize` event is what the panel follows.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1.5 });
    await expect.poll(() => page.evaluate(() => window.visualViewport?.height)).toBeCloseTo(667 / 1.5, 0);
    const read = () => boxes(page, ['.panel', '.composer', '.log', '.log > li.group .bubble']);
    await expect.poll(async () => (await read())['.panel']?.height).toBeCloseTo(667 / 1.5, 0);
    const { viewport, '.panel': panel, '.composer': composer, '.log': log, ...last } = await read();
    const newest = last['.log > li.group .bubble'];
    expect(panel?.top).toBeCloseTo(viewport?.top ?? Number.NaN, 0);
    expect(composer?.bottom).toBeLessThanOrEqual((viewport?.bottom ?? 0) + 1);
    expect(newest?.top).toBeGreaterThanOrEqual((log?.top ?? 0) - 1);
    expect(newest?.bottom).toBeLessThanOrEqual((log?.bottom ?? 0) + 1);
    await page.close();
  });
});

describe('the message list', () => {
  for (const [screen, what] of [
    ['prechat', 'a form'],
    ['survey', 'the end survey'],
  ] as const) {
    it(`scrolls to ${what} that comes after the last message`, async () => {
      const page = await openScreen(f.browser, f.site, { screen, locale: 'en', viewport: 'desktop' });
      const { '.log': log, '.log > li:last-child': row } = await boxes(page, [
        '.log',
        '.log > li:last-child',
      ]);
      expect(row?.height).toBeGreaterThan(100); // the form itself, not "Loading…"
      expect(row?.bottom).toBeLessThanOrEqual((log?.bottom ?? 0) + 1);
      expect(row?.bottom).toBeGreaterThan((log?.bottom ?? 0) - 40);
      await page.close();
    });
  }
});
