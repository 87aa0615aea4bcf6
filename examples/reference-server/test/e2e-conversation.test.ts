/**
 * End to end, in headless Chromium against the real reference server (port 0, an SQLite file in a
 * temporary folder): a visitor on the demo store, Julie and Marc on the agent console, each in their own
 * browser context. One conversation per transport (WebSocket, SSE + POST, long-poll): greeting, exchange,
 * typing both ways, a server restart on the same database and port in the middle (with a message written
 * while the server is down), transfer to Marc, the end with the closing text; then every text is counted
 * on both sides: each shown exactly once. Screenshots go to examples/reference-server/test-results/;
 * `CLAVARD_UPDATE_DEMO_PNG=1` also writes the README's side-by-side picture to docs/demo.png.
 */
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  agentSees,
  consoleMessages,
  countEach,
  online,
  openAgent,
  openVisitor,
  RESULTS_DIR,
  sideBySide,
  type TransportKind,
  visitorBubbles,
  visitorSays,
  visitorSees,
} from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const DEMO_PNG = fileURLToPath(new URL('../../../docs/demo.png', import.meta.url));

const JULIE_GREETING = "Hello, I'm Julie. How can I help you today?";
const MARC_INTRO = 'Marc here: Julie told me about your modem.';
const CLOSING = 'Thank you for contacting us. Have a nice day!';
const HOLD = "One moment please, I'm checking your file.";

const e2e = e2eSuite();

