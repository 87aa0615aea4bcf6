/**
 * A node killed under a visitor, in headless Chromium: two server processes on one Postgres database,
 * Redis between them, behind the round-robin proxy. Julie's console lands on node A, the visitor's widget
 * on node B; B is killed (SIGKILL) in the middle of the conversation. The widget reconnects through the
 * proxy to A by itself, the visitor's next messages reach Julie, her answers reach the visitor, and each
 * message shows once on either side.
 */
import { expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../../scripts/round-robin-proxy.mjs';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';
import { agentSees, openAgent, openVisitor, visitorSays, visitorSees } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';
import { freePort, killServerProcesses, startServerProcess } from './support/server-process.js';

let shared: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
const e2e = e2eSuite({
  afterEach: async () => {
    await killServerProcesses();
    await shared?.drop();
  },
});

const GREETING = "Hello, I'm Julie. How can I help you today?";

it('keeps a conversation going when the node holding the visitor is killed', async () => {
  shared = await sharedDatabase();
  const proxyPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const env = {
    CLAVARD_REDIS_URL: runRedisUrl(),
    CLAVARD_CLUSTER_REFRESH_MS: '200',
    CLAVARD_PUBLIC_ORIGIN: proxyUrl,
    CLAVARD_CONSOLE_DIR: e2e.pages.consoleDir,
    CLAVARD_EMBED_FILE: e2e.pages.embedFile,
  };
  const nodeA = await startServerProcess(await freePort(), shared.url, env);
  const nodeB = await startServerProcess(await freePort(), shared.url, env);
  const proxy = await startRoundRobinProxy([nodeA.url, nodeB.url], { port: proxyPort });
  try {
    const julie = await openAgent(e2e.browser, proxy.url, 'Julie', 'demo');
    const visitor = await openVisitor(e2e.browser, proxy.url, 'websocket', e2e.pages);
    e2e.keep(julie, visitor);
    const panel = visitor.page.getByRole('dialog');
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(visitor.page, 'My parcel is late.');
    await julie.page
      .locator('.queue-entry', { hasText: 'My parcel is late.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await panel.getByText('Julie has joined').waitFor();
    expect(proxy.socketNodes()).toEqual([0, 1]);
    const composer = julie.page.getByLabel('Your answer');
    const send = julie.page.getByRole('button', { name: 'Send', exact: true });
    await expect.poll(() => composer.inputValue()).toBe(GREETING);
    await send.click();
    await visitorSees(visitor.page, GREETING);

    // Node B, which holds the widget's socket, dies without a word.
    nodeB.child.kill('SIGKILL');
    expect(await nodeB.exited).toBe('SIGKILL');
    await visitorSays(visitor.page, 'Are you still there?');
    await agentSees(julie.page, 'Are you still there?');
    await composer.fill('Yes, your parcel leaves today.');
    await send.click();
    await visitorSees(visitor.page, 'Yes, your parcel leaves today.');
    // The widget came back through the proxy, to node A: node B refuses connections now.
    expect(
      proxy
        .socketNodes()
        .slice(2)
        .every((node) => node === 0),
    ).toBe(true);

    // Each message once, on either side, in order.
    const bubbles = await panel.locator('.bubble').allInnerTexts();
    const texts = ['My parcel is late.', GREETING, 'Are you still there?', 'Yes, your parcel leaves today.'];
    // (The organisation's greeting, shown on open, is a bubble of its own and none of these.)
    expect(bubbles.flatMap((text) => texts.filter((known) => text.includes(known)))).toEqual(texts);
    const transcript = await julie.page
      .getByRole('log', { name: 'Conversation' })
      .locator('.message .text')
      .allInnerTexts();
    expect(transcript.filter((text) => texts.includes(text))).toEqual(texts);
  } finally {
    await proxy.close();
  }
});
