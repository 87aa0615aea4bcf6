/**
 * The layout holds in every language: each screen of the widget (layout-screens.ts), in English, Quebec
 * French and the pseudo-locale en-XA (every text 40 % longer, accented), at 320, 375 and 400 px wide and
 * on a desktop, is measured in headless Chromium: no word broken inside, no content wider than its box
 * (unless cut with an ellipsis and its whole text in `title`), nothing cut at the bottom, no button
 * label outside its button, the panel and launcher inside the viewport. Boxes and line boxes, never
 * pixels: see support/layout-measure.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, type Screen } from './support/layout-screens.js';
import {
  layoutProblemsIn,
  openScreen,
  resize,
  useLayoutSite,
  VIEWPORTS,
  type ViewportName,
} from './support/layout-site.js';
import { PSEUDO_LOCALE } from './support/pseudo-locale.js';

const LOCALES = ['en', 'fr-CA', PSEUDO_LOCALE] as const;
const [FIRST, ...OTHERS] = Object.keys(VIEWPORTS) as [ViewportName, ...ViewportName[]];
const SIZES = [FIRST, ...OTHERS];
/** Pages measured at once: enough to keep both cores busy, few enough not to starve them. */
const PARALLEL = 6;

const f = useLayoutSite();
/** `"<locale> <screen>"` → viewport → its problems. */
const measured = new Map<string, Record<string, string[]>>();

/** Runs `jobs` with at most `limit` at a time. */
async function pool(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** One screen in one locale, measured at each viewport in turn (one page, resized). */
async function measure(locale: string, screen: Screen): Promise<void> {
  const page = await openScreen(f.browser, f.site, { screen, locale, viewport: FIRST });
  const results: Record<string, string[]> = {};
  try {
    for (const size of SIZES) {
      if (size !== FIRST) await resize(page, size);
      results[size] = await layoutProblemsIn(page);
    }
  } finally {
    await page.close();
  }
  measured.set(`${locale} ${screen}`, results);
}

beforeAll(async () => {
  const jobs = LOCALES.flatMap((locale) =>
    (Object.keys(SCREENS) as Screen[]).map((screen) => () => measure(locale, screen)),
  );
  await pool(jobs, PARALLEL);
}, 120_000);

const NONE = Object.fromEntries(SIZES.map((size) => [size, []]));

for (const locale of LOCALES) {
  describe(`in ${locale}`, () => {
    for (const [screen, { label }] of Object.entries(SCREENS)) {
      it(`${screen} (${label}) holds its layout at ${SIZES.join(', ')}`, () => {
        expect(measured.get(`${locale} ${screen}`)).toEqual(NONE);
      });
    }
  });
}
