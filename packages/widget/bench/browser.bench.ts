/**
 * The widget in headless Chromium: time to mount and show the launcher, to open the panel on 1,000
 * messages, and to append one message to an open conversation of 10,000. Each figure is measured inside
 * the page (performance.now(), until the DOM holds the result and layout is done); `npm run bench`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { launchChromium, type StaticServer } from '../test/support/browser.js';
import { servePageOf } from './support/bench-bundle.js';

type Scenario = 'mountLauncher' | 'openWithHistory' | 'appendTo';

let browser: Browser;
let site: StaticServer;
let page: Page;
const figures: Record<string, number[]> = {};

beforeAll(async () => {
  site = await servePageOf('support/bench-page.ts');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 720 } });
  await page.goto(`${site.url}/`);
});

afterAll(async () => {
  for (const [name, runs] of Object.entries(figures)) {
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    console.log(
      `${name}: median ${median.toFixed(1)} ms in page over ${runs.length} runs (min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)})`,
    );
  }
  await browser.close();
  await site.close();
});

const run = async (label: string, scenario: Scenario, size?: number): Promise<void> => {
  const elapsed = await page.evaluate(
    ([name, count]) => {
      const api = Reflect.get(window, 'clavardBench') as Record<string, (size?: number) => Promise<number>>;
      return api[name]?.(count) ?? Promise.reject(new Error(`no scenario ${name}`));
    },
    [scenario, size] as const,
  );
  figures[label] = [...(figures[label] ?? []), elapsed];
};

describe('widget in Chromium', () => {
  bench('mount and show the launcher', () => run('mount + launcher', 'mountLauncher'), { iterations: 20 });
  bench('open the panel on 1,000 messages', () => run('open with 1,000', 'openWithHistory', 1000), {
    iterations: 5,
  });
  bench('append one message to 10,000', () => run('append to 10,000', 'appendTo', 10_000), {
    iterations: 3,
    time: 0,
  });
});
