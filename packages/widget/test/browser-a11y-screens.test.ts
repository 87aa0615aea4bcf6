/**
 * axe-core on every screen of the widget (support/layout-screens.ts: the launcher, the greeting, who is
 * there, the forms, the queue, the conversation, the end bar, the notices, the survey…), in English and
 * Quebec French, light and dark, on a 375×667 phone (the desktop panel has the same contents and
 * colours). Each screen must have no violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { SCREENS as ALL_SCREENS, type Screen } from './support/layout-screens.js';
import { openScreen, useLayoutSite } from './support/layout-site.js';

const SCREENS = Object.keys(ALL_SCREENS) as Screen[];
/** Pages analysed at once: more only queue up on a two-core machine. */
const AT_ONCE = 4;

const f = useLayoutSite();

/** `"<screen> <scheme>"` → the violations as `rule: targets`, for one locale on a phone. */
async function violations(locale: string): Promise<Record<string, string[]>> {
  const check = async (screen: Screen) => {
    const page = await openScreen(f.browser, f.site, { screen, locale, theme: 'auto', viewport: '375' });
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
  };
  const queue = [...SCREENS];
  const found: Array<readonly [string, string[]]> = [];
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let screen = queue.shift(); screen; screen = queue.shift()) found.push(...(await check(screen)));
    }),
  );
  return Object.fromEntries(found);
}

describe('axe-core on every screen', () => {
  for (const locale of ['en', 'fr-CA']) {
    it(`reports no violation in ${locale}, light and dark, on a phone`, async () => {
      const found = await violations(locale);
      expect(Object.keys(found)).toHaveLength(SCREENS.length * 2);
      expect(Object.values(found).flat()).toEqual([]);
    }, 120_000);
  }
});
