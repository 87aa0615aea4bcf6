/**
 * Who is there before the first message, in headless Chromium: the team row with a picture, an initial
 * and a picture that fails to load, in en and fr-CA, light and dark, checked by axe-core. Screenshots go
 * to packages/widget/test-results/.
 */

import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { animationsSettled, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, screenshotPath } from './support/embed-page.js';

const f = useEmbedFixture();

/** A portrait-like picture: head and shoulders on a coloured ground. */
const portrait = (ground: string, skin: string, hair: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${ground}"/>` +
  `<circle cx="32" cy="26" r="13" fill="${skin}"/><path d="M19 24a13 13 0 0 1 26 0c-4-6-18-8-26 0z" fill="${hair}"/>` +
  `<path d="M8 64c2-13 12-20 24-20s22 7 24 20z" fill="${hair}" opacity=".85"/></svg>`;

describe('the team row', () => {
  for (const locale of ['en', 'fr-CA']) {
    it(`shows faces and the sentence before the first message, passes axe, in ${locale}`, async () => {
      const svg = (body: string) => ({ body, type: 'image/svg+xml' });
      const page = hostPage({ data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', open: '', locale } });
      f.site = await serveStatic({
        ...hostFiles(f.embed, page),
        '/julie.svg': svg(portrait('#f4c7a1', '#8d5524', '#2b1b10')),
        '/ana.svg': svg(portrait('#b5d3e7', '#f1c27d', '#6b3e26')),
      });
      f.chat.setAvailability({
        online: true,
        expectedWaitSeconds: 180,
        agents: [
          { firstName: 'Julie', avatarUrl: `${f.site.url}/julie.svg` },
          { firstName: 'Marc' },
          { firstName: 'Ana', avatarUrl: `${f.site.url}/missing.png` },
        ],
      });
      f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
      const tab = await f.context.newPage();
      await tab.goto(`${f.site.url}/`);
      const line = tab.locator('clavard-widget .team-line');
      await expect
        .poll(() => line.textContent())
        .toBe(
          locale === 'en'
            ? 'Julie, Marc, and Ana usually reply in a few minutes'
            : 'Julie, Marc et Ana répondent habituellement en quelques minutes',
        );
      // Julie's picture loads; Ana's fails and becomes her initial, as Marc has none.
      const faces = tab.locator('clavard-widget .faces > *');
      await expect
        .poll(() => faces.evaluateAll((all) => all.map((face) => face.tagName + (face.textContent ?? ''))))
        .toEqual(['IMG', 'SPANM', 'SPANA']);
      expect(
        await tab.locator('clavard-widget .faces img').evaluate((img: HTMLImageElement) => img.naturalWidth),
      ).toBeGreaterThan(0);
      const violations: Record<string, string[]> = {};
      for (const colorScheme of ['light', 'dark'] as const) {
        await tab.emulateMedia({ colorScheme });
        await animationsSettled(tab);
        const result = await new AxeBuilder({ page: tab }).include('clavard-widget').analyze();
        violations[colorScheme] = result.violations.map((violation) => violation.id);
        await tab.screenshot({ path: screenshotPath(`team-${locale}-${colorScheme}`) });
      }
      expect(violations).toEqual({ light: [], dark: [] });
    }, 30_000);
  }
});
