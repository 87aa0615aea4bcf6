import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestServer, type TestServer } from '../../../adapters/test/support/node-server.js';
import { launchChromium, type StaticServer } from './browser.js';
import { buildEmbed } from './embed-page.js';

/** What a browser test of the script tag works with; `site` and `context` are the test's own, closed after it. */
export interface EmbedFixture {
  browser: Browser;
  /** The built script-tag files' folder. */
  embed: string;
  chat: MemoryChatServer;
  server: TestServer;
  site: StaticServer | undefined;
  context: BrowserContext | undefined;
}

/**
 * One Chromium and one build of the script-tag files for the calling test file; a memory chat server behind
 * a real WebSocket and HTTP server for each test; the test's page server and browser context closed after it.
 *
 * @example
 * ```ts
 * const f = useEmbedFixture();
 * it('…', async () => {
 *   f.site = await serveStatic(hostFiles(f.embed, page));
 *   f.context = await f.browser.newContext();
 * });
 * ```
 */
export function useEmbedFixture(): EmbedFixture {
  const f = {} as EmbedFixture;
  beforeAll(async () => {
    [f.browser, f.embed] = await Promise.all([launchChromium(), buildEmbed()]);
  }, 60_000); // esbuild and terser on the script-tag files, on a busy 2-core machine
  afterAll(async () => {
    await f.browser.close();
  });
  beforeEach(async () => {
    f.chat = createMemoryChatServer({ heartbeatMs: 0 });
    f.server = await startTestServer(f.chat);
  });
  afterEach(async () => {
    await f.context?.close();
    f.context = undefined;
    await f.site?.close();
    f.site = undefined;
    await f.server.close();
    f.chat.dispose();
  });
  return f;
}