/** The agent sends what is in the console's composer. */
async function agentSends(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const transports: TransportKind[] = ['websocket', 'sse', 'long-poll'];

describe.each(transports)('a conversation over %s', (transport) => {
  it('greets, exchanges, types both ways, survives a restart, transfers and ends: each text once on each side', async () => {
    let server = await e2e.start(transport);
    const port = Number(new URL(server.url).port);

    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const marc = await openAgent(e2e.browser, server.url, 'Marc');
    const visitor = await openVisitor(e2e.browser, server.url, transport, e2e.pages);
    e2e.keep(julie, marc, visitor);
    const panel = visitor.page.getByRole('dialog');

    // The visitor opens the chat and writes; Julie takes the conversation from the queue.
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(visitor.page, 'My modem keeps blinking orange.');
    await julie.page
      .locator('.queue-entry', { hasText: 'My modem keeps blinking orange.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await panel.getByText('Julie has joined').waitFor();
    await panel.getByRole('heading', { name: 'Julie' }).waitFor();

    // The greeting is prefilled; Julie sends it and the visitor sees it.
    const julieComposer = julie.page.getByLabel('Your answer');
    await expect.poll(() => julieComposer.inputValue()).toBe(JULIE_GREETING);
    await agentSends(julie.page);
    await visitorSees(visitor.page, JULIE_GREETING);

    // Typing both ways, and an exchange both ways.
    await visitor.page.getByRole('textbox', { name: 'Message' }).fill('It started this morning.');
    await julie.page.getByText('The visitor is typing…').waitFor();
    await visitor.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await agentSees(julie.page, 'It started this morning.');
    await julieComposer.fill('Let me look at your line.');
    await panel.getByText('Julie is typing…').waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, `e2e-${transport}-visitor-typing.png`) });
    await agentSends(julie.page);
    await visitorSees(visitor.page, 'Let me look at your line.');
    const visitorShot = join(RESULTS_DIR, `e2e-${transport}-visitor.png`);
    const julieShot = join(RESULTS_DIR, `e2e-${transport}-julie.png`);
    await visitor.page.screenshot({ path: visitorShot });
    await julie.page.screenshot({ path: julieShot });

    // The server stops mid-conversation; the visitor writes while it is down.
    await server.close();
    await julie.page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    await panel.locator('.status', { hasText: 'Reconnecting…' }).waitFor();
    await visitorSays(visitor.page, 'Are you still there?');
    await panel.locator('.msg[data-delivery="sending"]', { hasText: 'Are you still there?' }).waitFor();

    // It comes back on the same database file and port; both pages reconnect by themselves.
    server = await e2e.start(transport, { port });
    await online(julie.page);
    await online(marc.page);
    await agentSees(julie.page, 'Are you still there?');
    await julieComposer.focus();
    await julie.page.keyboard.press('Alt+Digit2');
    await expect.poll(() => julieComposer.inputValue()).toBe(HOLD);
    await agentSends(julie.page);
    await visitorSees(visitor.page, HOLD);
    await visitorSays(visitor.page, 'Thanks, I will wait.');
    await agentSees(julie.page, 'Thanks, I will wait.');

    // Transfer to Marc: the visitor's header shows his first name, with a notice.
    await julie.page.getByLabel('Transfer to').selectOption({ label: 'Marc' });
    await julie.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await panel.getByText('You are now chatting with Marc').waitFor();
    await panel.getByRole('heading', { name: 'Marc' }).waitFor();
    const marcComposer = marc.page.getByLabel('Your answer');
    // Julie greeted: Marc is offered no greeting mid-conversation, and writes his own words.
    await expect.poll(() => marcComposer.inputValue()).toBe('');
    await marcComposer.fill(MARC_INTRO);
    await agentSends(marc.page);
    await visitorSees(visitor.page, MARC_INTRO);
    await marcComposer.fill('Your line was reset: the modem should turn white in a minute.');
    await agentSends(marc.page);
    await visitorSees(visitor.page, 'Your line was reset: the modem should turn white in a minute.');
    await visitorSays(visitor.page, 'It is white now, thank you!');
    await agentSees(marc.page, 'It is white now, thank you!');
    await visitor.page.screenshot({ path: join(RESULTS_DIR, `e2e-${transport}-visitor-marc.png`) });
    await marc.page.screenshot({ path: join(RESULTS_DIR, `e2e-${transport}-marc.png`) });

    // Marc ends with the closing text, which the visitor sees.
    await marc.page.getByRole('button', { name: 'End conversation…' }).click();
    await expect
      .poll(() => marc.page.getByLabel('Closing message (the visitor sees it)').inputValue())
      .toBe(CLOSING);
    await marc.page.getByRole('button', { name: 'End with this closing' }).click();
    await panel.locator('.closing').getByText(CLOSING, { exact: true }).waitFor();
    await panel.getByText('This conversation has ended.', { exact: true }).waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, `e2e-${transport}-visitor-ended.png`) });
    await marc.page.screenshot({ path: join(RESULTS_DIR, `e2e-${transport}-marc-ended.png`) });

    // Nothing lost, nothing doubled: every message once on the visitor's page and on Marc's console.
    const texts = [
      'My modem keeps blinking orange.',
      JULIE_GREETING,
      'It started this morning.',
      'Let me look at your line.',
      'Are you still there?',
      HOLD,
      'Thanks, I will wait.',
      MARC_INTRO,
      'Your line was reset: the modem should turn white in a minute.',
      'It is white now, thank you!',
    ];
    const once = Object.fromEntries(texts.map((text) => [text, 1]));
    const shownToVisitor = await visitorBubbles(visitor.page);
    expect(countEach(shownToVisitor, texts)).toEqual(once);
    // The greeting bubble of the organisation, plus the ten messages, in order.
    expect(shownToVisitor.map((text) => text.trim()).slice(1)).toEqual(texts);
    const shownToMarc = await consoleMessages(marc.page);
    expect(countEach(shownToMarc, texts)).toEqual(once);
    expect(shownToMarc.map((text) => text.trim())).toEqual(texts);
    // Julie's transcript ends at the transfer: the first seven, once each.
    const shownToJulie = await consoleMessages(julie.page);
    expect(shownToJulie.map((text) => text.trim())).toEqual(texts.slice(0, 7));

    // The transport really was the one named, and the visitor's page connected again after the restart.
    if (transport === 'websocket') {
      expect(visitor.sockets.filter((url) => url.endsWith('/clavard/ws')).length).toBeGreaterThanOrEqual(2);
      expect(visitor.channelRequests).toEqual([]);
    } else {
      expect(visitor.sockets).toEqual([]);
      const opening = transport === 'sse' ? 'GET /clavard/channel/events' : 'POST /clavard/channel';
      expect(visitor.channelRequests.filter((line) => line === opening).length).toBeGreaterThanOrEqual(2);
      if (transport === 'long-poll') expect(visitor.channelRequests).toContain('GET /clavard/channel/poll');
    }
    expect([...visitor.problems, ...julie.problems, ...marc.problems]).toEqual([]);

    if (transport === 'websocket') {
      const pair = join(RESULTS_DIR, 'e2e-side-by-side.png');
      await sideBySide(e2e.browser, visitorShot, julieShot, pair);
      expect((await stat(pair)).size).toBeLessThan(300 * 1024);
      if (process.env.CLAVARD_UPDATE_DEMO_PNG === '1') await copyFile(pair, DEMO_PNG);
    }
  }, 120_000);
});
