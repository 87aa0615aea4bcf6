/**
 * The split script tag in headless Chromium: `clavard.js` shows a plain launcher and loads
 * `clavard-panel.js` (pinned by its integrity hash) on first open, or when a conversation is in progress.
 * Under the strict CSP with Trusted Types required. Screenshots go to packages/widget/test-results/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { ServerMessage } from '@clavard/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { animationsSettled, type StaticFile, serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import {
  consentFileFor,
  extrasFileFor,
  hostFiles,
  hostPage,
  panelFileFor,
  screenshotPath,
  strictCsp,
} from './support/embed-page.js';
import { focusedInWidget, plainThenPanelLook } from './support/launcher-look.js';

const f = useEmbedFixture();

interface Visit {
  page: Page;
  /** Paths of the script files the page requested, in order. */
  scripts: string[];
  console: string[];
  errors: string[];
}

/** The host page under the strict CSP, its files in `files` (change them to serve other bytes). */
async function serve(data: Record<string, string> = {}): Promise<Record<string, StaticFile>> {
  const csp = strictCsp(`ws://127.0.0.1:${new URL(f.server.wsUrl).port}`);
  const headers = { 'content-security-policy': csp };
  const page = hostPage({
    data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', ...data },
    scripts: ['/snippet.js', '/error-logger.js', '/csp-logger.js'],
  });
  const files = {
    ...hostFiles(f.embed, page, headers),
    '/csp-logger.js': {
      body: `document.addEventListener('securitypolicyviolation', function (event) {
  console.log('csp-violation ' + event.violatedDirective + ' ' + event.blockedURI);
});\n`,
      type: 'text/javascript',
    },
  };
  f.site = await serveStatic(files);
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  return files;
}

async function visit(): Promise<Visit> {
  if (!f.context || !f.site) throw new Error('serve() first');
  const page = await f.context.newPage();
  const visited: Visit = { page, scripts: [], console: [], errors: [] };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/clavard')) visited.scripts.push(pathname);
  });
  page.on('console', (message) => visited.console.push(message.text()));
  page.on('pageerror', (error) => visited.errors.push(error.message));
  await page.goto(`${f.site.url}/`);
  return visited;
}

const nextVisitorMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const stop = f.chat.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message);
    });
  });

const clavardErrors = (lines: string[]): Array<Record<string, string>> =>
  lines
    .filter((line) => line.startsWith('clavard-error '))
    .map((line) => JSON.parse(line.slice('clavard-error '.length)) as Record<string, string>);

