/**
 * Several tabs in real Chromium: one browser context (same origin: one localStorage, one BroadcastChannel,
 * one Web Locks manager), a page per tab, the client over WebSocket to a real Node server.
 */
import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../adapters/test/support/node-server.js';
import { launchChromium, type StaticServer, serveStatic } from './support/browser.js';
import { bundlePage } from './support/bundle-page.js';
import type { TabTestState } from './support/tabs-page.js';

/** Drops, while on, what would settle a visitor message: its ack and its echo (the server stores it). */
function settleGate(chat: MemoryChatServer) {
  let holding = false;
  const settles = (data: string): boolean => {
    const frame: unknown = JSON.parse(data);
    if (typeof frame !== 'object' || frame === null || !('type' in frame)) return false;
    return frame.type === 'message.ack' || (frame.type === 'message' && 'clientId' in frame);
  };
  return {
    core: {
      accept: (peer: Parameters<MemoryChatServer['accept']>[0]) =>
        chat.accept({
          send: (data) => (holding && settles(data) ? undefined : peer.send(data)),
          close: peer.close,
        }),
    },
    hold(on: boolean) {
      holding = on;
    },
  };
}

let browser: Browser;
let script: string;
let chat: MemoryChatServer;
let gate: ReturnType<typeof settleGate>;
let server: TestServer;
let site: StaticServer;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [browser, script] = await Promise.all([
    launchChromium(),
    bundlePage(new URL('./support/tabs-page.ts', import.meta.url)),
  ]);
});
afterAll(async () => {
  await browser.close();
});

async function start(): Promise<void> {
  chat = createMemoryChatServer({ heartbeatMs: 0 });
  gate = settleGate(chat);
  server = await startTestServer(gate.core);
  site = await serveStatic({
    '/': {
      type: 'text/html',
      body: '<!doctype html><title>tab</title><script type="module" src="/page.js"></script>',
    },
    '/page.js': { type: 'text/javascript', body: script },
  });
  context = await browser.newContext();
}

afterEach(async () => {
  await context?.close();
  context = undefined;
  await site.close();
  await server.close();
  chat.dispose();
});

async function openTab(): Promise<Page> {
  if (!context) throw new Error('no context');
  const page = await context.newPage();
  await page.goto(`${site.url}/?ws=${encodeURIComponent(server.wsUrl)}`);
  await page.waitForFunction(() => window.__clavardTest !== undefined);
  return page;
}

const state = (page: Page): Promise<TabTestState> =>
  page.evaluate(() => {
    const api = window.__clavardTest;
    if (!api) throw new Error('test API missing');
    return api.state();
  });
const send = (page: Page, text: string): Promise<string> =>
  page.evaluate((body) => {
    const api = window.__clavardTest;
    if (!api) throw new Error('test API missing');
    return api.send(body);
  }, text);
/** What a tab's state must show; every given field must match. */
interface Expect {
  isLeader?: boolean;
  status?: string;
  delivered?: number;
  pending?: number;
  includes?: string;
}

/** Resolves once the tab's state matches `expected`, checked in the page (on each animation frame). */
const waitFor = (page: Page, expected: Expect): Promise<unknown> =>
  page.waitForFunction((want: Expect) => {
    const s = window.__clavardTest?.state();
    if (!s) return false;
    return (
      (want.isLeader === undefined || s.isLeader === want.isLeader) &&
      (want.status === undefined || s.status === want.status) &&
      (want.delivered === undefined || s.delivered.length === want.delivered) &&
      (want.pending === undefined || s.pending === want.pending) &&
      (want.includes === undefined || s.delivered.includes(want.includes))
    );
  }, expected);

const visitorTexts = (): string[] =>
  chat
    .conversations()
    .flatMap((conversation) => chat.messages(conversation.id))
    .filter((message) => message.author.role === 'visitor')
    .map((message) => (message.content.kind === 'text' ? message.content.text : ''));

describe('tabs in Chromium', () => {
  it('two tabs typing while offline: the server gets each message once, in each tab’s order', async () => {
    await start();
    const a = await openTab();
    await waitFor(a, { isLeader: true, status: 'online' });
    const b = await openTab();
    await waitFor(b, { isLeader: false, status: 'online' });

    await context?.setOffline(true);
    server.killAll(); // emulated offline may leave an open WebSocket alone
    await waitFor(a, { status: 'offline' });
    await waitFor(b, { status: 'offline' });
    for (const n of [1, 2, 3]) {
      await send(a, `a${n}`);
      await send(b, `b${n}`);
    }
    await waitFor(a, { pending: 6 });
    expect(visitorTexts()).toEqual([]);

    await context?.setOffline(false);
    await waitFor(a, { delivered: 6, pending: 0 });
    await waitFor(b, { delivered: 6, pending: 0 });

    const stored = visitorTexts();
    expect([...stored].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    expect(stored.filter((text) => text.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(stored.filter((text) => text.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    const [rowsA, rowsB] = await Promise.all([state(a), state(b)]);
    expect(rowsA.rows).toEqual(stored);
    expect(rowsB.rows).toEqual(rowsA.rows);
  });

  it('a leader tab closed mid-send: another takes over within a second, the message is stored once', async () => {
    await start();
    const a = await openTab();
    await waitFor(a, { isLeader: true, status: 'online' });
    const b = await openTab();
    await waitFor(b, { isLeader: false, status: 'online' });

    gate.hold(true);
    const stored = new Promise<void>((resolve) => chat.on('message', () => resolve()));
    await send(a, 'mid-send');
    await stored; // on the server, not acknowledged to the tab
    const closedAt = Date.now();
    await a.close();
    gate.hold(false);

    await waitFor(b, { isLeader: true });
    const { leaderSince } = await state(b);
    expect((leaderSince ?? Number.POSITIVE_INFINITY) - closedAt).toBeLessThan(1000);
    await waitFor(b, { status: 'online', includes: 'mid-send', pending: 0 });
    expect(visitorTexts()).toEqual(['mid-send']);
    expect((await state(b)).rows).toEqual(['mid-send']);
  });
});
