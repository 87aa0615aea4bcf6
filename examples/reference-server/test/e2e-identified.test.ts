/**
 * Identified visitors, end to end in headless Chromium against the reference server (port 0, a temporary
 * SQLite file) with an identity secret and topics (topics make it ask anonymous visitors a pre-chat form).
 * The demo store's own setup script (an external file: the page allows no inline script) calls
 * `window.Clavard.identify({ userId, name, email, token })` with a token signed by `signIdentityToken`,
 * as the organisation's server would hand it over. With the right secret: no pre-chat form, and the
 * console names the visitor in the queue and in the conversation. With a token signed with another
 * secret: the visitor stays anonymous, the pre-chat form is asked, and the console never shows the name.
 */
import { join } from 'node:path';
import { signIdentityToken } from '@clavard/reference-server';
import { describe, expect, it } from 'vitest';
import { consoleMessages, openAgent, openVisitor, RESULTS_DIR } from './support/e2e-pages.js';
import { e2eSuite, readDatabase } from './support/e2e-suite.js';

const SECRET = 'e2e-identity-secret';
const TOPICS = ['Billing', 'Technical support'];
const JULIE_GREETING = "Hello, I'm Julie. How can I help you today?";

const e2e = e2eSuite();

/** What the host page appends to its setup script: the identify call, with what its server gave it. */
const identifyScript = (identity: { userId: string; name: string; email: string; token: string }): string =>
  `window.Clavard.identify(${JSON.stringify(identity)});`;

/** A token for `claims`, valid five minutes, signed with `secret`. */
const tokenFor = (claims: { sub: string; name: string; email: string }, secret: string): string =>
  signIdentityToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 }, secret);

/** Rows of `sql` in the server's database, read through a read-only connection of its own. */
const query = <T>(database: string, sql: string, ...params: unknown[]): T[] =>
  readDatabase(database, (db) => db.prepare(sql).all(...params) as T[]);