describe('the first file alone', () => {
  it('requests only clavard.js before the first open, and clavard-panel.js once when opened', async () => {
    await serve();
    const { page, scripts, console: lines, errors } = await visit();
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('split-plain-launcher') });
    expect(scripts).toEqual(['/clavard.js']);
    await launcher.click();
    await page.getByRole('button', { name: 'Close chat' }).click();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await animationsSettled(page); // the panel's fade-in has finished: the screenshot shows it at rest
    await page.screenshot({ path: screenshotPath('split-panel-open') });
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js']);
    expect(lines).toEqual([]); // no CSP or Trusted Types violation, no error
    expect(errors).toEqual([]);
  });

  for (const locale of ['en', 'fr-CA']) {
    it(`looks and reads like the panel’s launcher that replaces it, in ${locale}`, async () => {
      await serve({ locale, 'brand-color': '#ffcc00', position: 'left' });
      const { page } = await visit();
      const { plain, panel } = await plainThenPanelLook(page, `split-panel-launcher-${locale}`);
      expect(panel).toEqual(plain);
    });
  }

  it('loads the panel of the visitor’s language: clavard-panel.fr.js for French, with French texts', async () => {
    await serve({ locale: 'fr-CA' });
    const { page, scripts, console: lines, errors } = await visit();
    await page.getByRole('button', { name: 'Ouvrir le clavardage' }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Envoyer' }).isVisible()).toBe(true);
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.fr.js']);
    expect(lines).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('removes the plain launcher on shutdown(), and later calls load nothing', async () => {
    await serve();
    const { page, scripts } = await visit();
    await expect.poll(() => page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    const sent = await page.evaluate(() => {
      const api = window.Clavard;
      api?.shutdown?.();
      api?.open?.();
      return api?.send?.('After shutdown');
    });
    expect(sent).toBeUndefined();
    expect(await page.locator('clavard-widget').count()).toBe(0);
    expect(scripts).toEqual(['/clavard.js']);
  });
});

describe('the panel file', () => {
  it('is refused when its bytes do not match the hash: one ChatError, then the next click loads it', async () => {
    const files = await serve();
    const genuine = panelFileFor(f.embed);
    files['/clavard-panel.js'] = {
      body: genuine.replace('Fibre', 'Fibra').concat('\n;document.title="tampered";'),
      type: 'text/javascript',
    };
    const { page, scripts, console: lines, errors } = await visit();
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.click();
    await expect.poll(() => clavardErrors(lines).length).toBe(1);
    expect(clavardErrors(lines)[0]).toMatchObject({ name: 'ChatError', code: 'unavailable' });
    expect(await page.title()).toBe('Fibre Nord shop');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await launcher.isVisible()).toBe(true);

    files['/clavard-panel.js'] = { body: genuine, type: 'text/javascript' };
    await launcher.click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-panel.js']);
    expect(clavardErrors(lines)).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is loaded without a click when a conversation is in progress, and the unread badge comes back', async () => {
    await serve();
    const first = await visit();
    await first.page.getByRole('button', { name: 'Open chat' }).click();
    const composer = first.page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => composer.isVisible()).toBe(true);
    const received = nextVisitorMessage();
    await composer.fill('Do you deliver to Laval?');
    await composer.press('Enter');
    const message = await received;
    await expect
      .poll(() => first.page.evaluate(() => localStorage.getItem('clavard:default') ?? ''))
      .toContain('"conversationId"');
    await first.page.close();

    f.chat.agents.join(message.conversationId, { id: 'a1', firstName: 'Julie' });
    f.chat.agents.send(message.conversationId, 'a1', 'We do!');
    const second = await visit();
    await expect
      .poll(() => second.page.getByRole('button', { name: /^Open chat, \d+ unread message/ }).isVisible())
      .toBe(true);
    await second.page.screenshot({ path: screenshotPath('split-resumed-unread') });
    expect(second.scripts).toEqual(['/clavard.js', '/clavard-panel.js']);
    expect(second.errors).toEqual([]);
  });
});

/** The visitor opens the panel and writes; Julie joins. Returns the conversation id. */
async function startChat(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect.poll(() => composer.isVisible()).toBe(true);
  const received = nextVisitorMessage();
  await composer.fill('My invoice is wrong');
  await composer.press('Enter');
  const { conversationId } = await received;
  f.chat.agents.join(conversationId, { id: 'a1', firstName: 'Julie' });
  await expect.poll(() => page.locator('p.notice', { hasText: 'Julie has joined' }).isVisible()).toBe(true);
  return conversationId;
}

const askVerification = (conversationId: string) =>
  f.chat.agents.requestForm(conversationId, {
    kind: 'verification',
    fields: [{ name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true }],
  });

