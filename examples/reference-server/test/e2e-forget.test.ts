/**
 * "Forget me", end to end in headless Chromium against the reference server (port 0, a temporary SQLite
 * file): the host page calls `window.Clavard.forget()` (the page API of the script tag); the server erases
 * the visitor and everything of theirs (read back through a read-only connection to its database), and
 * the visitor's browser keeps no `clavard:` key. A conversation still waiting leaves Julie's queue at once;
 * one she holds leaves her console, with a notice saying why.
 */
import { join } from 'node:path';
import { signIdentityToken } from '@clavard/reference-server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clavardStorageKeys, openAgent, openVisitor, RESULTS_DIR } from './support/e2e-pages.js';
import { e2eSuite, readDatabase } from './support/e2e-suite.js';

const SECRET = 'e2e-identity-secret';
const JULIE_GREETING = "Hello, I'm Julie. How can I help you today?";

const e2e = e2eSuite();

/** The tables that hold a visitor's data, and how many rows each has, read through a read-only connection. */
const VISITOR_TABLES = [
  'visitors',
  'identities',
  'conversations',
  'events',
  'acks',
  'forms',
  'form_submissions',
  'consents',
  'ratings',
  'transfers',
] as const;

function rowCounts(database: string): Record<(typeof VISITOR_TABLES)[number], number> {
  return readDatabase(
    database,
    (db) =>
      Object.fromEntries(
        VISITOR_TABLES.map((table) => [
          table,
          (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
        ]),
      ) as Record<(typeof VISITOR_TABLES)[number], number>,
  );
}

/** The rows of the visitor's messages in the events table (their texts), read-only. */
function storedTexts(database: string): string[] {
  return readDatabase(database, (db) =>
    db
      .prepare<[], { text: string | null }>(
        "SELECT json_extract(payload, '$.content.text') AS text FROM events WHERE type = 'message' ORDER BY at, seq",
      )
      .all()
      .map((row) => row.text ?? ''),
  );
}

/** The host page's own call of the page API, as a "Delete my chat data" button of the site would make. */
function forget(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as unknown as { Clavard: { forget(): void } }).Clavard.forget();
  });
}

describe('forget', () => {
  it('erases a waiting visitor on the server, takes them out of the queue, and leaves no clavard: key', async () => {
    const server = await e2e.start('forget-queued');
    const database = e2e.databasePath('forget-queued');
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(julie, visitor);
    const panel = visitor.page.getByRole('dialog');
    const queue = julie.page.getByRole('region', { name: /^Waiting/ });

    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = visitor.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Please cancel my subscription.');
    await composer.press('Enter');
    await panel
      .locator('.msg[data-delivery="delivered"]', { hasText: 'Please cancel my subscription.' })
      .waitFor();
    await queue.locator('.queue-entry', { hasText: 'Please cancel my subscription.' }).waitFor();

    // Before: the server holds the visitor and the message; the browser the session.
    expect(rowCounts(database)).toMatchObject({ visitors: 1, conversations: 1, acks: 1 });
    expect(storedTexts(database)).toEqual(['Please cancel my subscription.']);
    expect((await clavardStorageKeys(visitor.page)).length).toBeGreaterThan(0);

    await forget(visitor.page);

    // After: out of Julie's queue, nothing of theirs in the database, nothing in the browser.
    await queue.getByText('Nobody is waiting.').waitFor();
    await expect
      .poll(() => rowCounts(database))
      .toEqual(Object.fromEntries(VISITOR_TABLES.map((table) => [table, 0])));
    await expect.poll(() => clavardStorageKeys(visitor.page)).toEqual([]);
    await expect.poll(() => panel.getByText('Please cancel my subscription.').count()).toBe(0);
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-forget-visitor.png') });
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-forget-julie.png') });

    // Writing again starts afresh: a new visitor and conversation, without the erased message.
    await composer.fill('Actually, one more question.');
    await composer.press('Enter');
    await queue.locator('.queue-entry', { hasText: 'Actually, one more question.' }).waitFor();
    expect(await queue.locator('.queue-entry').count()).toBe(1);
    expect(rowCounts(database)).toMatchObject({ visitors: 1, conversations: 1, acks: 1 });
    expect(storedTexts(database)).toEqual(['Actually, one more question.']);

    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);

  it('erases an identified visitor whose conversation Julie holds: identity, messages and session', async () => {
    const server = await e2e.start('forget-active', { identitySecret: SECRET });
    const database = e2e.databasePath('forget-active');
    const token = signIdentityToken(
      { sub: 'customer-1042', name: 'Ana Tremblay', exp: Math.floor(Date.now() / 1000) + 300 },
      SECRET,
    );
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      setupScript: `window.Clavard.identify(${JSON.stringify({ token, userId: 'customer-1042', name: 'Ana Tremblay' })});`,
    });
    e2e.keep(julie, visitor);
    const panel = visitor.page.getByRole('dialog');

    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = visitor.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Delete my data after this, please.');
    await composer.press('Enter');
    const entry = julie.page.locator('.queue-entry', { hasText: 'Delete my data after this, please.' });
    await entry.getByText('Ana Tremblay · identified').waitFor();
    await entry.getByRole('button', { name: /Take the conversation/ }).click();
    await panel.getByText('Julie has joined').waitFor();
    const julieComposer = julie.page.getByLabel('Your answer');
    await expect.poll(() => julieComposer.inputValue()).toBe(JULIE_GREETING);
    await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
    await panel.locator('.bubble').getByText(JULIE_GREETING, { exact: true }).waitFor();

    expect(rowCounts(database)).toMatchObject({ visitors: 1, identities: 1, conversations: 1 });
    expect(storedTexts(database)).toEqual(['Delete my data after this, please.', JULIE_GREETING]);
    expect((await clavardStorageKeys(visitor.page)).length).toBeGreaterThan(0);

    await forget(visitor.page);

    await expect
      .poll(() => rowCounts(database))
      .toEqual(Object.fromEntries(VISITOR_TABLES.map((table) => [table, 0])));
    await expect.poll(() => clavardStorageKeys(visitor.page)).toEqual([]);
    await expect.poll(() => panel.getByText(JULIE_GREETING).count()).toBe(0);

    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-forget-identified-visitor.png') });
    // Julie's console drops the erased conversation and says why.
    await julie.page
      .getByRole('alert')
      .getByText('The visitor asked for their data to be erased: the conversation was removed.')
      .waitFor();
    await expect.poll(() => julie.page.getByText('Delete my data after this, please.').count()).toBe(0);
    expect(await julie.page.getByText('Ana Tremblay · identified').count()).toBe(0);
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-forget-identified-julie.png') });

    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
