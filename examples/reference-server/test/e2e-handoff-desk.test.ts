/**
 * The community manager's desk end to end, in headless Chromium against the reference server: Sophie
 * (role `community`) signs in to the console, which is her handoff desk. She makes a link for a Facebook
 * post with the form, naming Julie as the advisor, and copies it. The customer opens it on the demo store,
 * is told Julie from Billing will continue, and lands in Julie's queue; Julie sees the case with Sophie's
 * name. Sophie's desk follows it: opened, with Julie, resolved, with the public reply to post.
 * Screenshots: docs/screens/handoff-desk-en.png and handoff-desk-fr-CA.png.
 */
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAgent, openVisitor, PASSWORD, takeTopic } from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';

const e2e = e2eSuite();
const SCREENS = fileURLToPath(new URL('../../../docs/screens/', import.meta.url));
const API_KEY = 'e2e-social-tool-key-0123456789abcdef';
const TOPICS = ['Plans', 'Billing', 'Technical support'];
const POST = 'https://www.facebook.com/shop/posts/pfbid0Ana';

/** The WCAG 2 A/AA violations axe-core finds on the whole page. */
async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag22aa']).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Elements of the desk whose content is wider than their box (a long French word, a long URL…). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.desk *')]
      .filter((element) => !['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
      // Read by screen readers only, in a 1-pixel box on purpose.
      .filter((element) => !element.closest('.visually-hidden'))
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`,
      ),
  );
}

/** The status of the handoff whose card holds `text`, after asking the server again. */
async function statusOf(page: Page, text: string): Promise<string | null> {
  await page.getByRole('button', { name: 'Refresh' }).click();
  return page.locator('.desk-item', { hasText: text }).locator('.desk-status').textContent();
}

describe('the handoff desk', () => {
  it('makes a link in the console that the customer opens, and follows it to the public reply', async () => {
    const server = await e2e.start('handoff-desk', {
      topics: TOPICS,
      apiKeys: { 'Social inbox': API_KEY },
      agents: [
        { login: 'julie', firstName: 'Julie', password: PASSWORD, role: 'admin' },
        {
          login: 'sophie',
          firstName: 'Sophie',
          title: 'Social media',
          password: PASSWORD,
          role: 'community',
        },
      ],
    });
    // A link the social tool made earlier, still waiting for its customer.
    const earlier = await fetch(`${server.url}/api/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'google',
        handle: 'Marie-Ève Tremblay-Bouchard',
        postUrl: 'https://maps.google.com/review/42',
        summary: 'une livraison arrivée avec deux semaines de retard et un colis abîmé',
        topic: 'Plans',
      }),
    });
    expect(earlier.status).toBe(201);
    const julie = await openAgent(e2e.browser, server.url, 'Julie');
    const sophie = await openAgent(e2e.browser, server.url, 'Sophie');
    e2e.keep(julie, sophie);
    await takeTopic(julie.page, 'Billing');
    const desk = sophie.page;
    await desk.getByRole('heading', { name: 'Handoff links', level: 1 }).waitFor();
    expect(await desk.getByRole('navigation').count()).toBe(0);

    // Sophie makes the link for Ana's public post.
    await desk.getByLabel('Where the customer wrote').selectOption('facebook');
    await desk.getByLabel('Public handle').fill('Ana Quintal');
    await desk.getByLabel('Link to the post').fill(POST);
    await desk.getByLabel('What it is about').fill('a double charge on the November invoice');
    await desk.getByLabel('Detail 1: label').fill('Invoice');
    await desk.getByLabel('Detail 1: value').fill('F-2026-1142');
    await desk.getByLabel('Topic').selectOption('Billing');
    await desk.getByLabel('Advisor (optional)').selectOption({ label: 'Julie' });
    await desk.getByRole('button', { name: 'Make the link' }).click();
    const link = desk.getByLabel('Handoff link', { exact: true });
    await expect.poll(() => link.inputValue()).toMatch(/\?clavard=h_/);
    const url = new URL(await link.inputValue());
    await sophie.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await desk.getByRole('button', { name: 'Copy the link' }).click();
    await desk.locator('.desk-made').getByText('Copied').waitFor();
    expect(await desk.evaluate(() => navigator.clipboard.readText())).toBe(url.href);
    expect(await statusOf(desk, 'Ana Quintal')).toBe('Waiting for the customer');

    // Ana opens it on the store: the conversation starts about her case, routed to Julie.
    const ana = await openVisitor(e2e.browser, server.url, 'websocket', e2e.pages, {
      path: `${url.pathname}${url.search}`,
    });
    e2e.keep(ana);
    await ana.page
      .getByRole('dialog')
      .getByText(
        'You wrote to us on Facebook about a double charge on the November invoice. Julie from Billing will continue here, privately.',
      )
      .waitFor();
    await expect.poll(() => statusOf(desk, 'Ana Quintal')).toBe('Opened, waiting for an advisor');

    const first = julie.page.locator('.queue-entry').first();
    await expect.poll(() => first.textContent()).toContain('You wrote to us on Facebook');
    await first.getByRole('button', { name: /Take the conversation/ }).click();
    const handed = julie.page.getByRole('region', { name: 'Handed over from Facebook' });
    await handed.getByText('F-2026-1142').waitFor();
    await handed.getByText(/^Sophie, /).waitFor();
    await expect.poll(() => statusOf(desk, 'Ana Quintal')).toBe('With Julie');

    // Julie ends it: the desk shows it resolved, with the reviewed public reply to post.
    await julie.page.getByRole('button', { name: 'End conversation…' }).click();
    await julie.page.getByRole('button', { name: 'End with this closing' }).click();
    await expect.poll(() => statusOf(desk, 'Ana Quintal')).toBe('Resolved');
    const resolved = desk.locator('.desk-item', { hasText: 'Ana Quintal' });
    await resolved
      .getByText('We sorted this out with you in private. Thank you for your patience!')
      .waitFor();
    expect(
      await desk
        .locator('.desk-item', { hasText: 'Marie-Ève Tremblay-Bouchard' })
        .locator('.desk-status')
        .textContent(),
    ).toBe('Waiting for the customer');
    expect(await axe(desk)).toEqual([]);
    await desk.screenshot({ path: `${SCREENS}handoff-desk-en.png` });
    await desk.getByLabel('Language').selectOption('fr-CA');
    await desk.getByRole('heading', { name: 'Liens de transmission', level: 1 }).waitFor();
    expect(await axe(desk)).toEqual([]);
    expect(await overflowing(desk)).toEqual([]);
    expect(await desk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await desk.screenshot({ path: `${SCREENS}handoff-desk-fr-CA.png` });
  }, 120_000);
});
