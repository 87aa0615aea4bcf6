/**
 * The pages of the end-to-end tests: what they need built (the agent console, the script-tag file, the
 * long-poll visitor page) into a temporary folder, an agent signed in on the console, a visitor on the
 * demo store over a chosen transport, the texts each side shows and the side-by-side picture. The suite's
 * lifecycle is in ./e2e-suite.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildEmbed, laterFilesFor } from '../../../../packages/widget/test/support/embed-page.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** The agents' password in the end-to-end tests. */
export const PASSWORD = 'e2e-password';

/** Where the screenshots go (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** How the visitor's page talks to the server. */
export type TransportKind = 'websocket' | 'sse' | 'long-poll';

/** What the tests build before they start: all in one temporary folder. */
export interface BuiltPages {
  /** The temporary folder (removed by the test). */
  dir: string;
  /** The agent console's build (`build.mjs --outdir`). */
  consoleDir: string;
  /** The script-tag file bundled from the widget's sources (its panel file sits next to it). */
  embedFile: string;
  /** The long-poll visitor page script (support/long-poll-visitor.ts bundled). */
  longPollScript: string;
}

/** Builds the console, the script-tag file and the long-poll visitor script into a temporary folder. */
export async function buildPages(): Promise<BuiltPages> {
  const dir = await mkdtemp(join(tmpdir(), 'clavard-e2e-'));
  const consoleDir = join(dir, 'console');
  const built = spawnSync(
    process.execPath,
    [join(root, 'examples/agent-console/build.mjs'), '--outdir', consoleDir],
    { encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`console build failed: ${built.stderr}`);
  const embedFile = join(dir, 'clavard.js');
  const embed = await buildEmbed();
  await writeFile(embedFile, embed);
  // Every file clavard.js loads (the panels, the extras, the consent notice…), beside it.
  for (const [name, body] of Object.entries(laterFilesFor(embed))) await writeFile(join(dir, name), body);
  const longPoll = await build({
    entryPoints: [fileURLToPath(new URL('./long-poll-visitor.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    minify: true,
    platform: 'browser',
    target: 'es2020',
    write: false,
    tsconfig: join(root, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const [output] = longPoll.outputFiles;
  if (!output) throw new Error('esbuild produced no long-poll visitor script');
  await mkdir(RESULTS_DIR, { recursive: true });
  return { dir, consoleDir, embedFile, longPollScript: output.text };
}

/** A page in its own browser context, with what went wrong on it. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and HTTP answers ≥ 400. */
  problems: string[];
}

async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  withoutCsp = false,
  locale?: string,
): Promise<OpenedPage> {
  // Without the CSP: the browser ignores the pages' policy (the hostile-input battery's second run).
  const context = await browser.newContext({
    viewport,
    ...(withoutCsp ? { bypassCSP: true } : {}),
    ...(locale === undefined ? {} : { locale }),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, problems };
}

/**
 * Opens the console in a new context and signs in as `firstName` (their login is the name in lower case);
 * resolves once it says Online.
 */
export async function openAgent(
  browser: Browser,
  url: string,
  firstName: string,
  password = PASSWORD,
  withoutCsp = false,
): Promise<OpenedPage> {
  const opened = await openPage(browser, { width: 1366, height: 768 }, withoutCsp);
  const { page } = opened;
  await page.goto(`${url}/agent`);
  await page.getByLabel('Username').fill(firstName.toLowerCase());
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await online(page);
  return opened;
}

/** Resolves once the console's connection status says Online. */
export async function online(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
}

/** A visitor's page, with the paths of the chat requests it made (to check the transport used). */
export interface VisitorPage extends OpenedPage {
  /** WebSocket URLs the page opened. */
  sockets: string[];
  /** Paths of the HTTP channel requests (`/clavard/channel…`). */
  channelRequests: string[];
}

/**
 * Opens the demo store in a new context. WebSocket: the page as served. SSE: the same page with the script
 * tag's `data-transport="sse" data-url="/clavard"` (rewritten in flight, as a site owner would edit it).
 * Long-poll: the script tag bundles only WebSocket and SSE, so `/clavard.js` is answered with the
 * long-poll visitor script (the widget mounted with `createLongPollTransport`). `host.setupScript` is
 * appended to the demo store's own external script (`/clavard-setup.js`, which runs before clavard.js).
 */
export async function openVisitor(
  browser: Browser,
  url: string,
  transport: TransportKind,
  pages: BuiltPages,
  host: VisitorHostOptions = {},
): Promise<VisitorPage> {
  const opened = await openPage(
    browser,
    host.viewport ?? { width: 900, height: 820 },
    host.withoutCsp,
    host.locale,
  );
  const { page } = opened;
  const sockets: string[] = [];
  const channelRequests: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/clavard/channel')) channelRequests.push(`${request.method()} ${path}`);
  });
  if (transport === 'sse') {
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const edited = html
        .replace('data-url="/clavard/ws"', 'data-url="/clavard"')
        .replace('data-transport="websocket"', 'data-transport="sse"');
      if (!edited.includes('data-transport="sse"'))
        throw new Error('the demo store has no script tag to edit');
      await route.fulfill({ response, body: edited });
    });
  }
  if (transport === 'long-poll') {
    await page.route(`${url}/clavard.js`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: pages.longPollScript }),
    );
  }
  if (host.setupScript !== undefined) {
    const extra = host.setupScript;
    await page.route(`${url}/clavard-setup.js`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\n${extra}\n` });
    });
  }
  await page.goto(`${url}${host.path ?? '/'}`);
  return { ...opened, sockets, channelRequests };
}

/**
 * The texts of every bubble of the conversation (the greeting first), in order. The widget renders only
 * the rows in view and around them: the log is read from the top down, as a visitor scrolls it, each row
 * once by its place (`aria-posinset`).
 */
export async function visitorBubbles(page: Page): Promise<string[]> {
  const log = page.locator('.log');
  const read = () =>
    log.evaluate((element) => ({
      outside: [...element.querySelectorAll('.bubble')]
        .filter((bubble) => !bubble.closest('[aria-posinset]'))
        .map((bubble) => bubble.textContent ?? ''),
      rows: [...element.querySelectorAll('[aria-posinset]')].map((row) => ({
        at: Number(row.getAttribute('aria-posinset')),
        of: Number(row.getAttribute('aria-setsize')),
        texts: [...row.querySelectorAll('.bubble')].map((bubble) => bubble.textContent ?? ''),
      })),
      end: element.scrollTop + element.clientHeight >= element.scrollHeight - 1,
    }));
  const frame = () =>
    page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await log.evaluate((element) => element.scrollTo({ top: 0 }));
  await frame();
  const top = await read();
  const rows = new Map<number, string[]>();
  let size = 0;
  for (let step = 0; step < 200; step += 1) {
    const seen = step === 0 ? top : await read();
    for (const row of seen.rows) rows.set(row.at, row.texts);
    size = seen.rows[0]?.of ?? size;
    if (seen.end && rows.size >= size) break;
    await log.evaluate((element) => element.scrollBy({ top: element.clientHeight / 2 }));
    await frame();
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => a - b).flatMap(([, texts]) => texts);
  return [...top.outside, ...ordered];
}

/** The texts of every message in the console's transcript, in order. */
export function consoleMessages(page: Page): Promise<string[]> {
  return page.getByRole('log', { name: 'Conversation' }).locator('.message .text').allTextContents();
}

/** How many times each of `texts` occurs in `shown`. */
export function countEach(shown: readonly string[], texts: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    texts.map((text) => [text, shown.filter((candidate) => candidate.trim() === text).length]),
  );
}

/**
 * Composes two screenshots side by side into one PNG: both images put into a blank page (as data: URLs,
 * the page has no origin to load files from) with DOM calls, then a screenshot of the pair.
 */
export async function sideBySide(
  browser: Browser,
  left: string,
  right: string,
  outputPath: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 700 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const dataUrl = async (path: string) =>
      `data:image/png;base64,${(await readFile(path)).toString('base64')}`;
    await page.evaluate(
      async ([visitor, agent]) => {
        document.body.style.cssText = 'margin:0;background:#e9edf2';
        const pair = document.createElement('main');
        pair.id = 'pair';
        pair.style.cssText = 'display:flex;gap:16px;padding:16px;width:max-content;align-items:flex-start';
        document.body.append(pair);
        for (const [src, alt] of [
          [visitor, 'The visitor on the demo store'],
          [agent, 'The agent on the console'],
        ] as const) {
          const image = document.createElement('img');
          image.alt = alt;
          image.style.width = '720px';
          image.style.border = '1px solid #b8c2cc';
          image.src = src;
          pair.append(image);
          await image.decode();
        }
      },
      [await dataUrl(left), await dataUrl(right)] as const,
    );
    await page.locator('#pair').screenshot({ path: outputPath });
  } finally {
    await context.close();
  }
}

/** What the host page adds for {@link openVisitor}. */
export interface VisitorHostOptions {
  /**
   * Code appended to the demo store's `/clavard-setup.js` (an external file: the page allows no inline
   * script), e.g. `window.Clavard.identify(…)` with a token the organisation's server signed: it runs on
   * the snippet's queue, before clavard.js loads.
   */
  setupScript?: string;
  /** Serve the pages without their Content-Security-Policy (the hostile-input battery's second run). */
  withoutCsp?: boolean;
  /** The demo store's page to open, with its query (a handoff link's `/?clavard=h_…`): `/` by default. */
  path?: string;
  /** The browser's language (the widget follows it): the browser's default when absent. */
  locale?: string;
  /** The window's size: 900 × 820 when absent. */
  viewport?: { width: number; height: number };
}

/** The keys of the visitor page's localStorage that start with `clavard:`. */
export function clavardStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('clavard:')));
}

/** The visitor writes `text` in the widget and sends it with Enter. */
export async function visitorSays(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** Resolves once the widget shows a bubble with exactly `text`. */
export async function visitorSees(page: Page, text: string): Promise<void> {
  await page.getByRole('dialog').locator('.bubble').getByText(text, { exact: true }).first().waitFor();
}

/** Resolves once the console's transcript shows a message with exactly `text`. */
export async function agentSees(page: Page, text: string): Promise<void> {
  await page
    .getByRole('log', { name: 'Conversation' })
    .locator('.message .text')
    .getByText(text, { exact: true })
    .first()
    .waitFor();
}

/** Ticks one of the console's "My topics" boxes and waits for the server to confirm it. */
export async function takeTopic(page: Page, topic: string): Promise<void> {
  const box = page.getByRole('group', { name: 'My topics' }).getByRole('checkbox', { name: topic });
  await box.check();
  await expect.poll(() => box.isChecked()).toBe(true);
}
