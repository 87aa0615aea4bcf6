/**
 * The lifecycle every end-to-end test file shares ({@link e2eSuite}: Chromium, the built pages, the
 * reference server and the browser contexts of each test) and read-only access to the server's database
 * ({@link readDatabase}).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReferenceServer, type ServerOptions, startServer } from '@clavard/reference-server';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../../../../packages/widget/test/support/browser.js';
import { type BuiltPages, buildPages, type OpenedPage, PASSWORD } from './e2e-pages.js';

/** What {@link e2eSuite} adds to its hooks. */
export interface E2eSuiteOptions {
  /** Runs first in `beforeAll`, before Chromium launches and the pages build (e.g. `ensureServerBuilt`). */
  beforeAll?: () => void | Promise<void>;
  /**
   * Runs last in `afterEach`, once the test's contexts and servers are closed (e.g. `killServerProcesses`
   * for a server started as a child process).
   */
  afterEach?: () => Promise<void>;
  /** The timeout of `beforeAll`, in ms. @default 60_000 */
  timeoutMs?: number;
}

/** What a test file of the end-to-end suite uses: see {@link e2eSuite}. */
export interface E2eSuite {
  /** Headless Chromium, launched in `beforeAll`. */
  readonly browser: Browser;
  /** What `beforeAll` built ({@link buildPages}). */
  readonly pages: BuiltPages;
  /** The path of the database file `<name>.db` in the pages' temporary folder. */
  databasePath(name: string): string;
  /**
   * Starts the reference server on any port, with the agents' password, the built console and script-tag
   * file and the database file `<name>.db` ({@link E2eSuite.databasePath}), `extra` on top (e.g. `{ port }`
   * to come back on the port of a server that stopped); it is closed after the test.
   */
  start(name: string, extra?: ServerOptions): Promise<ReferenceServer>;
  /** Closes the contexts of `opened` after the test (before the servers). */
  keep(...opened: OpenedPage[]): void;
}

/**
 * Registers the hooks of an end-to-end test file (call it at the top level): `beforeAll` launches
 * Chromium and builds the pages, `afterAll` closes the browser and removes the pages' folder, `afterEach`
 * closes the contexts kept during the test, then the servers it started.
 *
 * @example
 * ```ts
 * const e2e = e2eSuite();
 *
 * it('greets', async () => {
 *   const server = await e2e.start('greeting', { topics: ['Billing'] });
 *   const julie = await openAgent(e2e.browser, server.url, 'Julie');
 *   e2e.keep(julie);
 * });
 * ```
 */
export function e2eSuite(options: E2eSuiteOptions = {}): E2eSuite {
  let browser: Browser | undefined;
  let pages: BuiltPages | undefined;
  const contexts: BrowserContext[] = [];
  const servers: ReferenceServer[] = [];

  beforeAll(async () => {
    await options.beforeAll?.();
    [browser, pages] = await Promise.all([launchChromium(), buildPages()]);
  }, options.timeoutMs ?? 60_000);
  afterAll(async () => {
    await browser?.close();
    if (pages) await rm(pages.dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    for (const server of servers.splice(0)) await server.close();
    await options.afterEach?.();
  });

  const built = (): BuiltPages => {
    if (!pages) throw new Error('the end-to-end pages are not built yet: use them inside a test');
    return pages;
  };
  const suite: E2eSuite = {
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet: use the browser inside a test');
      return browser;
    },
    get pages() {
      return built();
    },
    databasePath: (name) => join(built().dir, `${name}.db`),
    async start(name, extra = {}) {
      const server = await startServer({
        port: 0,
        database: suite.databasePath(name),
        agents: [
          { login: 'julie', firstName: 'Julie', password: PASSWORD, role: 'admin' },
          { login: 'marc', firstName: 'Marc', password: PASSWORD },
        ],
        consoleDir: built().consoleDir,
        embedFile: built().embedFile,
        ...extra,
      });
      servers.push(server);
      return server;
    },
    keep(...opened) {
      contexts.push(...opened.map(({ context }) => context));
    },
  };
  return suite;
}

/**
 * Opens the database file at `path` read-only (a connection of its own, next to the server's), returns
 * what `read` makes of it, and closes it.
 *
 * @example
 * ```ts
 * const kinds = readDatabase(e2e.databasePath('forms'), (db) => db.prepare('SELECT kind FROM forms').all());
 * ```
 */
export function readDatabase<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
