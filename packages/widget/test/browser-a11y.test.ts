/**
 * The script tag in headless Chromium for people who use a keyboard, a screen reader or a phone:
 * keyboard-only run-through, axe-core in every state, and full screen on a 375×667 viewport.
 * Screenshots go to packages/widget/test-results/.
 */

import AxeBuilder from '@axe-core/playwright';
import type { ServerMessage } from '@clavard/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { animationsSettled, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, screenshotPath } from './support/embed-page.js';

const f = useEmbedFixture();

async function open(data: Record<string, string>, viewport = { width: 1024, height: 720 }): Promise<Page> {
  f.site = await serveStatic(hostFiles(f.embed, hostPage({ data: { url: f.server.wsUrl, ...data } })));
  f.context = await f.browser.newContext({ viewport });
  const page = await f.context.newPage();
  await page.goto(`${f.site.url}/`);
  return page;
}

/**
 * axe-core on the widget in light and then dark, once its animations have finished: for each scheme,
 * `"<label> <scheme>"` → the violations as `rule: targets`.
 */
async function axeBothSchemes(page: Page, label: string): Promise<Record<string, string[]>> {
  const results: Record<string, string[]> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await animationsSettled(page);
    const { violations } = await new AxeBuilder({ page }).include('clavard-widget').analyze();
    results[`${label} ${colorScheme}`] = violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  }
  return results;
}

