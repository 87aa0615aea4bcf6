/**
 * Nobody available, end to end in headless Chromium against the reference server (port 0, a temporary
 * SQLite file): the widget says so before the visitor writes; the visitor's message is kept and the
 * server asks for an email; a missing email is refused, a valid one confirmed; the agent who signs in
 * later sees the conversation waiting, with the email to answer by.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReferenceServer, startServer } from '@clavard/reference-server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../packages/widget/test/support/browser.js';
import {
  type BuiltPages,
  buildPages,
  openAgent,
  openVisitor,
  PASSWORD,
  RESULTS_DIR,
} from './support/e2e-pages.js';

let browser: Browser;
let pages: BuiltPages;
let server: ReferenceServer | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, pages] = await Promise.all([launchChromium(), buildPages()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (pages) await rm(pages.dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await server?.close();
  server = undefined;
});

describe('nobody available', () => {
  it('says so, keeps the message, asks for an email, confirms, and shows it waiting with the email', async () => {
    server = await startServer({
      port: 0,
      database: join(pages.dir, 'offline.db'),
      agentPassword: PASSWORD,
      consoleDir: pages.consoleDir,
      embedFile: pages.embedFile,
    });
    const visitor = await openVisitor(browser, server.url, 'websocket', pages);
    contexts.push(visitor.context);
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

    const julie = await openAgent(browser, server.url, 'Julie');
    contexts.push(julie.context);
    const entry = julie.page.locator('.queue-entry', { hasText: 'My bill doubled this month.' });
    await entry.getByText('Left a message: answer by email to ana@example.com').waitFor();
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-offline-julie.png') });
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
