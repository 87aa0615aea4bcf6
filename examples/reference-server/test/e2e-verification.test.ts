/**
 * Identity verification end to end, in headless Chromium against the reference server as a real process
 * (its log is its stdout and stderr): Julie asks for date of birth, postal code and the account's last four
 * digits from the console; the visitor answers inside the widget, first wrongly, then with the demo
 * customer's values; both sides see only the server's decision. Then the values are searched for, and not
 * found, in every place they could leak to: the visitor's localStorage, sessionStorage, IndexedDB, Cache
 * Storage and cookies, the same on the console's page, the widget's and the console's transcripts, the
 * server's log, and the database files (with the WAL).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DEMO_CUSTOMER } from '@clavard/reference-server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, RESULTS_DIR } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';
import {
  ensureServerBuilt,
  freePort,
  killServerProcesses,
  type ServerProcess,
  startServerProcess,
} from './support/server-process.js';

// The server runs as a child process (its log is searched too): built before, killed after each test.
const e2e = e2eSuite({ beforeAll: ensureServerBuilt, afterEach: killServerProcesses, timeoutMs: 90_000 });

/** Everything a page keeps in the browser, as one text: Web Storage, IndexedDB, Cache Storage, cookies. */
function browserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [document.cookie];
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index) ?? '';
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        parts.push(name, store, JSON.stringify(rows));
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        parts.push(request.url, (await (await cache.match(request))?.text()) ?? '');
      }
    }
    return parts.join('\n');
  });
}

/** The database file and its WAL and shared-memory files, as Latin-1 text (bytes kept one for one). */
async function databaseFiles(database: string): Promise<string> {
  const folder = dirname(database);
  const names = (await readdir(folder)).filter((name) => name.startsWith(basename(database)));
  const contents = await Promise.all(names.map((name) => readFile(join(folder, name))));
  return contents.map((bytes) => bytes.toString('latin1')).join('\n');
}

/**
 * Where a value would show if it leaked: the date and postal code are distinctive; four digits could be
 * part of a random id, so they count only as a whole token (not next to a letter, digit or hyphen).
 */
const leaks = (text: string): string[] => {
  const found: string[] = [];
  if (text.includes(DEMO_CUSTOMER.dob)) found.push('date of birth');
  if (text.includes(DEMO_CUSTOMER.postal) || text.includes(DEMO_CUSTOMER.postal.replace(' ', ''))) {
    found.push('postal code');
  }
  if (new RegExp(`(?<![\\w-])${DEMO_CUSTOMER.last4}(?![\\w-])`).test(text)) found.push('last four digits');
  return found;
};

describe('identity verification', () => {
  it('asks from the console, answers in the widget, shows only the decision, and leaves the values nowhere', async () => {
    const database = e2e.databasePath('verification');
    const server: ServerProcess = await startServerProcess(await freePort(), database, {
      CLAVARD_CONSOLE_DIR: e2e.pages.consoleDir,
      CLAVARD_EMBED_FILE: e2e.pages.embedFile,
    });
    const julie = await openAgent(e2e.browser, server.url, 'Julie', 'demo');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(julie, visitor);
    const panel = visitor.page.getByRole('dialog');

    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = visitor.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('I want to change my plan.');
    await composer.press('Enter');
    await julie.page
      .locator('.queue-entry', { hasText: 'I want to change my plan.' })
      .getByRole('button', { name: /Take the conversation/ })
      .click();
    await panel.getByText('Julie has joined').waitFor();

    // Julie asks for the three checks.
    const verify = julie.page.getByRole('group', { name: 'Verify identity' });
    await verify.getByLabel('Postal code').check();
    await verify.getByLabel('Last four digits of the account number').check();
    await verify.getByRole('button', { name: 'Ask to verify' }).click();
    const identity = julie.page.locator('.visitor-details [data-identity]');
    await identity.getByText('Verification asked, waiting for the visitor').waitFor();

    // The visitor sees the form inside the conversation, with why and how.
    const form = panel.getByRole('form', { name: 'Verify your identity' });
    await form.waitFor();
    await form.getByText('Before we look at your account, we need to make sure it is yours.').waitFor();
    const dob = form.getByLabel('Date of birth');
    expect(await dob.getAttribute('type')).toBe('password');

    // A wrong shape first: refused in the widget, nothing sent.
    await dob.fill('25/04/1990');
    await form.getByLabel('Postal code').fill('H2X');
    await form.getByLabel('Last four digits of your account number').fill('48');
    await form.getByRole('button', { name: 'Verify' }).click();
    await form.getByText('Enter a date as YYYY-MM-DD.').waitFor();
    expect(await form.getByText('This value is not in the expected format.').count()).toBe(2);
    await expect
      .poll(() => dob.evaluate((input) => input === (input.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);

    // Then the demo customer's values: verified on both sides.
    await dob.fill(DEMO_CUSTOMER.dob);
    await form.getByLabel('Postal code').fill(DEMO_CUSTOMER.postal);
    await form.getByLabel('Last four digits of your account number').fill(DEMO_CUSTOMER.last4);
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-verification-visitor-form.png') });
    await form.getByRole('button', { name: 'Verify' }).click();
    await panel.getByText('Identity verified').waitFor();
    await panel.getByText('Thank you, your answers were sent.').waitFor();
    await identity.getByText('Verified in this conversation').waitFor();
    await julie.page.getByText('Form accepted (verified)').waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'e2e-verification-visitor-verified.png') });
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-verification-julie.png') });

    // A reload: the conversation comes back, the values do not.
    await visitor.page.reload();
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    await panel.getByText('Identity verified').waitFor();
    await panel.getByText('Thank you, your answers were sent.').waitFor();

    const places: Record<string, string> = {
      "visitor's browser storage": await browserStorage(visitor.page),
      "visitor's transcript": (await panel.textContent()) ?? '',
      "console's browser storage": await browserStorage(julie.page),
      "console's transcript":
        (await julie.page.getByRole('log', { name: 'Conversation' }).textContent()) ?? '',
      "server's log": server.output(),
      'database files': await databaseFiles(database),
    };
    const found = Object.fromEntries(Object.entries(places).map(([place, text]) => [place, leaks(text)]));
    expect(found).toEqual(Object.fromEntries(Object.keys(places).map((place) => [place, []])));
    // The searches can find something: the visitor's storage holds the conversation, the log the start.
    expect(places["visitor's browser storage"]).toContain('clavard:');
    expect(places["server's log"]).toContain('Clavard reference server on');
    expect(
      leaks(`born ${DEMO_CUSTOMER.dob}, ${DEMO_CUSTOMER.postal.replace(' ', '')}, "${DEMO_CUSTOMER.last4}"`),
    ).toEqual(['date of birth', 'postal code', 'last four digits']);
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