describe('an identified visitor', () => {
  it('with a valid token: no pre-chat form, and the console names the visitor; a forged one stays anonymous', async () => {
    const server = await e2e.start('identified', { identitySecret: SECRET, topics: TOPICS });
    const database = e2e.databasePath('identified');
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    e2e.keep(julie);
    const queue = julie.page.getByRole('region', { name: /^Waiting/ });

    // Ana, signed in on the store: her token is signed with the server's secret.
    const ana = { sub: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com' };
    const identified = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      setupScript: identifyScript({
        userId: ana.sub,
        name: ana.name,
        email: ana.email,
        token: tokenFor(ana, SECRET),
      }),
    });
    e2e.keep(identified);
    const panel = identified.page.getByRole('dialog');
    await identified.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = identified.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Can I move my plan to my new address?');
    await composer.press('Enter');

    // The console names her in the queue.
    const anaEntry = queue.locator('.queue-entry', { hasText: 'Can I move my plan to my new address?' });
    await anaEntry
      .locator('.visitor-identity')
      .getByText('Ana Tremblay <ana@example.com> · identified', { exact: true })
      .waitFor();
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-identified-julie-queue.png') });

    // Julie takes it: named in the conversation too; the greeting reaches Ana.
    await anaEntry.getByRole('button', { name: /Take the conversation/ }).click();
    await panel.getByText('Julie has joined').waitFor();
    await julie.page
      .locator('.conversation-header .visitor-identity')
      .getByText('Ana Tremblay <ana@example.com> · identified', { exact: true })
      .waitFor();
    const julieComposer = julie.page.getByLabel('Your answer');
    await expect.poll(() => julieComposer.inputValue()).toBe(JULIE_GREETING);
    await julie.page.getByRole('button', { name: 'Send', exact: true }).click();
    await panel.locator('.bubble').getByText(JULIE_GREETING, { exact: true }).waitFor();

    // No pre-chat form: the widget shows none (the greeting came after anything the server asked), the
    // console's transcript has no form request, and the server stored none. The identity is stored.
    expect(await panel.locator('.form-card').count()).toBe(0);
    expect(await panel.getByText('Before we start').count()).toBe(0);
    expect(await panel.getByText('Loading…').count()).toBe(0);
    const log = julie.page.getByRole('log', { name: 'Conversation' });
    expect(await log.getByText(/^Form requested/).count()).toBe(0);
    expect((await consoleMessages(julie.page)).map((text) => text.trim())).toEqual([
      'Can I move my plan to my new address?',
      JULIE_GREETING,
    ]);
    expect(query<{ kind: string }>(database, 'SELECT kind FROM forms')).toEqual([]);
    expect(
      query<{ user_id: string; name: string; email: string }>(
        database,
        'SELECT user_id, name, email FROM identities',
      ),
    ).toEqual([{ user_id: ana.sub, name: ana.name, email: ana.email }]);
    await identified.page.screenshot({ path: join(RESULTS_DIR, 'e2e-identified-visitor.png') });
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-identified-julie.png') });

    // Bruno's page claims an identity with a token signed with another secret.
    const bruno = { sub: 'customer-2077', name: 'Bruno Forgeron', email: 'bruno@example.com' };
    const forged = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      setupScript: identifyScript({
        userId: bruno.sub,
        name: bruno.name,
        email: bruno.email,
        token: tokenFor(bruno, 'not-the-server-secret'),
      }),
    });
    e2e.keep(forged);
    const forgedPanel = forged.page.getByRole('dialog');
    await forged.page.getByRole('button', { name: 'Open chat' }).click();
    const forgedComposer = forged.page.getByRole('textbox', { name: 'Message' });
    await forgedComposer.fill('Where is my order?');
    await forgedComposer.press('Enter');

    // Anonymous: the pre-chat form is asked (the page's name only prefills it) ...
    const prechat = forgedPanel.getByRole('form', { name: 'Before we start' });
    await prechat.waitFor();
    await prechat.getByText('So that the right person answers you.').waitFor();
    expect(await prechat.getByLabel('Name').inputValue()).toBe(bruno.name);
    // ... and the console says so, without the name.
    const brunoEntry = queue.locator('.queue-entry', { hasText: 'Where is my order?' });
    await brunoEntry.locator('.visitor-identity').getByText('Anonymous visitor', { exact: true }).waitFor();
    await forged.page.screenshot({ path: join(RESULTS_DIR, 'e2e-identified-forged-visitor.png') });

    expect(await prechat.getByLabel('Email').inputValue()).toBe(bruno.email);
    // Bruno clears what the page prefilled (so that only the token could name him) and picks a topic,
    // which routes the conversation.
    await prechat.getByLabel('Name').fill('');
    await prechat.getByLabel('Email').fill('');
    await prechat.getByLabel('Topic').selectOption('Billing');
    await prechat.getByRole('button', { name: 'Submit' }).click();
    await forgedPanel.getByText('Thank you, your answers were sent.').waitFor();
    await brunoEntry.getByText(/· Billing$/).waitFor();
    await brunoEntry.getByRole('button', { name: /Take the conversation/ }).click();
    await forgedPanel.getByText('Julie has joined').waitFor();
    await julie.page
      .locator('.conversation-header .visitor-identity')
      .getByText('Anonymous visitor', { exact: true })
      .waitFor();
    await log.getByText('Form requested: Before we start').waitFor();
    await julie.page.screenshot({ path: join(RESULTS_DIR, 'e2e-identified-julie-forged.png') });

    // The page's claim is nowhere on the console, nor in the server's identities.
    expect(await julie.page.getByText('Bruno').count()).toBe(0);
    expect(await julie.page.getByText('bruno@example.com').count()).toBe(0);
    expect(query<{ user_id: string }>(database, 'SELECT user_id FROM identities')).toEqual([
      { user_id: ana.sub },
    ]);
    expect(query<{ kind: string }>(database, 'SELECT kind FROM forms')).toEqual([{ kind: 'prechat' }]);

    expect(identified.problems).toEqual([]);
    expect(forged.problems).toEqual([]);
    expect(julie.problems).toEqual([]);
  }, 60_000);
});
