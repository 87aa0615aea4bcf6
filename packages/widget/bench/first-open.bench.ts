/**
 * The panel's first open, as a visitor of a site with the script tag pays it: a click on the launcher,
 * the panel file loaded, run and rendered, until the composer has the focus and that frame is painted.
 * Measured with a Chromium trace, on a fresh browser context each time (no HTTP or code cache): the
 * renderer main thread's CPU from the click's task to the painted frame, by activity (support/trace-cpu.ts).
 * The floor, in the same run and on the same host page: Preact + @preact/signals, bundled by esbuild
 * (minified IIFE) and loaded on click the same way, rendering a short list and a focused textarea
 * (support/floor-launcher.ts, support/floor-panel.tsx). `npm run bench`; the target is ≤ 3× the floor.
 */
import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startTestServer, type TestServer } from '../../adapters/test/support/node-server.js';
import { launchChromium, type StaticServer, serveStatic } from '../test/support/browser.js';
import { buildEmbed, hostFiles, hostPage } from '../test/support/embed-page.js';
import { bundleForPage } from './support/bench-bundle.js';
import { ACTIVITIES, type CpuSummary, mainThreadCpu, type TraceEvent } from './support/trace-cpu.js';

/** What the trace records: tasks, script, style, layout, paint, GC, and the page's User Timing marks. */
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
];

let browser: Browser;
let chat: MemoryChatServer;
let chatServer: TestServer;
const sites: StaticServer[] = [];
const runs: Record<'widget' | 'floor', CpuSummary[]> = { widget: [], floor: [] };
let widgetUrl = '';
let floorUrl = '';

beforeAll(async () => {
  const js = (body: string) => ({ body, type: 'text/javascript' });
  const [embed, marks, floorLauncher, floorPanel] = await Promise.all([
    buildEmbed(),
    bundleForPage('support/first-open-marks.ts'),
    bundleForPage('support/floor-launcher.ts'),
    bundleForPage('support/floor-panel.tsx'),
  ]);
  chat = createMemoryChatServer({ heartbeatMs: 0 });
  chatServer = await startTestServer(chat);
  const page = hostPage({
    data: { url: chatServer.wsUrl, 'brand-name': 'Fibre Nord' },
    scripts: ['/marks.js'],
  });
  const widget = await serveStatic({ ...hostFiles(embed, page), '/marks.js': js(marks) });
  // The same host page, its script tag serving the floor's launcher instead of the widget's first file.
  const floor = await serveStatic({
    '/': { body: page, type: 'text/html' },
    '/marks.js': js(marks),
    '/clavard.js': js(floorLauncher),
    '/floor-panel.js': js(floorPanel),
  });
  sites.push(widget, floor);
  [widgetUrl, floorUrl] = [`${widget.url}/`, `${floor.url}/`];
  browser = await launchChromium();
  // Not counted: the first pages pay for the browser's own start-up (its processes, its caches).
  await firstOpen(widgetUrl);
  await firstOpen(floorUrl);
}, 120_000);

afterAll(async () => {
  report();
  await browser.close();
  await Promise.all(sites.map((site) => site.close()));
  await chatServer.close();
  chat.dispose();
});

/** One first open on a fresh context: loads `url`, waits for an idle page, traces the click until painted. */
async function firstOpen(url: string): Promise<CpuSummary> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    const box = await launcher.boundingBox();
    if (!box) throw new Error('the launcher has no box');
    // The pointer rests on the launcher, and whatever the page does once loaded is done, before the trace.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.mouse.down();
    await page.mouse.up();
    await page.evaluate(() => Reflect.get(window, 'firstOpenPainted'));
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    return mainThreadCpu(trace.traceEvents, 'first-open:click', 'first-open:painted');
  } finally {
    await context.close();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

const ms = (value: number): string => `${value.toFixed(1)} ms`;

function line(name: string, summaries: readonly CpuSummary[]): string {
  const breakdown = ACTIVITIES.map(
    (activity) =>
      `${activity} ${median(summaries.map((summary) => summary.byActivity[activity])).toFixed(1)}`,
  ).join(', ');
  const totals = summaries.map((summary) => summary.total.toFixed(1)).join(' ');
  return [
    `  ${name}: ${ms(median(summaries.map((summary) => summary.total)))} main-thread CPU,`,
    `click → painted ${ms(median(summaries.map((summary) => summary.wall)))} wall`,
    `\n    by activity (medians, ms): ${breakdown}\n    each page (ms): ${totals}`,
  ].join(' ');
}

function report(): void {
  const { widget, floor } = runs;
  if (widget.length === 0 || floor.length === 0) return;
  const ratio = median(widget.map((run) => run.total)) / median(floor.map((run) => run.total));
  console.log(
    [
      `First open, click → composer focused and painted (Chromium trace, median of ${widget.length} fresh pages each):`,
      line('widget (clavard.js + clavard-panel.js)', widget),
      line('floor (Preact + signals: a list and a focused textarea)', floor),
      `  ratio: ${ratio.toFixed(1)}× the floor (target ≤ 3×)`,
    ].join('\n'),
  );
}

describe('first open in Chromium', () => {
  bench(
    'click → focused composer, the widget then the floor, each on a fresh page',
    async () => {
      runs.widget.push(await firstOpen(widgetUrl));
      runs.floor.push(await firstOpen(floorUrl));
    },
    { iterations: 7, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
