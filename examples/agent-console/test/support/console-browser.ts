import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../../../packages/widget/test/support/browser.js';
import { buildConsole } from './console-build.js';

/** Where the console's browser tests put their screenshots. */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * Registers the hooks every browser test file of the console shares (call it at the top level):
 * `beforeAll` builds the console into a temporary folder and launches Chromium, `afterAll` closes it. The
 * getters are for use inside tests.
 *
 * @example
 * ```ts
 * const suite = consoleBrowser();
 * it('signs in', async () => { const page = await suite.browser.newPage(); … });
 * ```
 */
export function consoleBrowser(): { readonly browser: Browser; readonly consoleDir: string } {
  let browser: Browser | undefined;
  let consoleDir: string | undefined;
  beforeAll(async () => {
    consoleDir = await buildConsole();
    await mkdir(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet: use the browser inside a test');
      return browser;
    },
    get consoleDir() {
      if (!consoleDir) throw new Error('the console is not built yet: use it inside a test');
      return consoleDir;
    },
  };
}

/**
 * What goes wrong on `page` from now on: console errors, uncaught exceptions, answers of 400 and more.
 *
 * @example
 * ```ts
 * const problems = problemsOf(page);
 * expect(problems).toEqual([]);
 * ```
 */
export function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}
