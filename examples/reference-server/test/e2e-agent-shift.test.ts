/**
 * An agent's shift, end to end in headless Chromium against the reference server (port 0, a temporary
 * SQLite file): Julie reloads her console mid-conversation and finds the same conversation and her half-
 * written answer, while the visitor notices nothing; then she signs out, and the visitor reads that she had
 * to leave, with their place in line, and Marc takes the conversation with everything the visitor wrote.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agentSees,
  openAgent,
  openVisitor,
  RESULTS_DIR,
  visitorSays,
  visitorSees,
} from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();
const GREETING = "Hello, I'm Julie. How can I help you today?";

describe("an agent's shift", () => {
  it('survives a reload of the console, and hands the conversation back on sign-out with a notice', async () => {
    const server = await e2e.start('agent-shift');
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(julie, visitor);
    const panel = visitor.page.getByRole('dialog');

    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(visitor.page, 'My bill doubled this month.');
    await julie.page
      .locator('.queue-entry', { hasText: 'My bill doubled this month.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
    await visitorSees(visitor.page, GREETING);

    // A half-written answer, then a reload: the same conversation, the same draft, nothing for the visitor.
    const composer = julie.page.getByLabel('Your answer');
    await composer.fill('I see a one-time charge of');
    await julie.page.reload();
    await julie.page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    await julie.page.getByRole('heading', { name: 'My conversations (1)' }).waitFor();
    await expect.poll(() => composer.inputValue()).toBe('I see a one-time charge of');
    await agentSees(julie.page, 'My bill doubled this month.');
    await composer.fill('I see a one-time charge of $40 for the installation.');
    await composer.press('Enter');
    await visitorSees(visitor.page, 'I see a one-time charge of $40 for the installation.');
    expect(await panel.getByText(/had to leave/).count()).toBe(0);

    // Sign-out: the visitor is told, with their place; what they write meanwhile is kept for Marc.
    await julie.page.getByRole('button', { name: 'Sign out' }).click();
    await panel.getByText('Julie had to leave; another agent will answer you soon').waitFor();
    await panel.locator('.status.queue').filter({ hasText: 'You are number 1 in line' }).waitFor();
    await visitorSays(visitor.page, 'Is anyone there?');
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-shift-visitor-after-sign-out.png') });

    const marc = await openAgent(e2e.browser, server.url, 'Marc');
    e2e.keep(marc);
    await marc.page
      .locator('.queue-entry', { hasText: 'My bill doubled this month.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await agentSees(marc.page, 'Is anyone there?');
    await agentSees(marc.page, 'I see a one-time charge of $40 for the installation.');
    await panel.getByText('Marc has joined').waitFor();
  }, 60_000);
});
