/**
 * Consent asked by the organisation, end to end in headless Chromium against the reference server (port 0,
 * a temporary SQLite file): with `data-consent-version` on the script tag, the visitor sees only the
 * launcher and the notice; nothing connects and nothing is stored until they agree. Then they write, Julie
 * takes the conversation, and her console shows the consent (its version) that came with the first message;
 * the database keeps it.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSiteDir } from '../src/config.js';
import { openAgent, openVisitor, RESULTS_DIR } from './support/e2e-pages.js';
import { e2eSuite, readDatabase } from './support/e2e-suite.js';

const e2e = e2eSuite();

/**
 * A copy of the demo store whose script tag asks for consent (the site owner's edit), served as the site:
 * the page must come from the server itself, as Chromium refuses a loopback WebSocket to a page that a test
 * rewrote in flight.
 */
async function storeAskingConsent(): Promise<string> {
  const site = join(e2e.pages.dir, 'store-with-consent');
  await cp(defaultSiteDir(), site, { recursive: true });
  const index = join(site, 'index.html');
  const html = await readFile(index, 'utf8');
  const edited = html.replace(
    'data-transport="websocket"',
    'data-transport="websocket" data-consent-version="2026-11" data-consent-policy="/privacy"',
  );
  if (edited === html) throw new Error('the demo store has no script tag to edit');
  await writeFile(index, edited);
  return site;
}

describe('consent', () => {
  it('connects and stores nothing before the visitor agrees; the console shows the consent that came with the first message', async () => {
    const server = await e2e.start('consent', { siteDir: await storeAskingConsent() });
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(julie, visitor);
    const { page } = visitor;

    await page.getByRole('button', { name: 'Open chat' }).click();
    const notice = page.getByRole('dialog', { name: /Before we chat/ });
    await notice.waitFor();
    expect(visitor.sockets).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-consent-notice.png') });

    await notice.getByRole('button', { name: 'I agree' }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Can I move my plan to my new address?');
    await composer.press('Enter');
    const entry = julie.page.locator('.queue-entry', { hasText: 'Can I move my plan to my new address?' });
    await entry.getByRole('button', { name: /Take the conversation/ }).click();
    const consent = julie.page.locator('.visitor-details [data-consent]');
    await consent.waitFor();
    expect(await consent.textContent()).toMatch(/^given .+ \(version 2026-11\)$/);
    expect(visitor.sockets).toHaveLength(1);
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-consent-julie.png') });

    expect(
      readDatabase(e2e.databasePath('consent'), (db) =>
        db.prepare('SELECT version, policy_url FROM consents').all(),
      ),
    ).toEqual([{ version: '2026-11', policy_url: `${server.url}/privacy` }]);
    expect(visitor.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
