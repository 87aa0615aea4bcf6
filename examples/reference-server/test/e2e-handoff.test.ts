/**
 * Handoff links end to end, in headless Chromium against the reference server (port 0, a temporary SQLite
 * file): a social tool creates a handoff through the API (with its key); the customer opens the link on the
 * demo store, and the widget opens by itself on a conversation that says where they wrote and who continues,
 * routed to the agent of the handoff's topic ahead of the ordinary queue; in French for a French browser;
 * the link opened in another browser, a tampered link and an expired link each get their notice, and the
 * visitor can still write; the agent who takes it sees the case beside the conversation. Screenshots:
 * docs/screens/handoff-customer-en-light-desktop.png, handoff-customer-fr-CA-light-phone.png,
 * handoff-advisor-en.png and handoff-advisor-fr-CA.png.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, takeTopic, visitorSays } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();
/** The customer's first screen, in the READMEs: docs/screens/handoff-customer-*.png. */
const SCREENS = fileURLToPath(new URL('../../../docs/screens/', import.meta.url));
const API_KEY = 'e2e-social-tool-key-0123456789abcdef';
const TOPICS = ['Plans', 'Billing', 'Technical support'];

/** What a social tool sends for Ana's public post about a double charge. */
const ANA = {
  channel: 'x',
  handle: '@ana_q',
  postUrl: 'https://x.com/ana_q/status/1866',
  summary: 'a double charge',
  details: [{ label: 'Invoice', value: 'November 2026' }],
  topic: 'Billing',
};

/** Creates a handoff through the API; resolves with the link's path on the demo store and its token. */
async function createHandoff(base: string, body: object = ANA): Promise<{ path: string; token: string }> {
  const res = await fetch(`${base}/api/handoffs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  const { url } = (await res.json()) as { url: string };
  const link = new URL(url);
  return { path: `${link.pathname}${link.search}`, token: link.searchParams.get('clavard') ?? '' };
}

/** The notice the widget shows under its greeting. */
const notice = (page: Page) => page.getByRole('dialog').locator('.log .notice').first();

describe('handoff links', () => {
  it('opens the customer on a conversation about their case, routed to the topic’s agent ahead of the queue', async () => {
    const server = await e2e.start('handoff', { topics: TOPICS, apiKeys: { social: API_KEY } });
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const marc = await openAgent(e2e.browser, server.url, 'Marc');
    e2e.keep(julie, marc);
    await takeTopic(julie.page, 'Billing');
    await takeTopic(marc.page, 'Technical support');
    // An ordinary visitor waits first.
    const bob = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages);
    e2e.keep(bob);
    await bob.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorSays(bob.page, 'Hello, a question about plans');

    const { path } = await createHandoff(server.url);
    const ana = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, { path });
    e2e.keep(ana);
    const dialog = ana.page.getByRole('dialog');
    await dialog
      .getByText(
        'You wrote to us on X about a double charge. Someone from Billing will continue here, privately.',
      )
      .waitFor();
    // The token left the address bar.
    expect(new URL(ana.page.url()).searchParams.has('clavard')).toBe(false);
    await ana.page.screenshot({ path: `${SCREENS}handoff-customer-en-light-desktop.png` });

    // Julie (Billing) has it first in her queue; Marc (Technical support) does not have it.
    const first = julie.page.locator('.queue-entry').first();
    await expect.poll(() => first.textContent()).toContain('You wrote to us on X');
    expect(await marc.page.locator('.queue-entry', { hasText: 'You wrote to us on X' }).count()).toBe(0);

    // Julie takes it and sees the case beside the conversation: the customer repeats nothing.
    await first.getByRole('button', { name: /Take the conversation/ }).click();
    const handed = julie.page.getByRole('region', { name: 'Handed over from X' });
    await handed.getByText('a double charge').waitFor();
    await handed.getByText('November 2026').waitFor();
    expect(await handed.getByRole('link', { name: 'Open the post' }).getAttribute('href')).toBe(ANA.postUrl);
    await ana.page.getByRole('dialog').getByRole('heading', { name: 'Julie' }).waitFor();
    await julie.page.screenshot({ path: `${SCREENS}handoff-advisor-en.png` });
    await julie.page.getByLabel('Language').selectOption('fr-CA');
    await julie.page.getByRole('region', { name: 'Transmis depuis X' }).waitFor();
    await julie.page.screenshot({ path: `${SCREENS}handoff-advisor-fr-CA.png` });
    await julie.page.getByLabel('Langue').selectOption('en');

    // The same link in another browser: used, and that visitor can still write.
    const other = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, { path });
    e2e.keep(other);
    await expect
      .poll(() => notice(other.page).textContent())
      .toBe('This link was already opened in another browser. Write to us here to start a new conversation.');
    await visitorSays(other.page, 'I have another question');
  }, 120_000);

  it('greets a French-speaking customer in French, on a phone', async () => {
    const server = await e2e.start('handoff-fr', { topics: TOPICS, apiKeys: { social: API_KEY } });
    const { path } = await createHandoff(server.url, {
      ...ANA,
      channel: 'facebook',
      summary: 'une double facturation',
    });
    const ana = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      path,
      locale: 'fr-CA',
      viewport: { width: 390, height: 844 },
    });
    e2e.keep(ana);
    await ana.page
      .getByRole('dialog')
      .getByText(
        'Vous nous avez écrit sur Facebook au sujet de ceci\u00a0: «\u00a0une double facturation\u00a0». Une personne de l’équipe Billing poursuivra ici, en privé.',
      )
      .waitFor();
    await ana.page.screenshot({ path: `${SCREENS}handoff-customer-fr-CA-light-phone.png` });
  }, 120_000);

  it('says a tampered link is not valid and an expired one has expired', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const server = await e2e.start('handoff-refused', {
      topics: TOPICS,
      apiKeys: { social: API_KEY },
      now: () => now,
    });
    const { token } = await createHandoff(server.url);
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}x`;
    const visitor = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      path: `/?clavard=${tampered}`,
    });
    e2e.keep(visitor);
    await expect
      .poll(() => notice(visitor.page).textContent())
      .toBe('This link is not valid. Write to us here to start a new conversation.');

    now += 8 * 24 * 3600 * 1000; // past the 7 days a link lasts
    const late = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      path: `/?clavard=${token}`,
    });
    e2e.keep(late);
    await expect
      .poll(() => notice(late.page).textContent())
      .toBe('This link has expired. Write to us here to start a new conversation.');
  }, 120_000);
});
