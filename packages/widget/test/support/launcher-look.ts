/**
 * The launcher as the browser computes it, for the tests that compare the plain launcher of clavard.js
 * with the panel's launcher that replaces it (browser-embed-split, browser-launcher).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { animationsSettled } from './browser.js';
import { screenshotPath } from './embed-page.js';

/** The tag of what has focus inside the widget's shadow root, or '' when focus is outside it. */
export const focusedInWidget = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName ?? '');

/** The launcher's look, name, icon and label, as the browser computes them. */
export const launcherLook = (page: Page) =>
  page.locator('clavard-widget button.launcher').evaluate((button) => {
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    const look: Record<string, string> = {
      name: button.getAttribute('aria-label') ?? '',
      expanded: button.getAttribute('aria-expanded') ?? '',
      box: `${box.x},${box.y},${box.width},${box.height}`,
    };
    const properties = ['background-color', 'color', 'border-radius', 'box-shadow', 'padding', 'gap'];
    for (const name of [...properties, 'position', 'z-index', 'cursor']) {
      look[name] = style.getPropertyValue(name);
    }
    const icon = button.querySelector('svg');
    look.icon = icon
      ? `${icon.getBoundingClientRect().width} ${getComputedStyle(icon).fill} ${icon.querySelector('path')?.getAttribute('d')}`
      : 'none';
    const text = button.querySelector<HTMLElement>('.launcher-label');
    if (text) {
      const { x, width } = text.getBoundingClientRect();
      const { fontWeight, textOverflow } = getComputedStyle(text);
      look.text = `${text.textContent} (title ${text.title}, dir ${text.dir}) ${fontWeight} ${textOverflow}`;
      look.textBox = `${x},${width}`;
    }
    return look;
  });

/**
 * The plain launcher's look on `page`, then the panel's: opened with a click, closed with Escape (the
 * focus back on the launcher), and compared at rest without focus. The screenshot goes to `shot`.
 *
 * @example
 * ```ts
 * const { plain, panel } = await plainThenPanelLook(page, 'split-panel-launcher-en');
 * expect(panel).toEqual(plain);
 * ```
 */
export async function plainThenPanelLook(page: Page, shot: string) {
  const launcher = page.locator('clavard-widget button.launcher');
  await expect.poll(() => launcher.isVisible()).toBe(true);
  await animationsSettled(page); // a custom image has loaded or failed
  const plain = await launcherLook(page);
  await launcher.click();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => focusedInWidget(page)).toBe('BUTTON'); // focus is back on the launcher
  await page.mouse.click(500, 300); // the launcher loses focus: compare it at rest
  await expect.poll(() => focusedInWidget(page)).toBe('');
  await animationsSettled(page);
  await page.screenshot({ path: screenshotPath(shot) });
  return { plain, panel: await launcherLook(page) };
}