/** What has focus inside the widget's shadow root: `tag.class`, or '' when focus is outside it. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : '';
  });

const nextVisitorMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const stop = f.chat.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message);
    });
  });

describe('keyboard only', () => {
  it('Tab reaches the launcher, Enter opens, the composer has focus, Enter sends, Escape closes back to the launcher', async () => {
    const page = await open({ 'brand-name': 'Fibre Nord' });
    await expect.poll(() => page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    const stops: string[] = [];
    for (let presses = 0; presses < 5 && (await focused(page)) !== 'button.launcher'; presses++) {
      await page.keyboard.press('Tab');
      stops.push((await focused(page)) || 'page');
    }
    expect(stops.at(-1)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^textarea/);
    const received = nextVisitorMessage();
    await page.keyboard.type('Typed with the keyboard only');
    await page.keyboard.press('Enter');
    expect((await received).content).toMatchObject({ text: 'Typed with the keyboard only' });
    await page.screenshot({ path: screenshotPath('keyboard-sent') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('button.launcher');
  });
});

describe('after the end', () => {
  it('"New conversation" is reached by keyboard, passes axe, and the next message starts a new conversation', async () => {
    const page = await open({ 'brand-name': 'Fibre Nord', open: '' });
    const composer = page.locator('clavard-widget #clavard-composer');
    await expect.poll(() => composer.isEnabled()).toBe(true);
    const first = nextVisitorMessage();
    await composer.fill('First question');
    await composer.press('Enter');
    const firstId = (await first).conversationId;
    f.chat.agents.join(firstId, { id: 'a1', firstName: 'Julie' });
    f.chat.agents.end(firstId, 'Thank you, goodbye.');
    const restart = page.locator('clavard-widget button.new-conversation');
    await expect.poll(() => restart.isVisible()).toBe(true);
    await animationsSettled(page);
    const { violations } = await new AxeBuilder({ page }).include('clavard-widget').analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    await page.screenshot({ path: screenshotPath('ended-new-conversation') });

    await restart.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^textarea/);
    const second = nextVisitorMessage();
    await page.keyboard.type('Second question');
    await page.keyboard.press('Enter');
    const secondId = (await second).conversationId;
    expect(secondId).not.toBe(firstId);
    expect(f.chat.conversations().map((conversation) => conversation.id)).toEqual([firstId, secondId]);
    // axe and a dozen round trips: more than the default 5 s on a busy machine.
  }, 30_000);
});

describe('axe-core', () => {
  for (const locale of ['en', 'fr-CA']) {
    it(`reports no violations, closed and open, light and dark, in ${locale}`, async () => {
      const page = await open({ 'brand-name': 'Fibre Nord', 'brand-color': '#ffcc00', locale });
      const launcher = page.locator('clavard-widget button.launcher');
      await expect.poll(() => launcher.isVisible()).toBe(true);
      const results: Record<string, string[]> = {};
      for (const state of ['closed', 'open'] as const) {
        if (state === 'open') {
          await launcher.click();
          await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
        }
        Object.assign(results, await axeBothSchemes(page, state));
        await page.screenshot({ path: screenshotPath(`axe-${locale}-${state}-dark`) });
      }
      expect(results).toEqual({ 'closed light': [], 'closed dark': [], 'open light': [], 'open dark': [] });
    }, 30_000);
  }
});

describe('forms', () => {
  for (const locale of ['en', 'fr-CA']) {
    it(`a verification form and a leave-a-message form, untouched and with errors, and the end survey pass axe in ${locale}`, async () => {
      const page = await open({ 'brand-name': 'Fibre Nord', open: '', locale });
      const composer = page.locator('clavard-widget #clavard-composer');
      await expect.poll(() => composer.isEnabled()).toBe(true);
      const first = nextVisitorMessage();
      await composer.fill('My bill is wrong');
      await composer.press('Enter');
      const id = (await first).conversationId;
      f.chat.agents.join(id, { id: 'a1', firstName: 'Julie' });
      f.chat.agents.requestForm(id, {
        formId: 'verify-1',
        kind: 'verification',
        reason:
          locale === 'en'
            ? 'We check this before we look at your account.'
            : 'Nous vérifions avant de consulter votre compte.',
        fields: [
          {
            name: 'dob',
            type: 'date',
            label: locale === 'en' ? 'Date of birth' : 'Date de naissance',
            required: true,
            sensitive: true,
          },
          {
            name: 'postal',
            type: 'text',
            label: locale === 'en' ? 'Postal code' : 'Code postal',
            required: true,
          },
        ],
      });
      f.chat.agents.requestForm(id, {
        formId: 'offline-1',
        kind: 'offline',
        fields: [
          { name: 'email', type: 'email', label: locale === 'en' ? 'Email' : 'Courriel', required: true },
          {
            name: 'topic',
            type: 'select',
            label: locale === 'en' ? 'Topic' : 'Sujet',
            options: [{ value: 'billing', label: locale === 'en' ? 'Billing' : 'Facturation' }],
          },
          { name: 'message', type: 'textarea', label: 'Message', required: true },
          {
            name: 'copy',
            type: 'checkbox',
            label: locale === 'en' ? 'Send me a copy' : 'M’envoyer une copie',
          },
        ],
      });
      const forms = page.locator('clavard-widget form.form-card');
      await expect.poll(() => forms.count()).toBe(2);
      const results: Record<string, string[]> = {};
      for (const state of ['untouched', 'errors'] as const) {
        if (state === 'errors') {
          for (const button of await forms.locator('.form-submit').all()) await button.click();
          await expect.poll(() => page.locator('clavard-widget .form-error').count()).toBe(4);
        }
        Object.assign(results, await axeBothSchemes(page, state));
        await forms.first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: screenshotPath(`forms-${locale}-${state}`) });
      }
      // Ended: the survey (solved, rating, note, transcript) joins the forms.
      f.chat.agents.end(id, locale === 'en' ? 'Thank you, goodbye.' : 'Merci, au revoir.');
      await page.locator('clavard-widget .end form').waitFor();
      Object.assign(results, await axeBothSchemes(page, 'ended'));
      await page.locator('clavard-widget .end').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`forms-${locale}-ended`) });
      expect(results).toEqual({
        'untouched light': [],
        'untouched dark': [],
        'errors light': [],
        'errors dark': [],
        'ended light': [],
        'ended dark': [],
      });
    }, 30_000);
  }
});

describe('on a phone', () => {
  it('shows the open panel full screen on a 375×667 viewport', async () => {
    const page = await open({ 'brand-name': 'Fibre Nord', open: '' }, { width: 375, height: 667 });
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await animationsSettled(page);
    await page.screenshot({ path: screenshotPath('phone-375x667-open') });
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
  });
});
