/**
 * `npm run screens`: every screen of the widget (support/layout-screens.ts) in English and Quebec French,
 * light and dark, on a desktop and on a 375×667 phone, photographed into docs/screens/ as
 * `<screen>-<locale>-<theme>-<desktop|phone>.png` (`SCREENS=a,b` for some screens only). Not part of the test run: vitest.screens.config.ts
 * is the only config that includes this file. The desktop shots are cut to the widget's corner.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { SCREENS, type Screen } from './support/layout-screens.js';
import { openScreen, useLayoutSite, VIEWPORTS } from './support/layout-site.js';

const OUT = fileURLToPath(new URL('../../../docs/screens/', import.meta.url));
const LOCALES = ['en', 'fr-CA'] as const;
const THEMES = ['light', 'dark'] as const;
const DEVICES = { desktop: 'desktop', phone: '375' } as const;
/** The desktop shot: the bottom-right corner that holds the panel and the launcher (the launcher alone). */
const CORNER = { width: 440, height: 740 };
const LAUNCHER_CORNER = { width: 160, height: 160 };
/** The launcher with a label (or faces): as wide as it may grow (400 px) and its margin. */
const LABEL_CORNER = { width: 460, height: 160 };
/** The proactive bubble above the launcher. */
const BUBBLE_CORNER = { width: 360, height: 260 };
/** `SCREENS=proactive,team npm run screens` photographs only those screens. */
const ONLY = process.env.SCREENS?.split(',');

const f = useLayoutSite();
beforeAll(() => mkdirSync(OUT, { recursive: true }));

/** One photograph; resolves with its file name. */
async function shoot(screen: Screen, locale: string, theme: 'light' | 'dark', device: keyof typeof DEVICES) {
  const viewport = DEVICES[device];
  const page = await openScreen(f.browser, f.site, { screen, locale, theme, viewport });
  const name = `${screen}-${locale}-${theme}-${device}.png`;
  const { width, height } = VIEWPORTS[viewport];
  const corner =
    screen === 'launcher'
      ? LAUNCHER_CORNER
      : screen === 'launcher-label' || screen === 'launcher-faces'
        ? LABEL_CORNER
        : screen === 'proactive'
          ? BUBBLE_CORNER
          : CORNER;
  const clip =
    device === 'desktop' ? { x: width - corner.width, y: height - corner.height, ...corner } : undefined;
  await page.screenshot({ path: `${OUT}${name}`, ...(clip ? { clip } : {}) });
  await page.close();
  return name;
}

it('photographs every screen in en and fr-CA, light and dark, desktop and phone', async () => {
  const screens = (Object.keys(SCREENS) as Screen[]).filter((screen) => !ONLY || ONLY.includes(screen));
  const jobs = screens.flatMap((screen) =>
    LOCALES.flatMap((locale) =>
      THEMES.flatMap((theme) =>
        (Object.keys(DEVICES) as Array<keyof typeof DEVICES>).map(
          (device) => () => shoot(screen, locale, theme, device),
        ),
      ),
    ),
  );
  const names: string[] = [];
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) names.push(await job());
    }),
  );
  expect(names).toHaveLength(jobs.length);
}, 300_000);
