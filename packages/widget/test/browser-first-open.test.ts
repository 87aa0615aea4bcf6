/**
 * The panel's first open from the script tag, in headless Chromium: the frame in which the panel first
 * appears already has the composer focused (no second style pass and paint for the focus after it), and
 * on a wide viewport opening writes no visual-viewport variables (only phones use them).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage } from './support/embed-page.js';

const f = useEmbedFixture();

/**
 * A host script: once the panel is added to the widget's shadow root, logs what has the focus there in
 * the next animation frame's callback, which runs before that frame is painted.
 */
const FIRST_FRAME_JS = `document.addEventListener('DOMContentLoaded', function () {
  var root = document.querySelector('clavard-widget').shadowRoot;
  var observer = new MutationObserver(function () {
    if (!root.querySelector('.panel')) return;
    observer.disconnect();
    requestAnimationFrame(function () {
      var active = root.activeElement;
      console.log('first-frame-focus ' + (active ? active.tagName.toLowerCase() + '#' + active.id : 'none'));
    });
  });
  observer.observe(root, { childList: true, subtree: true });
});
`;

/** A desktop-sized page with the script tag (and `/first-frame.js` after it). */
async function openPage(): Promise<Page> {
  const page = hostPage({
    data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord' },
    after: ['/first-frame.js'],
  });
  f.site = await serveStatic({
    ...hostFiles(f.embed, page),
    '/first-frame.js': { body: FIRST_FRAME_JS, type: 'text/javascript' },
  });
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  return f.context.newPage();
}

/** The visual viewport's height as written on the host element, `''` when not written. */
const viewportHeight = (tab: Page): Promise<string> =>
  tab.evaluate(
    () =>
      document.querySelector<HTMLElement>('clavard-widget')?.style.getPropertyValue('--clavard-vv-height') ??
      '',
  );

describe('first open', () => {
  it('paints the panel with the composer already focused', async () => {
    const tab = await openPage();
    const logged = new Promise<string>((resolve) => {
      tab.on('console', (message) => {
        if (message.text().startsWith('first-frame-focus ')) resolve(message.text());
      });
    });
    await tab.goto(`${f.site?.url}/`);
    await tab.getByRole('button', { name: 'Open chat' }).click();
    expect(await logged).toBe('first-frame-focus textarea#clavard-composer');
  });

  it('writes the visual viewport on the host only once the viewport is phone-sized', async () => {
    const tab = await openPage();
    await tab.goto(`${f.site?.url}/`);
    await tab.getByRole('button', { name: 'Open chat' }).click();
    await tab.getByRole('dialog').waitFor();
    expect(await viewportHeight(tab)).toBe('');
    await tab.setViewportSize({ width: 375, height: 667 });
    await expect.poll(() => viewportHeight(tab)).toBe('667px');
  });
});
