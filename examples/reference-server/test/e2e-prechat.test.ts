/**
 * The pre-chat form and routing by topic, end to end in headless Chromium against the reference server
 * (port 0, a temporary SQLite file): Julie takes Billing and Marc Technical support in their consoles
 * ("My topics"); a visitor's first message brings the pre-chat form (loaded lazily with the other forms),
 * which refuses a missing topic and then routes the conversation to Julie's queue only; a second visitor
 * who picks Technical support reaches Marc's queue only; Marc cannot see, and Julie takes, the first one.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, RESULTS_DIR, takeTopic } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();

/** The previews in a console's queue. */
const queued = (page: Page): Promise<string[]> => page.locator('.queue-entry .preview').allTextContents();

/** A visitor writes, answers the pre-chat form with `topic`, and sees it sent. */
async function writeAbout(page: Page, text: string, topic: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  const form = page.getByRole('dialog').getByRole('form', { name: 'Before we start' });
  await form.getByText('So that the right person answers you.').waitFor();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Topic').selectOption(topic);
  await form.getByRole('button', { name: 'Submit' }).click();
  await page.getByText('Thank you, your answers were sent.').waitFor();
}

describe('pre-chat form and routing by topic', () => {
  it('asks who and what about, refuses a missing topic, and routes each conversation to the agent of its topic', async () => {
    const server = await e2e.start('prechat', { topics: ['Plans', 'Billing', 'Technical support'] });
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const marc = await openAgent(e2e.browser, server.url, 'Marc');
    e2e.keep(julie, marc);
    await takeTopic(julie.page, 'Billing');
    await takeTopic(marc.page, 'Technical support');

    // The first visitor: the form is asked before anyone answers, and a topic is required.
    const ana = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(ana);
    await ana.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = ana.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('My invoice is wrong');
    await composer.press('Enter');
    const form = ana.page.getByRole('dialog').getByRole('form', { name: 'Before we start' });
    await form.getByRole('button', { name: 'Submit' }).click();
    await form.getByText('This field is required.').waitFor();
    expect(await form.getByLabel('Topic').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Name').fill('Ana');
    await form.getByLabel('Topic').selectOption('Billing');
    await form.getByRole('button', { name: 'Submit' }).click();
    await ana.page.getByText('Thank you, your answers were sent.').waitFor();
    await ana.page.screenshot({ path: join(RESULTS_DIR, 'e2e-prechat-visitor.png') });

    const anaEntry = julie.page.locator('.queue-entry', { hasText: 'My invoice is wrong' });
    await anaEntry.getByText('· Billing').waitFor();
    await anaEntry.getByText('Ana · not verified').waitFor();

    // The second visitor picks Technical support: Marc's queue gets it, and only it.
    const ben = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(ben);
    await writeAbout(ben.page, 'The modem blinks red', 'Technical support', 'Ben');
    await marc.page.locator('.queue-entry', { hasText: 'The modem blinks red' }).waitFor();
    expect(await queued(marc.page)).toEqual(['The modem blinks red']);
    expect(await queued(julie.page)).toEqual(['My invoice is wrong']);
    await marc.page.screenshot({ path: join(RESULTS_DIR, 'e2e-prechat-marc.png') });

    await anaEntry.getByRole('button', { name: /^Take the conversation/ }).click();
    await ana.page.locator('p.notice', { hasText: 'Julie has joined' }).waitFor();
    await julie.page
      .locator('.conversation-header .visitor-identity', { hasText: 'Ana · not verified' })
      .waitFor();
    await expect.poll(() => queued(julie.page)).toEqual([]);
    for (const opened of [julie, marc, ana, ben]) expect(opened.problems).toEqual([]);
  }, 90_000);

  it('asks first when the organisation wants it, starts with the answers, and does not ask again after a reload', async () => {
    const server = await e2e.start('prechat-first', {
      topics: ['Billing', 'Technical support'],
      prechatFirst: true,
    });
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    e2e.keep(julie);
    await takeTopic(julie.page, 'Billing');
    const ana = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(ana);
    await ana.page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = ana.page.getByRole('dialog');
    const form = dialog.getByRole('form', { name: 'Before we start' });
    // The form first, focused; nothing to type into before it is answered.
    await expect.poll(() => form.getByLabel('Name').evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await form.getByLabel('Name').fill('Ana');
    await form.getByLabel('Topic').selectOption('Billing');
    await form.getByRole('button', { name: 'Start the conversation' }).click();
    const composer = dialog.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.evaluate((input) => input.matches(':focus'))).toBe(true);
    await composer.fill('My invoice is wrong');
    await composer.press('Enter');
    const entry = julie.page.locator('.queue-entry', { hasText: 'My invoice is wrong' });
    await entry.getByText('· Billing').waitFor();
    await entry.getByText('Ana · not verified').waitFor();

    // Back on the site later (the conversation ended): the answers are known, the composer comes first.
    await entry.getByRole('button', { name: /^Take the conversation/ }).click();
    await ana.page.locator('p.notice', { hasText: 'Julie has joined' }).waitFor();
    await dialog.getByRole('button', { name: /^End chat/ }).click();
    await dialog.locator('.end-bar').getByRole('button', { name: /^End/ }).click();
    await dialog.getByRole('button', { name: 'New conversation' }).waitFor();
    await ana.page.reload();
    await ana.page.getByRole('button', { name: /^Open chat/ }).click();
    await dialog.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(() => composer.evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await dialog.getByRole('form', { name: 'Before we start' }).count()).toBe(0);
    for (const opened of [julie, ana]) expect(opened.problems).toEqual([]);
  }, 90_000);
});
