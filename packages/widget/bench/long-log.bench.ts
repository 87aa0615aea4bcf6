/**
 * The message list on long conversations in headless Chromium, against its floor measured in the same
 * run: a plain keyed Preact list of the same rows as text, with no virtualization (support/plain-list.tsx).
 * At 10,000 messages: the time to open the panel, to append one message, the JS heap with the panel open
 * (after a garbage collection, CDP Runtime.getHeapUsage) and the nodes in the shadow root; at 1,000: the
 * time to open. Times are measured inside the page (performance.now(), from the action until the DOM
 * holds the result and layout is done), median of 7 runs (the appends after 3 to warm up, on both sides);
 * `npx vitest bench --run packages/widget/bench/long-log.bench.ts`.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { launchChromium, type StaticServer } from '../test/support/browser.js';
import { servePageOf } from './support/bench-bundle.js';
import type { LongLogApi } from './support/long-log-page.js';

const RUNS = 7;

let browser: Browser;
let site: StaticServer;
let page: Page;
let cdp: CDPSession;
const table: Array<{ figure: string; widget: number; floor: number; unit: string; runs?: number[] }> = [];

beforeAll(async () => {
  site = await servePageOf('support/long-log-page.ts');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 720 } });
  cdp = await page.context().newCDPSession(page);
  await page.goto(`${site.url}/`);
});

afterAll(async () => {
  for (const { figure, widget, floor, unit, runs } of table) {
    const digits = unit === 'nodes' ? 0 : 2;
    const each = runs ? ` (widget's runs: ${runs.map((run) => run.toFixed(1)).join(', ')})` : '';
    console.log(
      `${figure}: widget ${widget.toFixed(digits)} ${unit}, floor ${floor.toFixed(digits)} ${unit}, ratio ${(widget / floor).toFixed(3)}${each}`,
    );
  }
  await browser?.close();
  await site?.close();
});

/** Calls `name` in the page with `args`. */
const call = <K extends keyof LongLogApi>(name: K, ...args: Parameters<LongLogApi[K]>) =>
  page.evaluate(
    ([key, values]) => {
      const api = Reflect.get(window, 'clavardLongLog') as Record<string, (...a: unknown[]) => unknown>;
      return api[key as string]?.(...values);
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<LongLogApi[K]>>>;

const median = (runs: number[]): number =>
  [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;

/** The JS heap in use after a full garbage collection, in MiB. */
async function heapMiB(): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

/** Median of RUNS open-and-close cycles, then the heap and the nodes with it open, then RUNS appends (after 3). */
async function measure(side: 'widget' | 'floor', size: number, append: boolean) {
  const figures = { open: [] as number[], append: [] as number[], heap: 0, nodes: 0 };
  if (side === 'widget') await call('widgetPrepare', size);
  else await call('floorPrepare', size);
  for (let run = 0; run < RUNS; run++) {
    figures.open.push(Number(await call(side === 'widget' ? 'widgetOpen' : 'floorOpen')));
    if (run < RUNS - 1) await call(side === 'widget' ? 'widgetClose' : 'floorClose');
  }
  figures.heap = await heapMiB();
  figures.nodes = Number(await call(side === 'widget' ? 'widgetNodes' : 'floorNodes'));
  // Three appends to warm up first, on both sides alike (the first ones after opening run colder code).
  if (append)
    for (let run = -3; run < RUNS; run++) {
      const elapsed = Number(await call(side === 'widget' ? 'widgetAppend' : 'floorAppend'));
      if (run >= 0) figures.append.push(elapsed);
    }
  await call(side === 'widget' ? 'widgetDispose' : 'floorClose');
  return figures;
}

describe('the message list on long conversations, against a plain list', () => {
  bench(
    '10,000 messages: open, heap, nodes, append',
    async () => {
      const widget = await measure('widget', 10_000, true);
      const floor = await measure('floor', 10_000, true);
      table.push(
        {
          figure: 'open at 10,000 (median)',
          widget: median(widget.open),
          floor: median(floor.open),
          unit: 'ms',
        },
        {
          figure: 'append at 10,000 (median)',
          widget: median(widget.append),
          floor: median(floor.append),
          unit: 'ms',
          runs: widget.append,
        },
        { figure: 'JS heap, open at 10,000', widget: widget.heap, floor: floor.heap, unit: 'MiB' },
        {
          figure: 'nodes in the shadow root at 10,000',
          widget: widget.nodes,
          floor: floor.nodes,
          unit: 'nodes',
        },
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
  bench(
    '1,000 messages: open',
    async () => {
      const widget = await measure('widget', 1_000, false);
      const floor = await measure('floor', 1_000, false);
      table.push({
        figure: 'open at 1,000 (median)',
        widget: median(widget.open),
        floor: median(floor.open),
        unit: 'ms',
      });
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
