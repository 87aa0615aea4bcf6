/**
 * A shift on the agent console in headless Chromium at 1366×768, in English and in French, against the
 * real reference server (port 0, in-memory database): a message left while nobody was there waits in the
 * inbox; Julie holds two conversations, one with an unread message, and a third visitor waits. The whole
 * console fits the screen with no page scroll, the composer and the end button in view, the tab's title
 * counts what needs her while hidden, and axe-core finds nothing. Screenshots go to test-results/ and,
 * copied, to the README.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type ReferenceServer, startServer } from '@clavard/reference-server';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { animationsSettled } from '../../../packages/widget/test/support/browser.js';
import { type TestClient, visitor } from '../../reference-server/test/support/clients.js';
import { consoleBrowser, RESULTS_DIR } from './support/console-browser.js';

const PASSWORD = 'test-password';
const results = RESULTS_DIR;

const TEXTS = {
  en: {
    left: 'My modem has been blinking orange since last night.',
    first: 'My invoice shows the same amount twice.',
    again: 'It is the one from November.',
    second: 'Can I move my plan to my new address?',
    waiting: 'Is the outage in Rosemont over?',
    status: 'Online',
    signIn: 'Sign in',
    title: '(2) Clavard console',
  },
  'fr-CA': {
    left: 'Mon modem clignote orange depuis hier soir.',
    first: 'Ma facture indique deux fois le même montant.',
    again: 'C’est celle de novembre.',
    second: 'Puis-je transférer mon forfait à ma nouvelle adresse?',
    waiting: 'La panne dans Rosemont est-elle terminée?',
    status: 'En ligne',
    signIn: 'Se connecter',
    title: '(2) Console Clavard',
  },
} as const;

let server: ReferenceServer | undefined;
const visitors: TestClient[] = [];

const suite = consoleBrowser();
afterEach(async () => {
  for (const client of visitors.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

/** A visitor who writes `text`; resolves with their conversation id. */
async function writes(on: ReferenceServer, locale: string, text: string): Promise<TestClient> {
  const { client } = await visitor(on, { locale });
  visitors.push(client);
  client.send({ type: 'message.send', clientId: `m-${text}`, text });
  await client.next('message.ack');
  return client;
}

/** Julie takes the waiting conversation whose preview is `text`, and sends the greeting offered. */
async function takeAndGreet(page: Page, text: string): Promise<void> {
  await page.locator('.queue-entry', { hasText: text }).getByRole('button').click();
  await page.locator('.conversation-link', { hasText: text }).waitFor();
  await page.locator('.composer button[type="submit"]').click();
  await page.locator('.message.from-agent:not(.pending)').first().waitFor();
}

describe.each(['en', 'fr-CA'] as const)('a shift on the console (%s)', (locale) => {
  it('fits 1366×768 with no page scroll, alerts, and has no axe violation', async () => {
    const texts = TEXTS[locale];
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: [{ login: 'julie', firstName: 'Julie', title: 'Customer care', password: PASSWORD }],
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    // Nobody is signed in yet: this visitor leaves a message and an email.
    const left = await writes(server, locale, texts.left);
    const form = await left.next('form.request');
    left.send({ type: 'form.submit', formId: form.formId, values: { email: 'ana@example.com' } });
    await left.next('form.result');

    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
    const page = await context.newPage();
    await page.goto(`${server.url}/agent`);
    await page.getByLabel(locale === 'en' ? 'Username' : 'Nom d’utilisateur').fill('julie');
    await page.getByLabel(locale === 'en' ? 'Password' : 'Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: texts.signIn }).click();
    await page.getByRole('status').filter({ hasText: texts.status }).waitFor();

    const first = await writes(server, locale, texts.first);
    await takeAndGreet(page, texts.first);
    await writes(server, locale, texts.second);
    await takeAndGreet(page, texts.second);
    await writes(server, locale, texts.waiting);
    await page.locator('.queue-entry', { hasText: texts.waiting }).waitFor();
    // The first visitor writes again while Julie is in the second conversation: one unread.
    first.send({ type: 'message.send', clientId: 'again', text: texts.again });
    await page.locator('.conversation-link[data-unread="1"]', { hasText: texts.again }).waitFor();
    await page.locator('.inbox-entry', { hasText: texts.left }).waitFor();
    await animationsSettled(page);
    await page.screenshot({ path: join(results, `console-shift-${locale}.png`) });

    const fits = await page.evaluate(() => ({
      page: document.documentElement.scrollHeight <= window.innerHeight,
      width: document.documentElement.scrollWidth <= window.innerWidth,
    }));
    expect(fits).toEqual({ page: true, width: true });
    for (const button of [
      page.locator('.composer button[type="submit"]'),
      page.locator('.composer-actions .danger'),
    ]) {
      const box = await button.boundingBox();
      expect(box && box.y + box.height <= 768).toBe(true);
    }

    // Hidden tab: the title counts the unread message and the visitor waiting.
    const title = await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
      return document.title;
    });
    expect(title).toBe(texts.title);

    // Alt+↓ moves to the other conversation, which marks its message read.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('.conversation-link[data-unread]').count()).toBe(0);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await context.close();
  }, 40_000);
});

describe("an admin's memory of the team", () => {
  it('finds an ended conversation in the archive, exports the team report as CSV, and creates an account', async () => {
    server = await startServer({
      port: 0,
      database: ':memory:',
      agents: [{ login: 'julie', firstName: 'Julie', password: PASSWORD, role: 'admin' }],
      consoleDir: suite.consoleDir,
      heartbeatMs: 0,
    });
    const context = await suite.browser.newContext({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/agent`);
    await page.getByLabel('Username').fill('julie');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();

    const client = await writes(server, 'en', 'My invoice for May is wrong.');
    await takeAndGreet(page, 'My invoice for May is wrong.');
    await page.getByRole('button', { name: 'End conversation…' }).click();
    await page.getByRole('button', { name: 'End with this closing' }).click();
    await client.next('conversation.ended');

    await page.getByLabel('Search ended conversations').fill('invoice');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const found = page.locator('.archive .conversation-link', { hasText: 'invoice' });
    await found.click();
    await page.getByRole('heading', { name: 'Conversation · Ended' }).waitFor();

    await page.getByRole('button', { name: 'Team report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Team report' });
    await dialog.getByRole('rowheader', { name: 'Julie' }).waitFor();
    // The columns fill the screen below the top bar, whatever they hold.
    const columns = await page.locator('.columns').boundingBox();
    expect(columns && Math.round(columns.y + columns.height)).toBe(768);
    await page.screenshot({ path: join(results, 'console-report.png') });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export as CSV' }).click(),
    ]);
    const path = await file.path();
    const csv = (await import('node:fs/promises')).readFile(path, 'utf8');
    expect((await csv).split('\r\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},Julie,1,/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // A new colleague's account, from the console.
    await page.getByRole('button', { name: 'Accounts' }).click();
    const accounts = page.getByRole('dialog', { name: 'Agent accounts' });
    await accounts.getByLabel('Username').fill('ana');
    await accounts.getByLabel('First name (shown to visitors)').fill('Ana');
    await accounts.getByLabel('Password (at least 8 characters)').fill('a long passphrase');
    await accounts.getByRole('button', { name: 'Create the account' }).click();
    await accounts.getByRole('status').filter({ hasText: 'Account ana created.' }).waitFor();
    await accounts.getByRole('rowheader', { name: 'Ana' }).waitFor();
    const axeAccounts = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze();
    expect(axeAccounts.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  }, 40_000);
});