describe('the panel and extras files without the first file', () => {
  it('run nothing, define no global and show nothing when a page loads them on their own', async () => {
    const files = await serve();
    files['/'] = {
      body: [
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alone</title>',
        '<script src="/csp-logger.js"></script>',
        '<script src="/clavard-panel.js"></script><script src="/clavard-extras.js"></script>',
        '</head><body><p>No chat here.</p></body></html>',
      ].join('\n'),
      type: 'text/html',
      headers: { 'content-security-policy': strictCsp('ws://127.0.0.1:1') },
    };
    const { page, scripts, console: lines, errors } = await visit();
    await page.waitForLoadState('load');
    expect(scripts).toEqual(['/clavard-panel.js', '/clavard-extras.js']);
    expect(await page.evaluate(() => Object.hasOwn(window, 'Clavard'))).toBe(false);
    expect(await page.locator('clavard-widget').count()).toBe(0);
    expect(lines).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the extras file (forms and the end survey)', () => {
  it('is loaded, pinned by its hash, only when a form is first shown, and serves the survey too', async () => {
    await serve();
    const { page, scripts, console: lines, errors } = await visit();
    const id = await startChat(page);
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js']);

    askVerification(id);
    const form = page.getByRole('form', { name: 'Verify your identity' });
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await form.getByLabel('Date of birth').getAttribute('type')).toBe('password');
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-extras.js']);

    f.chat.agents.end(id, 'Thank you for writing to Fibre Nord.');
    const survey = page.getByRole('group', { name: 'Was your problem solved?' });
    await expect.poll(() => survey.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('split-extras-survey') });
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-extras.js']);
    expect(lines).toEqual([]); // no CSP or Trusted Types violation, no error
    expect(errors).toEqual([]);
  });

  it('is refused when its bytes do not match the hash: "could not be loaded", one ChatError, and Retry loads it', async () => {
    const files = await serve();
    const genuine = extrasFileFor(f.embed);
    files['/clavard-extras.js'] = {
      body: genuine.concat('\n;document.title="tampered";'),
      type: 'text/javascript',
    };
    const { page, scripts, console: lines, errors } = await visit();
    const id = await startChat(page);
    askVerification(id);
    const failed = page.getByRole('alert').filter({ hasText: 'This part of the chat could not be loaded.' });
    await expect.poll(() => failed.isVisible()).toBe(true);
    await expect.poll(() => clavardErrors(lines).length).toBe(1);
    expect(clavardErrors(lines)[0]).toMatchObject({ name: 'ChatError', code: 'unavailable' });
    expect(await page.title()).toBe('Fibre Nord shop');
    await animationsSettled(page);
    const { violations } = await new AxeBuilder({ page }).include('clavard-widget').analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    await page.screenshot({ path: screenshotPath('split-extras-failed') });

    files['/clavard-extras.js'] = { body: genuine, type: 'text/javascript' };
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Verify your identity' }).isVisible()).toBe(true);
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-extras.js', '/clavard-extras.js']);
    expect(clavardErrors(lines)).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('consent asked by the script tag', () => {
  it('shows the notice from the consent file: no panel, no connection, nothing stored; the panel comes once the visitor agrees', async () => {
    await serve({ 'consent-version': '2026-11', 'consent-policy': '/privacy' });
    const visited = await visit();
    const { page } = visited;
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const launcher = page.locator('clavard-widget button.launcher');
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await launcher.click();
    const notice = page.getByRole('dialog', { name: /Before we chat/ });
    await notice.waitFor();
    expect(
      await notice.getByRole('link', { name: 'Privacy policy (opens in a new tab)' }).getAttribute('href'),
    ).toBe(`${f.site?.url}/privacy`);
    await expect.poll(() => focusedInWidget(page)).toBe('BUTTON');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(
      'I agree',
    );
    await animationsSettled(page);
    const { violations } = await new AxeBuilder({ page }).include('clavard-widget').analyze();
    expect(violations.map((violation) => violation.id)).toEqual([]);
    await page.screenshot({ path: screenshotPath('split-consent-notice') });
    expect(visited.scripts).toEqual(['/clavard.js', '/clavard-consent.js']);
    expect(sockets).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

    // "Not now": the notice closes, the launcher has the focus back, still nothing loaded.
    await notice.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(() => focusedInWidget(page)).toBe('BUTTON');
    expect(visited.scripts).toEqual(['/clavard.js', '/clavard-consent.js']);

    // Agreed (the consent file, kept, is not loaded again): the panel loads and opens, and the consent
    // goes with the first message.
    await launcher.click();
    await page.getByRole('button', { name: 'I agree' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Fibre Nord' }).isVisible()).toBe(true);
    expect(visited.scripts).toEqual(['/clavard.js', '/clavard-consent.js', '/clavard-panel.js']);
    const first = nextVisitorMessage();
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello after consent');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await first;
    expect(f.chat.conversations()[0]?.consent).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      version: '2026-11',
      policyUrl: `${f.site?.url}/privacy`,
    });
    expect(visited.errors).toEqual([]);
    expect(visited.console.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
  });

  it('asks once when the page cannot keep anything: the panel finds the consent the notice took', async () => {
    await serve({ 'consent-version': '2026-11' });
    // localStorage refuses every write, as a browser does for a full or blocked storage.
    await f.context?.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('refused', 'QuotaExceededError');
      };
    });
    const { page, scripts, errors } = await visit();
    await page.locator('clavard-widget button.launcher').click();
    await page.getByRole('button', { name: 'I agree' }).click();
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.waitFor();
    expect(await page.getByRole('button', { name: 'I agree' }).count()).toBe(0);
    const first = nextVisitorMessage();
    await message.fill('Hello without storage');
    await message.press('Enter');
    expect((await first).content).toEqual({ kind: 'text', text: 'Hello without storage' });
    expect(f.chat.conversations()[0]?.consent?.version).toBe('2026-11');
    expect(scripts).toEqual(['/clavard.js', '/clavard-consent.js', '/clavard-panel.js']);
    expect(errors).toEqual([]);
  });

  it('asks in the panel, with the notice from the extras file, when the consent on record cannot be read there', async () => {
    await serve({ 'consent-version': '2026-11' });
    // Consent given on an earlier page; now the storage reads but refuses writes (full): clavard.js
    // finds the consent and loads the panel, whose client cannot use that storage.
    await f.context?.addInitScript(() => {
      localStorage.setItem(
        'clavard:default:consent',
        JSON.stringify({ at: '2026-11-02T10:00:00Z', version: '2026-11' }),
      );
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    const { page, scripts, errors } = await visit();
    await page.locator('clavard-widget button.launcher').click();
    const agree = page.getByRole('dialog', { name: 'Fibre Nord' }).getByRole('button', { name: 'I agree' });
    await agree.waitFor();
    expect(scripts).toEqual(['/clavard.js', '/clavard-panel.js', '/clavard-extras.js']);
    await agree.click();
    const message = page.getByRole('textbox', { name: 'Message' });
    const first = nextVisitorMessage();
    await message.fill('Hello again');
    await message.press('Enter');
    expect((await first).content).toEqual({ kind: 'text', text: 'Hello again' });
    expect(errors).toEqual([]);
  });

  it('does not show a consent file whose bytes do not match the hash: one ChatError, no panel, and the next open loads it', async () => {
    const files = await serve({ 'consent-version': '2026-11' });
    const genuine = consentFileFor(f.embed);
    files['/clavard-consent.js'] = {
      body: genuine.concat('\n;document.title="tampered";'),
      type: 'text/javascript',
    };
    const { page, scripts, console: lines, errors } = await visit();
    const launcher = page.locator('clavard-widget button.launcher');
    await launcher.click();
    await expect.poll(() => clavardErrors(lines).length).toBe(1);
    expect(clavardErrors(lines)[0]).toMatchObject({ name: 'ChatError', code: 'unavailable' });
    expect(clavardErrors(lines)[0]?.message).toMatch(
      /the consent file .*clavard-consent\.js could not be loaded/,
    );
    expect(await page.title()).toBe('Fibre Nord shop');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(scripts).toEqual(['/clavard.js', '/clavard-consent.js']);

    files['/clavard-consent.js'] = { body: genuine, type: 'text/javascript' };
    await launcher.click();
    await page.getByRole('dialog', { name: /Before we chat/ }).waitFor();
    expect(scripts).toEqual(['/clavard.js', '/clavard-consent.js', '/clavard-consent.js']);
    expect(clavardErrors(lines)).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('csp-violation'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
