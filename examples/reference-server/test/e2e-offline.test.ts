/**
 * Nobody available, end to end in headless Chromium against the reference server (port 0, a temporary
 * SQLite file): the widget says so before the visitor writes; the visitor's message is kept and the
 * server asks for an email; a missing email is refused, a valid one confirmed; the agent who signs in
 * later sees the conversation waiting, with the email to answer by.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, RESULTS_DIR } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();

describe('nobody available', () => {
  it('says so, keeps the message, asks for an email, confirms, and shows it waiting with the email', async () => {
    const server = await e2e.start('offline');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(visitor);
    const panel = visitor.page.getByRole('dialog');
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await panel.getByText('We are away right now. Leave a message and we will answer by email.').waitFor();
    await panel.getByText('We are away; leave a message').waitFor();

    const composer = visitor.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('My bill doubled this month.');
    await composer.press('Enter');
    const form = panel.getByRole('form', { name: 'Leave a message' });
    await form.getByText('Nobody is available right now.', { exact: false }).waitFor();
    await form.getByRole('button', { name: 'Send message' }).click();
    await form.getByText('This field is required.').waitFor();
    await form.getByLabel('Email').fill('ana@example.com');
    await form.getByRole('button', { name: 'Send message' }).click();
    await panel.getByText('Thank you! Your message was received. We will answer by email.').waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-offline-visitor.png') });

    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    e2e.keep(julie);
    // A left message waits in the Messages inbox, not in the live queue.
    const entry = julie.page.locator('.inbox-entry', { hasText: 'My bill doubled this month.' });
    await entry.getByText(/answer by email to ana@example\.com$/).waitFor();
    expect(await julie.page.locator('.queue-entry').count()).toBe(0);
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-offline-julie.png') });
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
