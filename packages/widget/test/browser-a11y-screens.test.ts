/**
 * axe-core on the screens the layout work changed (support/layout-screens.ts): the header with its icon
 * buttons and clamped texts, the proactive bubble, the end-confirm bar, the forms, the survey and the notices, in English and
 * Quebec French, light and dark, on a 375×667 phone (the desktop panel has the same contents and
 * colours). Each screen must have no violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type StaticServer } from './support/browser.js';
import type { Screen } from './support/layout-screens.js';
import { openScreen, serveLayoutSite } from './support/layout-site.js';

const SCREENS: Screen[] = [
  'proactive',
  'team',
  'offline',
  'queue',
  'conversation',
  'end-confirm',
  'prechat',
  'leave-message',
  'survey',
  'thanks',
  'notices',
];

let browser: Browser;
let site: StaticServer;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchChromium(), serveLayoutSite()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** `"<screen> <scheme>"` → the violations as `rule: targets`, for one locale on a phone. */
async function violations(locale: string): Promise<Record<string, string[]>> {
  const runs = SCREENS.map(async (screen) => {
    const page = await openScreen(browser, site, { screen, locale, theme: 'auto', viewport: '375' });
    const found: Array<readonly [string, string[]]> = [];
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const result = await new AxeBuilder({ page }).include('clavard-widget').analyze();
        const named = result.violations.map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
        found.push([`${screen} ${colorScheme}`, named]);
      }
    } finally {
      await page.close();
    }
    return found;
  });
  return Object.fromEntries((await Promise.all(runs)).flat());
}

describe('axe-core on the changed screens', () => {
  for (const locale of ['en', 'fr-CA']) {
    it(`reports no violation in ${locale}, light and dark, on a phone`, async () => {
      const found = await violations(locale);
      expect(Object.keys(found)).toHaveLength(SCREENS.length * 2);
      expect(Object.values(found).flat()).toEqual([]);
    }, 60_000);
  }
});
