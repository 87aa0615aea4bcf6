/**
 * The launcher's icon and label from the script tag, in headless Chromium under the strict CSP: the
 * plain launcher of clavard.js and the panel's launcher that replaces it look and read the same
 * (computed styles, box, icon, text, accessible name) with a label and the help icon, right to left, and
 * with an image that fails to load. Screenshots go to packages/widget/test-results/.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { CHAT_PATH, HELP_PATH } from '../src/ui/icon-paths.js';
import { animationsSettled, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, screenshotPath, strictCsp } from './support/embed-page.js';

const f = useEmbedFixture();

/** The launcher's look, name, icon and label, as the browser computes them. */
const launcherLook = (page: Page) =>
  page.locator('clavard-widget button.launcher').evaluate((button) => {
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    const look: Record<string, string> = {
      name: button.getAttribute('aria-label') ?? '',
      box: `${box.x},${box.y},${box.width},${box.height}`,
    };
    for (const name of ['background-color', 'color', 'border-radius', 'box-shadow', 'padding', 'gap']) {
      look[name] = style.getPropertyValue(name);
    }
    const icon = button.querySelector('svg');
    look.icon = icon
      ? `${icon.getBoundingClientRect().width} ${icon.querySelector('path')?.getAttribute('d')}`
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

/** The tag of what has focus inside the widget's shadow root, or '' when focus is outside it. */
const focusedInWidget = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName ?? '');

/** The plain launcher's look, then the panel's once opened and closed again (at rest, without focus). */
async function bothLooks(data: Record<string, string>, shot: string) {
  const headers = { 'content-security-policy': strictCsp(`ws://127.0.0.1:${new URL(f.server.wsUrl).port}`) };
  const host = hostPage({ data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', ...data } });
  f.site = await serveStatic(hostFiles(f.embed, host, headers));
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  const page = await f.context.newPage();
  await page.goto(`${f.site.url}/`);
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

const LABELS = {
  'launcher-label': 'Questions? Chat with us',
  'launcher-label-fr': 'Des questions? Écrivez-nous',
};

for (const [name, data, text, path] of [
  [
    'a label and the help icon, in fr-CA',
    { ...LABELS, 'launcher-icon': 'help', locale: 'fr-CA' },
    LABELS['launcher-label-fr'],
    HELP_PATH,
  ],
  [
    'a label, right to left',
    { ...LABELS, locale: 'ar', position: 'left' },
    LABELS['launcher-label'],
    CHAT_PATH,
  ],
  ['an image that fails to load: the chat icon', { 'launcher-icon': '/missing.png' }, undefined, CHAT_PATH],
] as const) {
  it(`looks and reads the same as the panel’s launcher with ${name}`, async () => {
    const { plain, panel } = await bothLooks(data, `launcher-${name.replace(/\W+/g, '-')}`);
    expect(panel).toEqual(plain);
    expect(plain.icon).toBe(`28 ${path}`);
    expect(plain.name).toBe(text ?? 'Open chat');
    if (text === undefined) expect(plain.text).toBeUndefined();
    else {
      expect(plain.text).toBe(`${text} (title ${text}, dir auto) 600 ellipsis`);
      expect(plain.box?.split(',')[3]).toBe('60'); // a pill 60 px high
    }
  });
}
