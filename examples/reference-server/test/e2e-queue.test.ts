/**
 * The queue, end to end in headless Chromium against the reference server (port 0, a temporary SQLite
 * file): Julie is signed in on the console and takes nobody; two visitors write on the demo store, each in
 * their own browser context. The second is told their place (2); a message they write while waiting is
 * delivered; when Julie takes the first conversation the second visitor moves up to 1, and once Julie takes
 * theirs too, the console shows both of their messages, each once and in order.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { consoleMessages, openAgent, openVisitor, RESULTS_DIR, visitorSays } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();

/** The widget's line about the visitor's place in the queue (hidden when there is none). */
const queueStatus = (page: Page): Locator => page.getByRole('dialog').locator('.status.queue');

/** The handling time the server assumes while no conversation has ended: 4 minutes. */
const HANDLING_SECONDS = 240;

/**
 * The text QueueStatus shows at `position` (QueueStatus.tsx, texts from the English catalogue): the place,
 * and the estimated wait, here the conversations up to the visitor's at 4 minutes each, one agent.
 */
const placeText = (position: number): string =>
  `You are number ${position} in line · Estimated wait: about ${(position * HANDLING_SECONDS) / 60}\u00a0min`;

/** Resolves once the widget says the visitor is at `position`. */
async function placeIs(page: Page, position: number): Promise<void> {
  await queueStatus(page)
    .filter({ hasText: new RegExp(`^${placeText(position)}$`) })
    .waitFor();
}

describe('the queue', () => {
  it('tells the second visitor their place, delivers what they write meanwhile, and moves them up', async () => {
    const server = await e2e.start('queue', { handlingEstimateSeconds: HANDLING_SECONDS });
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const first = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    const second = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(julie, first, second);
    const queue = julie.page.getByRole('region', { name: /^Waiting/ });

    // The first visitor writes: first in line, and in Julie's queue.
    await first.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(first.page, 'My router is offline since last night.');
    await placeIs(first.page, 1);
    await queue.locator('.queue-entry', { hasText: 'My router is offline since last night.' }).waitFor();

    // The second visitor writes: second in line.
    await second.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(second.page, 'The Wi-Fi is slow upstairs.');
    await placeIs(second.page, 2);
    await queue.getByRole('heading', { name: 'Waiting (2)' }).waitFor();
    expect(
      (await queue.locator('.queue-entry .preview').allTextContents()).map((text) => text.trim()),
    ).toEqual(['My router is offline since last night.', 'The Wi-Fi is slow upstairs.']);
    await second.page.screenshot({ path: join(RESULTS_DIR, 'e2e-queue-second-visitor.png') });
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-queue-julie.png') });

    // While waiting, the second visitor writes again: the server stores it (delivered), the place stays.
    await visitorSays(second.page, 'I can wait, no hurry.');
    await second.page
      .getByRole('dialog')
      .locator('.msg[data-delivery="delivered"]', { hasText: 'I can wait, no hurry.' })
      .waitFor();
    await expect.poll(() => queueStatus(second.page).textContent()).toBe(placeText(2));
    expect(await queue.locator('.queue-entry').count()).toBe(2);

    // Julie takes the first conversation: the first visitor is no longer waiting, the second moves up.
    await queue
      .locator('.queue-entry', { hasText: 'My router is offline since last night.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await first.page.getByRole('dialog').getByText('Julie has joined').waitFor();
    await placeIs(second.page, 1);
    await expect.poll(() => queueStatus(first.page).isVisible()).toBe(false);
    await queue.getByRole('heading', { name: 'Waiting (1)' }).waitFor();
    await second.page.screenshot({ path: join(RESULTS_DIR, 'e2e-queue-second-visitor-moved-up.png') });

    // Julie takes the second: both of the visitor's messages, once each, in order.
    await queue
      .locator('.queue-entry', { hasText: 'The Wi-Fi is slow upstairs.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await second.page.getByRole('dialog').getByText('Julie has joined').waitFor();
    await expect.poll(() => queueStatus(second.page).isVisible()).toBe(false);
    await queue.getByText('Nobody is waiting.').waitFor();
    await expect
      .poll(async () => (await consoleMessages(julie.page)).map((text) => text.trim()))
      .toEqual(['The Wi-Fi is slow upstairs.', 'I can wait, no hurry.']);
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-queue-julie-second.png') });

    // The first conversation kept its one message.
    await julie.page
      .getByRole('navigation', { name: 'Conversations' })
      .locator('.conversation-link', { hasText: 'My router is offline since last night.' })
      .click();
    await expect
      .poll(async () => (await consoleMessages(julie.page)).map((text) => text.trim()))
      .toEqual(['My router is offline since last night.']);

    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
